import { DateTime } from "luxon";
import type { StoredCalendar } from "../domain/calendar/calendar-submission.js";
import { type EffectiveEvent, mergeCalendars } from "../domain/calendar/effective-events.js";

/** The calendar years a window of `days` from `today` can touch: this one, maybe the next. */
export function yearsAhead(today: string, days: number): string[] {
  const first = today.slice(0, 4);
  const last = DateTime.fromISO(today, { zone: "utc" }).plus({ days }).toFormat("yyyy");
  return first === last ? [first] : [first, last];
}

/**
 * A municipality's network and local events, at their effective days, that start from `today`
 * to `days` later (inclusive), across the years read.
 */
export function eventsStarting(
  years: readonly string[],
  networkCalendars: ReadonlyMap<string, StoredCalendar | null>,
  localCalendars: ReadonlyMap<string, StoredCalendar | null>,
  patronDay: string | undefined,
  today: string,
  days: number,
): EffectiveEvent[] {
  const horizon = DateTime.fromISO(today, { zone: "utc" }).plus({ days }).toISODate() as string;
  return years
    .flatMap((year) =>
      mergeCalendars(
        networkCalendars.get(year)?.events ?? [],
        localCalendars.get(year)?.events ?? [],
        patronDay,
      ),
    )
    .filter((e) => e.effectiveStart >= today && e.effectiveStart <= horizon);
}
