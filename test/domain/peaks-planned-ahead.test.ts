import { describe, expect, it } from "vitest";
import type { PeakEntry } from "../../functions/src/domain/calendar/peak-entry.js";
import { peaksPlannedAheadSums } from "../../functions/src/domain/calendar/peaks-planned-ahead.js";
import { parseReportingPeriod } from "../../functions/src/domain/reporting-period.js";

const june = parseReportingPeriod("2026-06");
const entry = (e: Partial<PeakEntry> & Pick<PeakEntry, "id" | "day">): PeakEntry => ({
  kind: "deadline",
  hasMeasures: true,
  firstSubmittedAt: "2026-04-01T08:00:00Z",
  ...e,
});

describe("peaksPlannedAhead sums", () => {
  it("counts the period's peaks at their effective start and those planned 30 days ahead", () => {
    if (!june) throw new Error("period");
    const rho = [
      // 2 June 2026 is a holiday: effective 3 June; measures since 1 May, before 4 May → planned.
      entry({
        id: "a",
        day: "2026-06-02",
        expectedUsers: 300,
        measuresSince: "2026-05-01T10:00:00Z",
      }),
      // A window from 10 June; measures since 20 May, after 11 May → not planned.
      entry({
        id: "b",
        kind: "window",
        day: "2026-06-10",
        expectedUsers: 150,
        measuresSince: "2026-05-20T10:00:00Z",
      }),
      // Under the threshold: not a peak.
      entry({
        id: "c",
        day: "2026-06-16",
        expectedUsers: 50,
        measuresSince: "2026-01-01T10:00:00Z",
      }),
      // Sunday 31 May moves to Monday 1 June, into the period; at the threshold; no measure.
      entry({ id: "d", day: "2026-05-31", expectedUsers: 100, hasMeasures: false }),
      // Starts in July.
      entry({
        id: "e",
        kind: "window",
        day: "2026-07-01",
        expectedUsers: 900,
        measuresSince: "2026-01-01T10:00:00Z",
      }),
      // Saturday 20 June → Monday 22; 30 days before is 23 May 00:00 in Rome = 22 May 22:00 UTC.
      entry({
        id: "f",
        day: "2026-06-20",
        expectedUsers: 200,
        measuresSince: "2026-05-22T22:00:01Z",
      }),
      entry({
        id: "g",
        day: "2026-06-20",
        expectedUsers: 200,
        measuresSince: "2026-05-22T22:00:00Z",
      }),
      // No expected users: not known to be a peak.
      entry({ id: "h", day: "2026-06-05", measuresSince: "2026-01-01T10:00:00Z" }),
    ];
    const sums = peaksPlannedAheadSums(
      june,
      [
        { istat: "015182", patronDay: "05-08", entries: rho },
        { istat: "028037", entries: [] },
      ],
      100,
    );
    // Peaks a, b, d, f, g; planned a and g.
    expect(sums.get("015182")).toEqual({ numerator: 2, denominator: 5 });
    expect(sums.get("028037")).toBeNull();
  });
});
