import { DateTime } from "luxon";

/** Every date rule of the network is read on the Italian calendar. */
export const ZONE = "Europe/Rome";

/** A calendar month as `YYYY-MM`, the key of a municipality's monthly data. */
export type Month = `${number}-${number}`;

/**
 * Years 0001–9999: the calendar has no year 0. Going back from 0001 reaches `0000-MM`, which the
 * domain can still compute with (an empty comparison period) but never accepts as input.
 */
const MONTH_PATTERN = /^(?!0000)(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): value is Month {
  return MONTH_PATTERN.test(value);
}

/** First instant of the month, Europe/Rome. */
export function monthStart(month: Month): DateTime {
  return DateTime.fromFormat(month, "yyyy-MM", { zone: ZONE }).startOf("month");
}

/** First instant after the month, Europe/Rome. */
export function monthEnd(month: Month): DateTime {
  return monthStart(month).plus({ months: 1 });
}

export function monthOf(instant: Date): Month {
  return DateTime.fromJSDate(instant, { zone: ZONE }).toFormat("yyyy-MM") as Month;
}

/**
 * Month arithmetic needs no time zone: `YYYY-MM` is a calendar month wherever it is read. Plain
 * integers, because a zoned luxon DateTime per call was the hottest function of a submission.
 */
export function addMonths(month: Month, count: number): Month {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + count;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}` as Month;
}

/** Months compare as strings because the format is fixed-width. */
export function compareMonths(a: Month, b: Month): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A month is in the future while it has not started yet in Italy. */
export function isFutureMonth(month: Month, now: Date): boolean {
  return compareMonths(month, monthOf(now)) > 0;
}

/** The instant a month locks for staff: `lockDays` days after the month ends (Europe/Rome). */
export function lockInstant(month: Month, lockDays: number): DateTime {
  return monthEnd(month).plus({ days: lockDays });
}

export function isLocked(month: Month, lockDays: number, now: Date): boolean {
  return DateTime.fromJSDate(now) >= lockInstant(month, lockDays);
}

const ITALIAN_MONTHS = [
  "gennaio",
  "febbraio",
  "marzo",
  "aprile",
  "maggio",
  "giugno",
  "luglio",
  "agosto",
  "settembre",
  "ottobre",
  "novembre",
  "dicembre",
] as const;

/** `2025-03` → `marzo 2025`, for messages staff read. */
export function italianMonth(month: Month): string {
  const [year, index] = month.split("-").map(Number) as [number, number];
  return `${ITALIAN_MONTHS[index - 1]} ${year}`;
}
