import { describe, expect, it } from "vitest";
import { romeDate } from "../../functions/src/domain/cards/card.js";
import {
  cardStatus,
  currentOn,
  eventsToCheck,
  MAX_REVIEWS_PER_CARD,
  nextReview,
  type Review,
  withReview,
} from "../../functions/src/domain/cards/card-status.js";

describe("card status", () => {
  const card = { lastReviewed: "2025-08-31", reviewEveryMonths: 6 };

  it("adds calendar months, keeping to the month's last day", () => {
    // 31 August + 6 months: February has no 31st, so 28 February 2026.
    expect(nextReview("2025-08-31", 6)).toBe("2026-02-28");
    expect(nextReview("2024-02-29", 12)).toBe("2025-02-28");
    expect(nextReview("2026-01-15", 1)).toBe("2026-02-15");
  });

  it("crosses current → due → stale as the clock moves through Rome's days", () => {
    const on = (instant: string) => cardStatus(card, romeDate(new Date(instant)));
    // Due from 29 January (30 days before 28 February), stale on 28 February.
    expect(on("2026-01-28T22:59:00Z")).toBe("current"); // 23:59 on 28 January in Rome (CET)
    expect(on("2026-01-28T23:00:00Z")).toBe("due"); // midnight, 29 January in Rome
    expect(on("2026-02-27T22:59:00Z")).toBe("due");
    expect(on("2026-02-27T23:00:00Z")).toBe("stale");
    expect(on("2027-01-01T00:00:00Z")).toBe("stale");
  });

  it("reads a card's state at an earlier date from its recorded reviews", () => {
    const reviews: Review[] = [
      ["2025-01-10", 3],
      ["2025-06-01", 12],
    ];
    expect(currentOn(reviews, "2025-01-09")).toBe(false); // no review yet
    expect(currentOn(reviews, "2025-04-09")).toBe(true); // 3 months from 10 January: 10 April
    expect(currentOn(reviews, "2025-04-10")).toBe(false);
    expect(currentOn(reviews, "2025-05-31")).toBe(false); // the June review does not count yet
    expect(currentOn(reviews, "2025-06-01")).toBe(true);
    expect(currentOn(reviews, "2026-05-31")).toBe(true);
    expect(currentOn(reviews, "2026-06-01")).toBe(false);
  });

  it("keeps one review per date, in date order, the newest MAX_REVIEWS_PER_CARD", () => {
    let reviews: Review[] = [];
    reviews = withReview(reviews, ["2025-03-01", 6]);
    reviews = withReview(reviews, ["2025-01-01", 6]);
    reviews = withReview(reviews, ["2025-03-01", 2]);
    expect(reviews).toEqual([
      ["2025-01-01", 6],
      ["2025-03-01", 2],
    ]);
    // 30 more, one a day in January 2030: of the 32, the 16 oldest go.
    for (let d = 1; d <= 30; d++)
      reviews = withReview(reviews, [`2030-01-${String(d).padStart(2, "0")}`, 1]);
    expect(reviews).toHaveLength(MAX_REVIEWS_PER_CARD);
    expect(reviews[0]?.[0]).toBe("2030-01-15");
    expect(reviews.at(-1)?.[0]).toBe("2030-01-30");
  });

  it("flags events tied to the procedure starting within 30 days, after 90 days without review", () => {
    const events = [
      { id: "a", procedures: ["ANA-01"], effectiveStart: "2026-03-31" }, // 30 days after 1 March
      { id: "b", procedures: ["ANA-01"], effectiveStart: "2026-04-01" }, // 31 days: not yet
      { id: "c", procedures: ["ANA-01"], effectiveStart: "2026-02-28" }, // already started
      { id: "d", procedures: ["TRI-01"], effectiveStart: "2026-03-10" }, // another procedure
      { id: "e", effectiveStart: "2026-03-10" }, // no procedure named
    ];
    const ids = (reviewed: string) =>
      eventsToCheck("ANA-01", reviewed, events, "2026-03-01").map((e) => e.id);
    // 90 days before 31 March is 31 December 2025.
    expect(ids("2025-12-30")).toEqual(["a"]);
    expect(ids("2025-12-31")).toEqual([]);
  });
});
