import { describe, expect, it } from "vitest";
import {
  closedReason,
  effectiveDate,
  italianPublicHolidays,
} from "../../functions/src/domain/calendar/business-days.js";
import { mergeCalendars } from "../../functions/src/domain/calendar/effective-events.js";
import { isPatronDay } from "../../functions/src/domain/calendar/patron-day.js";

// Every weekday below was worked out by hand from 1 January (2024: Monday; 2025: Wednesday;
// 2026: Thursday) and checked against a printed calendar.
describe("effective date of a deadline", () => {
  it.each([
    ["a Sunday moves to Monday", "2024-06-16", undefined, "2024-06-17"],
    ["a Saturday moves over the weekend", "2024-11-16", undefined, "2024-11-18"],
    ["a business day stays", "2024-12-16", undefined, "2024-12-16"],
    ["Festa della Repubblica (Monday 2 June 2025)", "2025-06-02", undefined, "2025-06-03"],
    ["Easter Monday 2025 is 21 April", "2025-04-21", undefined, "2025-04-22"],
    [
      "Saturday before Easter: Sunday, Easter Monday, then Tuesday",
      "2025-04-19",
      undefined,
      "2025-04-22",
    ],
    ["Liberazione on a Friday runs into Monday", "2025-04-25", undefined, "2025-04-28"],
    ["Christmas, Santo Stefano and a weekend", "2025-12-25", undefined, "2025-12-29"],
    ["into the next year", "2022-12-31", undefined, "2023-01-02"],
    [
      "the patron saint's day (Este, 23 September 2025, a Tuesday)",
      "2025-09-23",
      "09-23",
      "2025-09-24",
    ],
    ["the same day elsewhere is a business day", "2025-09-23", "05-08", "2025-09-23"],
    [
      "a patron day on Friday runs into Monday (Rho, 8 May 2026)",
      "2026-05-08",
      "05-08",
      "2026-05-11",
    ],
  ])("%s", (_name, date, patronDay, expected) => {
    expect(effectiveDate(date, patronDay)).toBe(expected);
  });

  it("takes the holidays from the library, Easter included, and no observance", () => {
    const days = italianPublicHolidays(2025);
    expect(days.has("2025-04-21")).toBe(true);
    expect(days.has("2025-08-15")).toBe(true);
    expect(days.has("2025-12-08")).toBe(true);
    // Mother's Day is an observance in the library: offices are open.
    expect(days.has("2025-05-11")).toBe(false);
    // Easter Monday 2024 was 1 April, 2026 is 6 April.
    expect(italianPublicHolidays(2024).has("2024-04-01")).toBe(true);
    expect(italianPublicHolidays(2026).has("2026-04-06")).toBe(true);
    expect(closedReason("2026-04-06")).toBe("festività nazionale");
    expect(closedReason("2026-04-07")).toBeNull();
  });

  it("accepts patron days that exist in some year, 29 February included", () => {
    expect(["05-08", "02-29", "12-31"].every(isPatronDay)).toBe(true);
    expect(["02-30", "04-31", "13-01", "5-8", "2025-05-08", ""].some(isPatronDay)).toBe(false);
  });
});

describe("merged calendar", () => {
  it("shifts deadlines, keeps windows, tags the source and orders by effective start", () => {
    const merged = mergeCalendars(
      [{ id: "imu-acconto", title: "IMU acconto", kind: "deadline", date: "2024-06-16" }],
      [
        {
          id: "iscrizioni",
          title: "Iscrizioni scolastiche",
          kind: "window",
          start: "2024-06-15",
          end: "2024-06-30",
        },
      ],
    );
    expect(merged.map((e) => [e.id, e.source, e.effectiveStart, e.effectiveEnd])).toEqual([
      // The window starts on Saturday 15 June and is not moved.
      ["iscrizioni", "local", "2024-06-15", "2024-06-30"],
      ["imu-acconto", "network", "2024-06-17", "2024-06-17"],
    ]);
    expect(merged[1]).toMatchObject({ date: "2024-06-16", effectiveDate: "2024-06-17" });
    expect(merged[0]).not.toHaveProperty("effectiveDate");
  });
});
