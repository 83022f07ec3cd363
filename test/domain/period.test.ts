import { describe, expect, it } from "vitest";
import {
  addMonths,
  isFutureMonth,
  isLocked,
  isMonth,
  italianMonth,
  monthOf,
} from "../../functions/src/domain/period.js";

describe("periods on the Italian calendar", () => {
  it("accepts only YYYY-MM months", () => {
    expect(["2025-01", "2011-04", "2099-12"].every(isMonth)).toBe(true);
    expect(["2025-13", "2025-00", "2025-1", "202501", "2025-01-01", ""].some(isMonth)).toBe(false);
  });

  it("has no year 0: months run from 0001-01 to 9999-12", () => {
    expect(["0000-01", "0000-12"].some(isMonth)).toBe(false);
    expect(["0001-01", "9999-12"].every(isMonth)).toBe(true);
    // Going back from year 1 still computes (an empty comparison month), it does not throw.
    expect(addMonths("0001-01", -1)).toBe("0000-12");
    expect(addMonths("0001-03", -12)).toBe("0000-03");
  });

  it("reads the month of an instant in Rome, not UTC", () => {
    // 23:30 UTC on 31 January is already 1 February in Rome (UTC+1 in winter).
    expect(monthOf(new Date("2025-01-31T23:30:00Z"))).toBe("2025-02");
    expect(monthOf(new Date("2025-01-31T22:30:00Z"))).toBe("2025-01");
  });

  it("moves across years", () => {
    expect(addMonths("2025-01", -1)).toBe("2024-12");
    expect(addMonths("2024-11", 14)).toBe("2026-01");
  });

  it("calls a month future only before it starts in Rome", () => {
    const now = new Date("2025-03-31T22:30:00Z"); // already 1 April 00:30 in Rome (summer time)
    expect(isFutureMonth("2025-04", now)).toBe(false);
    expect(isFutureMonth("2025-05", now)).toBe(true);
    expect(isFutureMonth("2025-05", new Date("2025-04-30T21:59:00Z"))).toBe(true);
  });

  it("locks a month exactly lockDays after its end, Rome midnight", () => {
    // January ends at 1 February 00:00 Rome = 31 January 23:00 UTC; +60 days = 2 April 00:00 Rome (22:00 UTC on 1 April).
    expect(isLocked("2025-01", 60, new Date("2025-04-01T21:59:59Z"))).toBe(false);
    expect(isLocked("2025-01", 60, new Date("2025-04-01T22:00:00Z"))).toBe(true);
  });

  it("names months in Italian", () => {
    expect(italianMonth("2011-04")).toBe("aprile 2011");
    expect(italianMonth("2025-12")).toBe("dicembre 2025");
  });
});
