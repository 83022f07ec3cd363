import type { StoredCalendar } from "./calendar-submission.js";

/**
 * What `peaksPlannedAhead` needs of one local event: when it starts (as sent; the patron day is
 * applied at read time, since a municipality may change it), how many users it expects, whether it
 * carries a measure now and since when it did. A few dozen bytes an event.
 */
export interface PeakEntry {
  id: string;
  kind: "deadline" | "window";
  /** `date` of a deadline, `start` of a window. */
  day: string;
  expectedUsers?: number;
  hasMeasures: boolean;
  firstSubmittedAt: string;
  measuresSince?: string;
}

export function peakEntries(calendar: StoredCalendar): PeakEntry[] {
  return calendar.events.map((event) => {
    const tracking = calendar.tracking[event.id];
    return {
      id: event.id,
      kind: event.kind,
      day: (event.kind === "deadline" ? event.date : event.start) as string,
      ...(event.expectedUsers !== undefined ? { expectedUsers: event.expectedUsers } : {}),
      hasMeasures: (event.measures?.length ?? 0) > 0,
      firstSubmittedAt: tracking?.firstSubmittedAt ?? calendar.submittedAt,
      ...(tracking?.measuresSince ? { measuresSince: tracking.measuresSince } : {}),
    };
  });
}
