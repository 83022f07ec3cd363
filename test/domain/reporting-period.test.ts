import { describe, expect, it } from "vitest";
import { monthsNeeded, periodReport } from "../../functions/src/domain/indicators/period-report.js";
import {
  endsBefore,
  parseReportingPeriod,
  periodsContaining,
  previousPeriod,
  type ReportingPeriod,
  yearBefore,
} from "../../functions/src/domain/reporting-period.js";

const parse = (key: string) => parseReportingPeriod(key) as ReportingPeriod;

describe("reporting periods", () => {
  it("parses months, quarters and years with their months", () => {
    expect(parse("2025-02")).toEqual({ key: "2025-02", kind: "month", months: ["2025-02"] });
    expect(parse("2025-Q4")).toEqual({
      key: "2025-Q4",
      kind: "quarter",
      months: ["2025-10", "2025-11", "2025-12"],
    });
    expect(parse("2025").months).toHaveLength(12);
    expect(parse("2025").months[11]).toBe("2025-12");
  });

  it("refuses year 0000 and malformed keys", () => {
    for (const key of ["0000", "0000-Q1", "0000-01", "2025-Q5", "2025-Q0", "25", "-001", "12025"]) {
      expect(parseReportingPeriod(key), key).toBeNull();
    }
  });

  it("goes back across years", () => {
    expect(previousPeriod(parse("2025-01")).key).toBe("2024-12");
    expect(previousPeriod(parse("2025-Q1")).key).toBe("2024-Q4");
    expect(previousPeriod(parse("2025")).key).toBe("2024");
    expect(yearBefore(parse("2025-Q3"))).toEqual(parse("2024-Q3"));
  });

  it("keeps years under 1000 four digits wide (they were unpadded and the report crashed)", () => {
    expect(previousPeriod(parse("0999")).key).toBe("0998");
    expect(previousPeriod(parse("0100-Q1")).key).toBe("0099-Q4");
    expect(yearBefore(parse("0010-05")).key).toBe("0009-05");
  });

  it.each([
    ["0001-01", "0000-12", "0000-01"],
    ["0001-Q1", "0000-Q4", "0000-Q1"],
    ["0001", "0000", "0000"],
  ])("reaches year 0000 before %s without throwing", (key, previous, lastYear) => {
    const period = parse(key);
    expect(previousPeriod(period).key).toBe(previous);
    expect(yearBefore(period).key).toBe(lastYear);
    expect(yearBefore(period).months[0]).toMatch(/^0000-/);
    const months = monthsNeeded(period);
    expect(months.every((m) => /^000[01]-(0[1-9]|1[0-2])$/.test(m))).toBe(true);
    // With no data the report is empty, and its comparisons are null rather than a crash.
    const report = periodReport(period, [{ istat: "015182", population: 1000 }], new Map(), 10);
    expect(report.period).toBe(key);
    expect(report.indicators.filterRate?.change.previousPeriod).toMatchObject({
      period: previous,
      delta: null,
    });
  });

  it("lists the month, quarter and year of a month", () => {
    expect(periodsContaining("2025-08").map((p) => p.key)).toEqual(["2025-08", "2025-Q3", "2025"]);
    expect(periodsContaining("0001-01").map((p) => p.key)).toEqual(["0001-01", "0001-Q1", "0001"]);
  });

  it("tells a period wholly before a first month from one that only starts before", () => {
    expect(endsBefore(parse("2011-03"), "2011-04")).toBe(true);
    expect(endsBefore(parse("2011-Q1"), "2011-04")).toBe(true);
    expect(endsBefore(parse("2010"), "2011-04")).toBe(true);
    expect(endsBefore(parse("2011-04"), "2011-04")).toBe(false);
    expect(endsBefore(parse("2011"), "2011-04")).toBe(false);
    expect(endsBefore(parse("2011-Q2"), "2011-04")).toBe(false);
  });
});
