import { DateTime } from "luxon";
import type { MonthSummaries, RosterEntry } from "../indicators/network-indicators.js";
import type { Ratio } from "../indicators/ratio.js";
import type { Month } from "../period.js";
import type { ReportingPeriod } from "../reporting-period.js";
import { shortId } from "../short-id.js";
import { currentOn, type Review } from "./card-status.js";

/** The last day of a period, `YYYY-MM-DD`: the date its cards are judged on. */
export function periodEndDate(period: ReportingPeriod): string {
  const last = period.months[period.months.length - 1] as Month;
  return DateTime.fromFormat(last, "yyyy-MM", { zone: "utc" }).endOf("month").toISODate() as string;
}

/**
 * `cardsCurrent` (DESIGN §12) per municipality: 100 · the procedures with desk cases in the
 * period whose card was current at the period's end / the procedures with desk cases in the
 * period. The procedures come from the month summaries (`deskCodes`, hashed codes), the cards'
 * states from their recorded reviews. Null for a municipality with no desk case in the period, or
 * whose months were summarised before desk codes were kept (unknown rather than wrong).
 */
export function cardsCurrentSums(
  period: ReportingPeriod,
  roster: readonly RosterEntry[],
  summaries: MonthSummaries,
  reviews: ReadonlyMap<string, Readonly<Record<string, readonly Review[]>>>,
): Map<string, Ratio | null> {
  const end = periodEndDate(period);
  const sums = new Map<string, Ratio | null>();
  for (const { istat } of roster) {
    const withDesk = new Set<string>();
    let unknown = false;
    for (const month of period.months) {
      const entry = summaries.get(month)?.get(istat);
      if (!entry) continue;
      if (!entry.deskCodes) unknown = true;
      for (const code of entry.deskCodes ?? []) withDesk.add(code);
    }
    if (unknown || withDesk.size === 0) {
      sums.set(istat, null);
      continue;
    }
    const cards = new Map(
      Object.entries(reviews.get(istat) ?? {}).map(([code, r]) => [shortId(code), r]),
    );
    let current = 0;
    for (const code of withDesk) if (currentOn(cards.get(code) ?? [], end)) current++;
    sums.set(istat, { numerator: current, denominator: withDesk.size });
  }
  return sums;
}
