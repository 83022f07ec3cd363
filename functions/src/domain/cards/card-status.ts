import { DateTime } from "luxon";

/**
 * When a card must be checked again (DESIGN §12), on the Italian calendar: `current` until 30
 * days before its next review, then `due` (still current), `stale` from the review date on.
 */
export type CardStatus = "current" | "due" | "stale";

/** Days before the review date from which a card is `due`. */
export const DUE_WITHIN_DAYS = 30;
/** An event this close makes a card worth a look (`toCheck`)… */
export const EVENT_WITHIN_DAYS = 30;
/** …unless it was reviewed in these many days before the event starts. */
export const REVIEWED_WITHIN_DAYS = 90;

/** A recorded review: `[lastReviewed, reviewEveryMonths]`, compact because many are kept together. */
export type Review = [string, number];

const day = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });

/** The first day the card is no longer current: lastReviewed + reviewEveryMonths months. */
export function nextReview(lastReviewed: string, reviewEveryMonths: number): string {
  return day(lastReviewed).plus({ months: reviewEveryMonths }).toISODate() as string;
}

export function cardStatus(
  card: { lastReviewed: string; reviewEveryMonths: number },
  today: string,
): CardStatus {
  const next = nextReview(card.lastReviewed, card.reviewEveryMonths);
  if (today >= next) return "stale";
  const dueFrom = day(next).minus({ days: DUE_WITHIN_DAYS }).toISODate() as string;
  return today >= dueFrom ? "due" : "current";
}

/**
 * Whether a card was current on `date` by its recorded reviews: the latest review on or before
 * that date is less than its interval old. No review by then: not current.
 */
export function currentOn(reviews: readonly Review[], date: string): boolean {
  let latest: Review | undefined;
  for (const review of reviews)
    if (review[0] <= date && (!latest || review[0] > latest[0])) latest = review;
  return latest !== undefined && date < nextReview(latest[0], latest[1]);
}

/**
 * Reviews kept per card: 16 months of monthly reviews, 8 years of half-yearly ones. Enough for
 * the periods a report compares, and it keeps a card index of 1,000 cards near 320 KB at worst
 * (`npm run bench`): with 24 it was 477 KB, too near Firestore's 1 MiB for one document.
 */
export const MAX_REVIEWS_PER_CARD = 16;

/** The reviews with this one recorded: one per date (the latest interval wins), oldest dropped. */
export function withReview(reviews: readonly Review[], review: Review): Review[] {
  const others = reviews.filter(([date]) => date !== review[0]);
  return [...others, review]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(-MAX_REVIEWS_PER_CARD);
}

/** An event as toCheck needs it: the procedures it names and the day it starts. */
export interface TiedEvent {
  procedures?: readonly string[];
  effectiveStart: string;
}

/**
 * The events tied to the card's procedure that start within EVENT_WITHIN_DAYS of today while the
 * card's last review is older than REVIEWED_WITHIN_DAYS before the event: the card should be read
 * again before the peak reaches the desk.
 */
export function eventsToCheck<E extends TiedEvent>(
  code: string,
  lastReviewed: string,
  events: readonly E[],
  today: string,
): E[] {
  const horizon = day(today).plus({ days: EVENT_WITHIN_DAYS }).toISODate() as string;
  return events.filter((event) => {
    if (!event.procedures?.includes(code)) return false;
    if (event.effectiveStart < today || event.effectiveStart > horizon) return false;
    const reviewedSince = day(event.effectiveStart)
      .minus({ days: REVIEWED_WITHIN_DAYS })
      .toISODate() as string;
    return lastReviewed < reviewedSince;
  });
}
