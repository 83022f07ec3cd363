import { DateTime } from "luxon";
import type { Ratio } from "../indicators/ratio.js";
import { ZONE } from "../period.js";
import type { ReportingPeriod } from "../reporting-period.js";
import { effectiveDate } from "./business-days.js";
import type { PeakEntry } from "./peak-entry.js";

/** Planned ahead means planned at least this many days before the peak starts. */
export const PLANNED_DAYS_AHEAD = 30;

export interface PeakMunicipality {
  istat: string;
  patronDay?: string;
  /** Its local events of every year the period touches. */
  entries: readonly PeakEntry[];
}

/**
 * `peaksPlannedAhead` (DESIGN §11) of each municipality for a period, as the sums the indicator
 * engine divides: the denominator counts the municipality's own events starting in the period
 * (at their effective start: a deadline after the business-day rule) that expect at least
 * `threshold` users; the numerator those of them that carry a measure and carried one, in a
 * submission, at least 30 days before that start (Europe/Rome). Network events are left out: the
 * coordinator plans them, and they would give every desk the same figure. A municipality with no
 * such event has no value (null), not 0 %.
 */
export function peaksPlannedAheadSums(
  period: ReportingPeriod,
  municipalities: readonly PeakMunicipality[],
  threshold: number,
): Map<string, Ratio | null> {
  const first = `${period.months[0]}-01`;
  const last = `${period.months.at(-1)}-31`;
  const sums = new Map<string, Ratio | null>();
  for (const { istat, patronDay, entries } of municipalities) {
    let numerator = 0;
    let denominator = 0;
    for (const entry of entries) {
      if ((entry.expectedUsers ?? -1) < threshold) continue;
      const start = entry.kind === "deadline" ? effectiveDate(entry.day, patronDay) : entry.day;
      if (start < first || start > last) continue;
      denominator++;
      const deadline = DateTime.fromISO(start, { zone: ZONE })
        .minus({ days: PLANNED_DAYS_AHEAD })
        .toMillis();
      if (
        entry.hasMeasures &&
        entry.measuresSince !== undefined &&
        Date.parse(entry.measuresSince) <= deadline
      )
        numerator++;
    }
    sums.set(istat, denominator > 0 ? { numerator, denominator } : null);
  }
  return sums;
}
