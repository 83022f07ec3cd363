import { describe, expect, it } from "vitest";
import { monthsNeeded, periodReport } from "../../functions/src/domain/indicators/period-report.js";
import type { Month } from "../../functions/src/domain/period.js";
import {
  endsBefore,
  endsWith,
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

  it("parses semesters: January–June and July–December", () => {
    expect(parse("2025-H1")).toEqual({
      key: "2025-H1",
      kind: "semester",
      months: ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"],
    });
    expect(parse("2025-H2").months).toEqual([
      "2025-07",
      "2025-08",
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
    ]);
  });

  it("goes back from a semester to the other half and to the same half a year before", () => {
    expect(previousPeriod(parse("2025-H1")).key).toBe("2024-H2");
    expect(previousPeriod(parse("2025-H2")).key).toBe("2025-H1");
    expect(yearBefore(parse("2025-H2"))).toEqual(parse("2024-H2"));
    expect(previousPeriod(parse("0001-H1")).key).toBe("0000-H2");
    expect(yearBefore(parse("0001-H1")).months[5]).toBe("0000-06");
  });

  it("refuses year 0000 and malformed keys", () => {
    for (const key of [
      "0000",
      "0000-Q1",
      "0000-01",
      "0000-H1",
      "2025-Q5",
      "2025-Q0",
      "2025-H0",
      "2025-H3",
      "2025-h1",
      "2025-S1",
      "25",
      "-001",
      "12025",
    ]) {
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

  it("lists the month, quarter, semester and year of a month", () => {
    expect(periodsContaining("2025-08").map((p) => p.key)).toEqual([
      "2025-08",
      "2025-Q3",
      "2025-H2",
      "2025",
    ]);
    expect(periodsContaining("2025-06").map((p) => p.key)).toEqual([
      "2025-06",
      "2025-Q2",
      "2025-H1",
      "2025",
    ]);
    expect(periodsContaining("0001-01").map((p) => p.key)).toEqual([
      "0001-01",
      "0001-Q1",
      "0001-H1",
      "0001",
    ]);
  });

  it("tells which periods end with a month: what the monthly job publishes", () => {
    const ending = (month: Month) =>
      periodsContaining(month)
        .filter((p) => endsWith(p, month))
        .map((p) => p.key);
    expect(ending("2025-05")).toEqual(["2025-05"]);
    expect(ending("2025-03")).toEqual(["2025-03", "2025-Q1"]);
    expect(ending("2025-06")).toEqual(["2025-06", "2025-Q2", "2025-H1"]);
    expect(ending("2025-09")).toEqual(["2025-09", "2025-Q3"]);
    expect(ending("2025-12")).toEqual(["2025-12", "2025-Q4", "2025-H2", "2025"]);
  });

  it("tells a period wholly before a first month from one that only starts before", () => {
    expect(endsBefore(parse("2011-03"), "2011-04")).toBe(true);
    expect(endsBefore(parse("2011-Q1"), "2011-04")).toBe(true);
    expect(endsBefore(parse("2010"), "2011-04")).toBe(true);
    expect(endsBefore(parse("2011-04"), "2011-04")).toBe(false);
    expect(endsBefore(parse("2011"), "2011-04")).toBe(false);
    expect(endsBefore(parse("2011-Q2"), "2011-04")).toBe(false);
    expect(endsBefore(parse("2011-H1"), "2011-04")).toBe(false);
    expect(endsBefore(parse("2010-H2"), "2011-04")).toBe(true);
  });
});
