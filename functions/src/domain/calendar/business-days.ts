import Holidays from "date-holidays";
import { DateTime } from "luxon";

/**
 * The business-day rule of DESIGN §11: a deadline falling on a Saturday, a Sunday, an Italian
 * public holiday or the municipality's patron saint day moves to the next business day (as the
 * law moves tax deadlines, and as a desk closed that day sees its users the day after).
 * National holidays come from `date-holidays` (Easter and Easter Monday computed, the list
 * maintained upstream), never from a list written here.
 */

let italy: Holidays | undefined;
const publicHolidaysByYear = new Map<number, ReadonlySet<string>>();

/** `YYYY-MM-DD` of the Italian national public holidays of a year (not observances). */
export function italianPublicHolidays(year: number): ReadonlySet<string> {
  let days = publicHolidaysByYear.get(year);
  if (!days) {
    italy ??= new Holidays("IT");
    // `date` is the local calendar date as text ("2025-04-21 00:00:00"): no time zone involved.
    days = new Set(
      (italy.getHolidays(year) || [])
        .filter((holiday) => holiday.type === "public")
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    publicHolidaysByYear.set(year, days);
  }
  return days;
}

/** Why a day is not a business day, in Italian, or null when it is one. */
export function closedReason(date: string, patronDay?: string): string | null {
  const day = DateTime.fromISO(date, { zone: "utc" });
  if (day.weekday === 6) return "sabato";
  if (day.weekday === 7) return "domenica";
  if (italianPublicHolidays(day.year).has(date)) return "festività nazionale";
  if (patronDay !== undefined && date.slice(5) === patronDay) return "festa del santo patrono";
  return null;
}

/** The deadline's effective date: `date` itself, or the next business day after it. */
export function effectiveDate(date: string, patronDay?: string): string {
  let day = DateTime.fromISO(date, { zone: "utc" });
  let iso = date;
  // At most a weekend plus two holidays in a row (Christmas, Santo Stefano): a few steps.
  while (closedReason(iso, patronDay) !== null) {
    day = day.plus({ days: 1 });
    iso = day.toISODate() as string;
  }
  return iso;
}
