import { describe, expect, it } from "vitest";
import {
  dataQualityWarnings,
  type MonthOfHistory,
} from "../../functions/src/domain/data-quality.js";
import type { ProcedureRow } from "../../functions/src/domain/month.js";
import { addMonths, type Month } from "../../functions/src/domain/period.js";

const row = (code: string, total: number, desk: number): ProcedureRow => ({
  code,
  name: code,
  area: "anagrafe",
  total,
  desk,
});
const service = { visits: 100 };

/** Twelve months before `month`, with the totals given oldest first for procedure EDU. */
function history(month: Month, totals: number[]): MonthOfHistory[] {
  return totals.map((total, i) => ({
    month: addMonths(month, i - totals.length),
    procedures: [row("EDU", total, Math.round(total / 2)), row("ANA", 200, 180)],
    service,
  }));
}

describe("data-quality remarks", () => {
  // Around 20 enrolments a month and 100 in January: a January peak.
  const lastYear = [100, 20, 18, 22, 19, 21, 20, 23, 17, 20, 22, 19]; // January 2024 … December 2024
  const juneToMay = [19, 20, 23, 17, 20, 22, 19, 100, 20, 18, 22, 21]; // June 2024 … May 2025

  it("calls a total far from the municipality's median a warning", () => {
    const warnings = dataQualityWarnings(
      "2025-06",
      { procedures: [row("EDU", 95, 40), row("ANA", 200, 180)], service },
      history("2025-06", juneToMay),
    );
    expect(warnings).toEqual([
      expect.objectContaining({
        severity: "warning",
        code: "outlier",
        path: ["procedures", 0, "total"],
      }),
    ]);
    expect(warnings[0]?.message).toMatch(/^Riga 1 \(EDU\): 95 pratiche/);
  });

  it("raises nothing for a peak seen in the same month a year before", () => {
    const warnings = dataQualityWarnings(
      "2025-01",
      { procedures: [row("EDU", 110, 50), row("ANA", 200, 180)], service },
      history("2025-01", lastYear),
    );
    expect(warnings).toEqual([]);
  });

  it("calls a total 100 times the usual an error that blocks the write", () => {
    const warnings = dataQualityWarnings(
      "2025-06",
      { procedures: [row("EDU", 2000, 10), row("ANA", 200, 180)], service },
      history("2025-06", juneToMay),
    );
    expect(warnings.map((w) => [w.severity, w.code])).toContainEqual([
      "error",
      "implausible-total",
    ]);
  });

  it("needs some history before judging totals", () => {
    expect(
      dataQualityWarnings(
        "2025-06",
        { procedures: [row("EDU", 500, 250)], service },
        history("2025-06", [20, 20, 20]),
      ),
    ).toEqual([expect.objectContaining({ code: "procedure-missing" })]);
  });

  it("notices a filter rate jumping more than 25 points, but not on a handful of cases", () => {
    const previous: MonthOfHistory[] = [
      { month: "2025-05", procedures: [row("ANA", 200, 180), row("TINY", 4, 4)], service },
    ];
    const warnings = dataQualityWarnings(
      "2025-06",
      { procedures: [row("ANA", 200, 120), row("TINY", 4, 0)], service },
      previous,
    );
    expect(warnings).toEqual([
      expect.objectContaining({
        code: "filter-rate-jump",
        severity: "warning",
        path: ["procedures", 0, "desk"],
      }),
    ]);
    expect(warnings[0]?.message).toMatch(/da 90% a 60%/);
  });

  it("notices a procedure reported last month and missing now, and a month without service metrics", () => {
    const previous: MonthOfHistory[] = [
      { month: "2025-05", procedures: [row("ANA", 200, 180), row("GONE", 30, 10)], service },
    ];
    const warnings = dataQualityWarnings(
      "2025-06",
      { procedures: [row("ANA", 200, 180)], service: {} },
      previous,
    );
    expect(warnings.map((w) => [w.severity, w.code])).toEqual([
      ["info", "procedure-missing"],
      ["info", "no-service-metrics"],
    ]);
  });
});
