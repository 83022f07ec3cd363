import { describe, expect, it } from "vitest";
import { summariseMonth } from "../../functions/src/domain/indicators/month-summary.js";
import { networkIndicators } from "../../functions/src/domain/indicators/network-indicators.js";
import type { Month } from "../../functions/src/domain/period.js";
import { parseReportingPeriod } from "../../functions/src/domain/reporting-period.js";
import type { StoredMonth } from "../../functions/src/domain/stored-month.js";

function stored(
  municipality: string,
  month: Month,
  content: Pick<StoredMonth, "procedures" | "service">,
  firstSubmittedAt: string,
): StoredMonth {
  return {
    municipality,
    month,
    revision: 1,
    submittedAt: firstSubmittedAt,
    submittedBy: "x",
    firstSubmittedAt,
    warnings: [],
    ...content,
  };
}

const january = "2025-01" as Month;
const a = stored(
  "000001",
  january,
  {
    procedures: [
      { code: "P1", name: "CIE", area: "anagrafe", total: 100, desk: 80 },
      { code: "P2", name: "TARI", area: "tributi", total: 100, desk: 20 },
    ],
    service: { visits: 1000, complaints: 5 },
  },
  // 23:00 in Rome on 10 February: on time (due by the 10th).
  "2025-02-10T22:00:00.000Z",
);
const b = stored(
  "000002",
  january,
  {
    procedures: [{ code: "X", name: "CIE", area: "anagrafe", total: 300, desk: 270 }],
    service: { visits: 2000, complaints: 2 },
  },
  // 00:30 in Rome on 11 February: late.
  "2025-02-10T23:30:00.000Z",
);
const roster = [
  { istat: "000001", population: 10_000 },
  { istat: "000002", population: 30_000 },
  { istat: "000003", population: 5_000 },
];
const summaries = new Map([
  [
    january,
    new Map([
      ["000001", summariseMonth(a)],
      ["000002", summariseMonth(b)],
    ]),
  ],
]);

describe("network indicators for a month (worked by hand)", () => {
  const result = networkIndicators(parseReportingPeriod("2025-01")!, roster, summaries, 10);

  it("pools the sums: filter rate 370/500 = 74 %, next to the unweighted mean of 50 % and 90 %", () => {
    const filter = result.indicators.filterRate;
    expect(filter.pooled).toBe(74);
    expect(filter.mean).toBe(70);
    expect(filter.distribution).toEqual({ n: 2, min: 50, p25: 60, median: 70, p75: 80, max: 90 });
    expect(filter.municipalities["000001"]).toMatchObject({
      value: 50,
      rank: 2,
      numerator: 100,
      denominator: 200,
    });
    expect(filter.municipalities["000002"]).toMatchObject({ value: 90, rank: 1 });
    expect(filter.municipalities["000003"]).toMatchObject({ value: null, rank: null });
  });

  it("ranks complaints with lower is better and pools visits per inhabitant over the reporting populations", () => {
    const complaints = result.indicators.complaintsPer1000Visits;
    expect(complaints.municipalities["000001"]).toMatchObject({ value: 5, rank: 2 });
    expect(complaints.municipalities["000002"]).toMatchObject({ value: 1, rank: 1 });
    expect(complaints.pooled).toBeCloseTo(7000 / 3000, 12);
    // 1000 · 3000 visits / 40,000 inhabitants (the third municipality did not report).
    expect(result.indicators.visitsPer1000Inhabitants.pooled).toBe(75);
    expect(result.indicators.visitsPer1000Inhabitants.municipalities["000001"]?.value).toBe(100);
  });

  it("computes the filter rate per area", () => {
    expect(result.areas.anagrafe?.filterRate.pooled).toBe(87.5);
    expect(result.areas.tributi?.filterRate.pooled).toBe(20);
    expect(result.areas.tributi?.filterRate.distribution.n).toBe(1);
  });

  it("counts completeness and on-time submissions by the due day in Rome", () => {
    expect(result.completeness).toEqual({
      expected: 3,
      reporting: 2,
      rate: (100 * 2) / 3,
      onTime: 1,
    });
  });

  it("flags small denominators and gives intervals for rates only", () => {
    expect(result.indicators.filterRate.municipalities["000001"]?.smallDenominator).toBe(false);
    expect(result.indicators.filterRate.municipalities["000001"]?.interval?.low).toBeLessThan(50);
    expect(
      result.indicators.complaintsPer1000Visits.municipalities["000001"]?.interval,
    ).toBeUndefined();
  });
});
