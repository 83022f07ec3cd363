/**
 * The tuned engine must answer exactly as the engine it replaced: same numbers to the last bit,
 * same keys in the same order (the API serialises them as they are). The oracle is a verbatim copy
 * of the old engine in ./reference-engine/.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type MonthSummaryEntry,
  summariseMonth,
} from "../../functions/src/domain/indicators/month-summary.js";
import {
  type MonthSummaries,
  networkIndicators,
  type RosterEntry,
} from "../../functions/src/domain/indicators/network-indicators.js";
import { monthsNeeded, periodReport } from "../../functions/src/domain/indicators/period-report.js";
import type { Month } from "../../functions/src/domain/period.js";
import {
  parseReportingPeriod,
  type ReportingPeriod,
} from "../../functions/src/domain/reporting-period.js";
import { syntheticMonths } from "../../scripts/bench/synthetic.js";
import { networkIndicators as oracleIndicators } from "./reference-engine/network-indicators.js";
import { periodReport as oracleReport } from "./reference-engine/period-report.js";

const PERIODS = ["2025-03", "2025-Q2", "2025"].map((key) => parseReportingPeriod(key)!);

function expectSameAsOracle(
  period: ReportingPeriod,
  roster: readonly RosterEntry[],
  summaries: MonthSummaries,
  dueDay: number,
) {
  const report = periodReport(period, roster, summaries, dueDay);
  const expected = oracleReport(period, roster, summaries, dueDay);
  // toStrictEqual tells -0 from 0 and undefined from absent; the JSON adds the order of keys.
  expect(report).toStrictEqual(expected);
  expect(JSON.stringify(report)).toBe(JSON.stringify(expected));
  const indicators = networkIndicators(period, roster, summaries, dueDay);
  expect(indicators).toStrictEqual(oracleIndicators(period, roster, summaries, dueDay));
  expect(JSON.stringify(indicators)).toBe(
    JSON.stringify(oracleIndicators(period, roster, summaries, dueDay)),
  );
}

/**
 * A deterministic network in the bench's shape, with the irregularities real ones have: months
 * not sent, late ones, service figures missing, no population, municipalities that left the
 * roster, ISTAT codes with and without a leading zero (JavaScript orders the keys differently).
 */
function syntheticNetwork(seed: number, size: number, period: ReportingPeriod) {
  const make = syntheticMonths(seed, 20);
  const istat = (i: number) => (i % 3 === 0 ? `0${10_000 + i}` : String(100_000 + i));
  const roster: RosterEntry[] = Array.from({ length: size }, (_, i) => ({
    istat: istat(i),
    population: i % 11 === 0 ? undefined : i % 13 === 0 ? 0 : 1_000 + ((i * 7_919) % 90_000),
  }));
  const summaries = new Map<Month, Map<string, MonthSummaryEntry>>();
  monthsNeeded(period).forEach((month, m) => {
    const perMonth = new Map<string, MonthSummaryEntry>();
    // Two more than the roster: municipalities that left the network keep their old entries.
    for (let i = 0; i < size + 2; i++) {
      if ((i * 31 + m * 17 + seed) % 9 === 0) continue;
      const stored = make(istat(i), month);
      if (i % 5 === 0) delete stored.service.surveyResponses;
      if (i % 7 === 0) stored.service = {};
      if (i % 17 === 0) for (const row of stored.procedures) row.total = row.desk = 0;
      // Around the due date (10th of the next month, Rome): some on time, some late.
      const day = String(1 + ((i + m) % 28)).padStart(2, "0");
      const [year, mm] = month.split("-").map(Number) as [number, number];
      const next = mm === 12 ? `${year + 1}-01` : `${year}-${String(mm + 1).padStart(2, "0")}`;
      stored.firstSubmittedAt = `${next}-${day}T08:00:00.000Z`;
      perMonth.set(stored.municipality, summariseMonth(stored));
    }
    summaries.set(month, perMonth);
  });
  return { roster, summaries };
}

describe("the tuned engine answers exactly as the old one (oracle)", () => {
  for (const period of PERIODS) {
    it(`on generated networks of 1 to 300 municipalities, ${period.kind}`, () => {
      for (const [seed, size] of [
        [1, 1],
        [2, 7],
        [3, 300],
      ] as const) {
        const { roster, summaries } = syntheticNetwork(seed, size, period);
        expectSameAsOracle(period, roster, summaries, 10);
      }
    });
  }

  it("on an empty roster and on no summaries at all", () => {
    for (const period of PERIODS) {
      expectSameAsOracle(period, [], new Map(), 10);
      expectSameAsOracle(period, [{ istat: "015182", population: 5 }], new Map(), 10);
    }
  });

  // Summary entries drawn directly: ties, zero and negative-zero parts, odd doubles, repeated
  // municipalities in the roster, area codes that look like numbers, instants with offsets.
  const istatArb = fc.constantFrom("015182", "015146", "100005", "100006", "000001", "7");
  const numberArb = fc.oneof(
    { arbitrary: fc.nat(12), weight: 6 },
    { arbitrary: fc.constantFrom(0, -0), weight: 1 },
    { arbitrary: fc.double(), weight: 1 },
  );
  const pairArb = fc.tuple(numberArb, numberArb);
  const entryArb: fc.Arbitrary<MonthSummaryEntry> = fc.record({
    parts: fc.record(
      {
        filterRate: pairArb,
        satisfactionRate: pairArb,
        withinTargetRate: pairArb,
        meanWaitMinutes: pairArb,
        complaintsPer1000Visits: pairArb,
        visitsPer1000Inhabitants: pairArb,
        openingHoursWeekly: pairArb,
      },
      { requiredKeys: [] },
    ),
    areas: fc.dictionary(fc.constantFrom("anagrafe", "tributi", "10", "2", "edilizia"), pairArb),
    firstSubmittedAt: fc.constantFrom(
      "2025-02-10T22:00:00.000Z",
      "2025-02-10T23:30:00.000Z",
      "2025-04-10T23:59:59+02:00",
      "2025-01-01T00:00:00Z",
      "2026-01-01T00:00:00.000Z",
      "not a date",
    ),
    revision: fc.constant(1),
  });
  const networkArb = fc.record({
    period: fc.constantFrom(...PERIODS),
    roster: fc.array(
      fc.record({
        istat: istatArb,
        population: fc.option(fc.oneof(fc.nat(100_000), fc.constant(0)), { nil: undefined }),
      }),
      { maxLength: 6 },
    ),
    // One draw per month the report needs; a month may have no summary at all.
    months: fc.array(fc.option(fc.dictionary(istatArb, entryArb), { nil: null }), {
      minLength: 24,
      maxLength: 24,
    }),
    dueDay: fc.integer({ min: 1, max: 28 }),
  });

  it("on arbitrary summary entries", () => {
    fc.assert(
      fc.property(networkArb, ({ period, roster, months, dueDay }) => {
        const summaries = new Map<Month, Map<string, MonthSummaryEntry>>();
        monthsNeeded(period).forEach((month, i) => {
          const drawn = months[i];
          if (drawn) summaries.set(month, new Map(Object.entries(drawn)));
        });
        expectSameAsOracle(period, roster, summaries, dueDay);
      }),
      { numRuns: 200 },
    );
  });
});
