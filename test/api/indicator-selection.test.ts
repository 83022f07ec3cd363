import { describe, expect, it } from "vitest";
import {
  MAX_FIGURES_PER_RESPONSE,
  parseSelection,
  selectIndicators,
} from "../../functions/src/api/indicator-selection.js";
import { periodReport } from "../../functions/src/domain/indicators/period-report.js";
import { parseReportingPeriod } from "../../functions/src/domain/reporting-period.js";

const coordinator = { email: "c@test", role: "coordinator" as const, network: "n" };

describe("the size of an indicators answer", () => {
  it("refuses an answer past the limit and says how to select, accepts the selection", () => {
    // Enough municipalities that 7 indicators alone pass the limit.
    const n = Math.ceil(MAX_FIGURES_PER_RESPONSE / 7) + 1;
    const roster = Array.from({ length: n }, (_, i) => ({ istat: String(100000 + i) }));
    const period = parseReportingPeriod("2025-01");
    if (!period) throw new Error("period");
    const report = periodReport(period, roster, new Map(), 10);
    expect(() =>
      selectIndicators(report, parseSelection(new URLSearchParams(), coordinator)),
    ).toThrow(/select with \?indicators/);
    const one = selectIndicators(
      report,
      parseSelection(new URLSearchParams("indicators=filterRate"), coordinator),
    );
    expect(Object.keys(one.indicators)).toEqual(["filterRate"]);
    expect(Object.keys(one.indicators.filterRate?.municipalities ?? {})).toHaveLength(n);
  });
});
