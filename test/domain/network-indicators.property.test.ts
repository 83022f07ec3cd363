import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { summariseMonth } from "../../functions/src/domain/indicators/month-summary.js";
import { networkIndicators } from "../../functions/src/domain/indicators/network-indicators.js";
import type { ProcedureRow } from "../../functions/src/domain/month.js";
import type { Month } from "../../functions/src/domain/period.js";
import { parseReportingPeriod } from "../../functions/src/domain/reporting-period.js";
import type { StoredMonth } from "../../functions/src/domain/stored-month.js";

const QUARTER = parseReportingPeriod("2025-Q1")!;

const rowArb = fc
  .record({
    code: fc.constantFrom("A", "B", "C", "D"),
    area: fc.constantFrom("anagrafe", "tributi"),
    total: fc.nat(5000),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(
    ({ code, area, total, share }): ProcedureRow => ({
      code,
      name: code,
      area,
      total,
      desk: Math.floor(total * share),
    }),
  );

const monthArb = fc.record({
  procedures: fc.uniqueArray(rowArb, { selector: (r) => r.code, maxLength: 4 }),
  visits: fc.option(fc.nat(10_000), { nil: undefined }),
  complaints: fc.option(fc.nat(50), { nil: undefined }),
});

/** Up to 6 municipalities, each with some of the quarter's three months. */
const networkArb = fc.array(
  fc.record({
    population: fc.integer({ min: 1000, max: 100_000 }),
    months: fc.array(fc.option(monthArb, { nil: null }), { minLength: 3, maxLength: 3 }),
  }),
  { minLength: 1, maxLength: 6 },
);

type Network = typeof networkArb extends fc.Arbitrary<infer T> ? T : never;

function build(network: Network, order: number[] = network.map((_, i) => i), reverseRows = false) {
  const roster = order.map((i) => ({
    istat: String(i).padStart(6, "0"),
    population: network[i]!.population,
  }));
  const summaries = new Map<Month, Map<string, ReturnType<typeof summariseMonth>>>();
  for (const i of order) {
    network[i]!.months.forEach((m, k) => {
      if (!m) return;
      const month = QUARTER.months[k]!;
      const procedures = reverseRows ? [...m.procedures].reverse() : m.procedures;
      const service = {
        ...(m.visits !== undefined ? { visits: m.visits } : {}),
        ...(m.complaints !== undefined ? { complaints: m.complaints } : {}),
      };
      const storedMonth: StoredMonth = {
        municipality: String(i).padStart(6, "0"),
        month,
        revision: 1,
        submittedAt: "2025-01-01T00:00:00Z",
        submittedBy: "x",
        firstSubmittedAt: "2025-01-01T00:00:00Z",
        warnings: [],
        procedures,
        service,
      };
      const perMonth = summaries.get(month) ?? new Map();
      perMonth.set(storedMonth.municipality, summariseMonth(storedMonth));
      summaries.set(month, perMonth);
    });
  }
  return { roster, summaries };
}

describe("indicator engine properties", () => {
  it("pools as the ratio of the summed counts, never a mean of percentages", () => {
    fc.assert(
      fc.property(networkArb, (network) => {
        const { roster, summaries } = build(network);
        const result = networkIndicators(QUARTER, roster, summaries, 10);
        let desk = 0;
        let total = 0;
        for (const m of network.flatMap((n) => n.months))
          for (const r of m?.procedures ?? []) {
            desk += r.desk;
            total += r.total;
          }
        const expected = total > 0 ? (100 * desk) / total : null;
        if (expected === null) expect(result.indicators.filterRate.pooled).toBeNull();
        else expect(result.indicators.filterRate.pooled).toBeCloseTo(expected, 9);
      }),
    );
  });

  it("gives the same figures whatever the order of municipalities and of rows", () => {
    fc.assert(
      fc.property(networkArb, fc.context(), (network, ctx) => {
        const original = build(network);
        const forward = networkIndicators(QUARTER, original.roster, original.summaries, 10);
        const order = network.map((_, i) => i).reverse();
        ctx.log(JSON.stringify(order));
        const { roster, summaries } = build(network, order, true);
        const backward = networkIndicators(QUARTER, roster, summaries, 10);
        for (const name of Object.keys(forward.indicators) as (keyof typeof forward.indicators)[]) {
          const f = forward.indicators[name];
          const b = backward.indicators[name];
          expect(b.distribution).toEqual(f.distribution);
          for (const [istat, figure] of Object.entries(f.municipalities)) {
            expect(b.municipalities[istat]?.rank).toBe(figure.rank);
            expect(b.municipalities[istat]?.value).toBe(figure.value);
          }
          if (f.pooled === null) expect(b.pooled).toBeNull();
          else expect(b.pooled).toBeCloseTo(f.pooled, 9);
        }
      }),
    );
  });

  it("makes a quarter's value its months' counts summed, per municipality", () => {
    fc.assert(
      fc.property(networkArb, (network) => {
        const { roster, summaries } = build(network);
        const quarter = networkIndicators(QUARTER, roster, summaries, 10);
        const months = QUARTER.months.map((m) =>
          networkIndicators(parseReportingPeriod(m)!, roster, summaries, 10),
        );
        for (const { istat } of roster) {
          const numerator = months.reduce(
            (s, r) => s + (r.indicators.filterRate.municipalities[istat]?.numerator ?? 0),
            0,
          );
          const denominator = months.reduce(
            (s, r) => s + (r.indicators.filterRate.municipalities[istat]?.denominator ?? 0),
            0,
          );
          const figure = quarter.indicators.filterRate.municipalities[istat];
          expect(figure?.numerator).toBe(numerator);
          expect(figure?.denominator).toBe(denominator);
          expect(figure?.value ?? null).toBe(
            denominator > 0 ? (100 * numerator) / denominator : null,
          );
        }
        expect(quarter.completeness.reporting).toBe(
          months.reduce((s, r) => s + r.completeness.reporting, 0),
        );
      }),
    );
  });
});
