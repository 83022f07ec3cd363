import { describe, expect, it } from "vitest";
import { municipalityIndicators } from "../../functions/src/domain/indicators/municipality-indicators.js";
import type { MonthContent } from "../../functions/src/domain/month.js";

const january: MonthContent = {
  procedures: [
    { code: "A", name: "CIE", area: "anagrafe", total: 100, desk: 90 },
    { code: "T", name: "TARI", area: "tributi", total: 300, desk: 30 },
  ],
  service: {
    visits: 1000,
    meanWaitMinutes: 10,
    servedWithinTarget: 800,
    complaints: 2,
    openingHoursWeekly: 36,
  },
};
const february: MonthContent = {
  procedures: [{ code: "A", name: "CIE", area: "anagrafe", total: 50, desk: 25 }],
  service: {
    visits: 3000,
    meanWaitMinutes: 20,
    surveyResponses: 40,
    surveySatisfied: 30,
    openingHoursWeekly: 30,
  },
};

describe("one municipality's indicators over several months (worked by hand)", () => {
  const result = municipalityIndicators([january, february], 20_000);
  const { indicators } = result;

  it("sums numerators and denominators: filter rate 145/450, not the mean of 30 % and 50 %", () => {
    expect(indicators.filterRate).toEqual({
      value: (100 * 145) / 450,
      numerator: 145,
      denominator: 450,
    });
    expect(result.areas.anagrafe?.filterRate.value).toBeCloseTo((100 * 115) / 150, 12);
    expect(result.areas.tributi?.filterRate.value).toBe(10);
    expect(result.procedures.A?.filterRate.denominator).toBe(150);
  });

  it("weights the mean wait by visits: (10·1000 + 20·3000) / 4000 = 17.5", () => {
    expect(indicators.meanWaitMinutes.value).toBe(17.5);
  });

  it("takes a month into a ratio only when all its inputs are there", () => {
    // servedWithinTarget only in January: 800 / 1000, February's visits do not dilute it.
    expect(indicators.withinTargetRate.value).toBe(80);
    // complaints only in January: 1000 · 2 / 1000.
    expect(indicators.complaintsPer1000Visits.value).toBe(2);
    // surveys only in February: 30 / 40.
    expect(indicators.satisfactionRate.value).toBe(75);
  });

  it("divides visits per 1000 inhabitants by the months and averages opening hours", () => {
    // 1000 · (1000 + 3000) / 20000 / 2 months = 100.
    expect(indicators.visitsPer1000Inhabitants.value).toBe(100);
    expect(indicators.openingHoursWeekly.value).toBe(33);
  });

  it("gives null where a formula is undefined", () => {
    const empty = municipalityIndicators([
      { procedures: [{ code: "A", name: "x", area: "a", total: 0, desk: 0 }], service: {} },
    ]);
    expect(empty.indicators.filterRate.value).toBeNull();
    expect(empty.indicators.satisfactionRate.value).toBeNull();
    expect(empty.indicators.meanWaitMinutes.value).toBeNull();
    expect(empty.indicators.visitsPer1000Inhabitants.value).toBeNull();
    expect(empty.indicators.openingHoursWeekly.value).toBeNull();
    expect(municipalityIndicators([february]).indicators.visitsPer1000Inhabitants.value).toBeNull();
  });
});
