import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSmallNetwork, startTestStack, type TestStack } from "../support/test-stack.js";

/**
 * DESIGN §2: rates, ranks and distributions are shared; the API volunteers no count to staff
 * beyond their own. Three municipalities send known counts; staff of one read every indicator
 * period, and no number they receive may be another municipality's count or a network sum.
 */

let stack: TestStack;
let coordinator: string;
let ownStaff: string;
let own: string;
let others: string[];

const MONTHS = ["2024-01", "2025-01", "2025-02", "2025-03"] as const;
const PERIODS = ["2025-01", "2025-02", "2025-Q1", "2025", "2024-01", "2024"];

/** Counts of one municipality-month, as sent. */
interface Counts {
  complaints: number;
  desk1: number;
  total1: number;
  desk2: number;
  total2: number;
  surveySatisfied: number;
  surveyResponses: number;
  servedWithinTarget: number;
  visits: number;
}

/** Primes from `from` up: odd, far apart from one another's sums, never a rate or a rank. */
function primesFrom(from: number): () => number {
  let n = from;
  const isPrime = (k: number) => {
    for (let d = 2; d * d <= k; d++) if (k % d === 0) return false;
    return k > 1;
  };
  return () => {
    while (!isPrime(n)) n++;
    return n++;
  };
}

/** Each count drawn in increasing order, so desk < total, satisfied < responses, served < visits. */
function countsFrom(next: () => number): Counts {
  return {
    complaints: next(),
    desk1: next(),
    total1: next(),
    desk2: next(),
    total2: next(),
    surveySatisfied: next(),
    surveyResponses: next(),
    servedWithinTarget: next(),
    visits: next(),
  };
}

const WAIT_MINUTES = 12;

/** What is sent per municipality and month (absent: not reported). */
const sent = new Map<string, Map<string, Counts>>();

function body(c: Counts) {
  return {
    procedures: [
      { code: "ANA-01", name: "CIE", area: "anagrafe", total: c.total1, desk: c.desk1 },
      { code: "TRI-01", name: "TARI", area: "tributi", total: c.total2, desk: c.desk2 },
    ],
    service: {
      visits: c.visits,
      meanWaitMinutes: WAIT_MINUTES,
      servedWithinTarget: c.servedWithinTarget,
      surveyResponses: c.surveyResponses,
      surveySatisfied: c.surveySatisfied,
      complaints: c.complaints,
      openingHoursWeekly: 36,
    },
  };
}

/**
 * Every count a numerator or denominator could hold, summed over the given months. Opening hours
 * and the mean wait are not counts: one month's value is the field itself, shared as a figure.
 */
function sums(entries: Counts[]): number[] {
  const sum = (f: (c: Counts) => number) => entries.reduce((s, c) => s + f(c), 0);
  return [
    sum((c) => c.total1 + c.total2),
    sum((c) => c.desk1 + c.desk2),
    sum((c) => c.total1),
    sum((c) => c.desk1),
    sum((c) => c.total2),
    sum((c) => c.desk2),
    sum((c) => c.visits),
    sum((c) => c.servedWithinTarget),
    sum((c) => c.surveyResponses),
    sum((c) => c.surveySatisfied),
    sum((c) => c.complaints),
    sum((c) => WAIT_MINUTES * c.visits),
  ];
}

function subsets<T>(items: readonly T[]): T[][] {
  const all: T[][] = [[]];
  for (const item of items) for (const subset of [...all]) all.push([...subset, item]);
  return all.slice(1);
}

/**
 * Another municipality's sums and every network sum that includes another municipality's data,
 * over every set of months (so every period and its comparisons). A network sum to which only
 * the caller contributed is its own count, which it may see.
 */
function forbiddenNumbers(): Set<number> {
  const forbidden = new Set<number>();
  const groups = subsets([own, ...others]).filter((g) => g.some((m) => m !== own));
  for (const months of subsets(MONTHS)) {
    for (const group of groups) {
      const entries = group.flatMap((m) =>
        months.flatMap((month) => sent.get(m)?.get(month) ?? []),
      );
      const fromOthers = group.some((m) => m !== own && months.some((mo) => sent.get(m)?.has(mo)));
      if (fromOthers) for (const n of sums(entries)) forbidden.add(n);
    }
  }
  return forbidden;
}

function ownNumbers(): Set<number> {
  const numbers = new Set<number>();
  for (const months of subsets(MONTHS)) {
    const entries = months.flatMap((month) => sent.get(own)?.get(month) ?? []);
    if (entries.length > 0) for (const n of sums(entries)) numbers.add(n);
  }
  return numbers;
}

/** Every number in a JSON value with the path to it. */
function numbersIn(value: unknown, path: string[] = []): [string[], number][] {
  if (typeof value === "number") return [[path, value]];
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, inner]) => numbersIn(inner, [...path, key]));
  }
  return [];
}

/** Paths of every key that holds counts or a confidence interval. */
function countKeysIn(value: unknown, path: string[] = []): string[][] {
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => [
    ...(["numerator", "denominator", "interval"].includes(key) ? [[...path, key]] : []),
    ...countKeysIn(inner, [...path, key]),
  ]);
}

beforeAll(async () => {
  stack = await startTestStack();
  const seeded = await seedSmallNetwork(stack);
  coordinator = await stack.token(stack.coordinator);
  const third = await stack.call("PUT", "/v1/municipalities/015166", {
    token: coordinator,
    body: { name: "Paderno Dugnano", province: "MI", population: 47_500 },
  });
  expect(third.status).toBe(201);
  own = seeded.rho;
  others = [seeded.este, "015166"];
  ownStaff = await stack.token(seeded.rhoStaff);
  // The caller's counts far above the others', so that its own sums never equal theirs.
  const reports: [string, string[], () => number][] = [
    [own, ["2025-01", "2025-02", "2025-03"], primesFrom(40_000)],
    [seeded.este, ["2024-01", "2025-01", "2025-02"], primesFrom(1_000)],
    // Alone with the caller in no month, but in 2024-01 alone: a network sum is then its count.
    ["015166", ["2024-01", "2025-01"], primesFrom(1_300)],
  ];
  for (const [istat, months, next] of reports) {
    const byMonth = new Map<string, Counts>();
    sent.set(istat, byMonth);
    for (const month of months) {
      const counts = countsFrom(next);
      byMonth.set(month, counts);
      const put = await stack.call("PUT", `/v1/municipalities/${istat}/months/${month}`, {
        token: coordinator,
        body: body(counts),
      });
      expect(put.status, put.text).toBe(200);
    }
  }
});
afterAll(async () => stack?.stop());

describe("what staff see of other municipalities and of the network", () => {
  it("the seed cannot collide: the caller's own sums are none of the hidden numbers", () => {
    const forbidden = forbiddenNumbers();
    expect(forbidden.size).toBeGreaterThan(500);
    expect([...ownNumbers()].filter((n) => forbidden.has(n))).toEqual([]);
    // Rates, ranks, distributions and completeness stay far below every count.
    expect(Math.min(...forbidden)).toBeGreaterThan(1000);
  });

  it.each(PERIODS)(
    "%s: numerator, denominator and interval only in the caller's own entries",
    async (period) => {
      const res = await stack.call("GET", `/v1/indicators/${period}`, { token: ownStaff });
      expect(res.status).toBe(200);
      const keys = countKeysIn(res.body);
      const misplaced = keys.filter(
        (path) => path[path.length - 3] !== "municipalities" || path[path.length - 2] !== own,
      );
      expect(misplaced.map((p) => p.join("."))).toEqual([]);
      if (period.startsWith("2025")) {
        expect(res.body.indicators.filterRate.municipalities[own]).toHaveProperty("numerator");
      }
    },
  );

  it.each(PERIODS)(
    "%s: no number equals another municipality's count or a network sum",
    async (period) => {
      const forbidden = forbiddenNumbers();
      const res = await stack.call("GET", `/v1/indicators/${period}`, { token: ownStaff });
      expect(res.status).toBe(200);
      const leaks = numbersIn(res.body)
        .filter(([, n]) => forbidden.has(n))
        .map(([path, n]) => `${path.join(".")} = ${n}`);
      expect(leaks).toEqual([]);
      // Rates and ranks of the others are still there: that is the point of the network.
      // Este reported in every period asked: its rate and rank are there.
      const other = res.body.indicators.filterRate.municipalities[others[0] as string];
      expect(typeof other?.value).toBe("number");
      expect(typeof other?.rank).toBe("number");
    },
  );

  it("a coordinator still sees every count (and the walk above would catch them)", async () => {
    const forbidden = forbiddenNumbers();
    const res = await stack.call("GET", "/v1/indicators/2025-Q1", { token: coordinator });
    expect(res.status).toBe(200);
    const filter = res.body.indicators.filterRate;
    for (const istat of [own, ...others]) {
      expect(filter.municipalities[istat]).toHaveProperty("numerator");
      expect(filter.municipalities[istat]).toHaveProperty("interval");
    }
    expect(filter).toHaveProperty("interval");
    // The network's pooled filter numerator is Σdesk of every municipality in the quarter.
    const quarter = ["2025-01", "2025-02", "2025-03"];
    const networkDesk = [own, ...others]
      .flatMap((m) => quarter.flatMap((month) => sent.get(m)?.get(month) ?? []))
      .reduce((s, c) => s + c.desk1 + c.desk2, 0);
    expect(filter.numerator).toBe(networkDesk);
    const seen = numbersIn(res.body).filter(([, n]) => forbidden.has(n));
    expect(seen.length).toBeGreaterThan(10);
  });
});

describe("what the published report holds (DESIGN §13: percentages, ranks and distributions only)", () => {
  it.each([...PERIODS, "2025-H1"])(
    "%s: no count key and no number equal to a count or a network sum, for anyone",
    async (period) => {
      const published = await stack.call("POST", "/v1/reports", {
        token: coordinator,
        body: { period },
      });
      expect(published.status, published.text).toBe(200);
      const forbidden = forbiddenNumbers();
      const own = ownNumbers();
      const res = await stack.call("GET", `/v1/reports/${period}/versions/1`, {
        token: ownStaff,
      });
      expect(res.status).toBe(200);
      // Not even the caller's own counts: the report is the same for every member.
      expect(countKeysIn(res.body)).toEqual([]);
      const leaks = numbersIn(res.body)
        .filter(([, n]) => forbidden.has(n) || own.has(n))
        .map(([path, n]) => `${path.join(".")} = ${n}`);
      expect(leaks).toEqual([]);
      // Rates and ranks are there: the walk would have found numbers to test.
      expect(numbersIn(res.body.report.indicators).length).toBeGreaterThan(50);
    },
  );
});
