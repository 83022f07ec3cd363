import type { Caller } from "../caller.js";
import {
  type CalendarBody,
  type CalendarEvent,
  canonicalEvents,
  sameEvents,
} from "./calendar-event.js";

/** When the sender first sent an event, and first sent it with a measure: what `peaksPlannedAhead` judges. */
export interface EventTracking {
  firstSubmittedAt: string;
  measuresSince?: string;
}

/** One accepted version of a calendar (the network's or a municipality's) for one year. */
export interface StoredCalendar {
  /** `network` or the municipality's ISTAT code. */
  owner: string;
  year: string;
  revision: number;
  events: CalendarEvent[];
  /** By event id; an id dropped and sent again later starts afresh. */
  tracking: Record<string, EventTracking>;
  submittedAt: string;
  submittedBy: string;
  firstSubmittedAt: string;
}

export type CalendarDecision =
  | { kind: "store"; next: StoredCalendar }
  | { kind: "unchanged"; current: StoredCalendar }
  | { kind: "conflict"; message: string };

/**
 * What a calendar submission does, given what is stored: the same rules as a month (DESIGN §6) —
 * a stale `baseRevision` is a conflict, the same events again are `unchanged`, anything else is
 * the next revision. Pure, so the store decides inside its transaction.
 */
export function decideCalendarSubmission(
  request: { caller: Caller; owner: string; year: string; body: CalendarBody; now: Date },
  current: StoredCalendar | null,
): CalendarDecision {
  const { caller, owner, year, body, now } = request;
  const currentRevision = current?.revision ?? 0;
  if (body.baseRevision !== undefined && body.baseRevision !== currentRevision) {
    return {
      kind: "conflict",
      message: `Lo scadenziario ${year} è stato modificato da un'altra persona (revisione ${currentRevision}, non ${body.baseRevision}): aggiornare il foglio e riprovare.`,
    };
  }
  const events = canonicalEvents(body.events);
  if (current && sameEvents(current.events, events)) return { kind: "unchanged", current };
  const submittedAt = now.toISOString();
  return {
    kind: "store",
    next: {
      owner,
      year,
      revision: currentRevision + 1,
      events,
      tracking: track(events, current?.tracking ?? {}, submittedAt),
      submittedAt,
      submittedBy: caller.email,
      firstSubmittedAt: current?.firstSubmittedAt ?? submittedAt,
    },
  };
}

function track(
  events: readonly CalendarEvent[],
  previous: Record<string, EventTracking>,
  now: string,
): Record<string, EventTracking> {
  const tracking: Record<string, EventTracking> = {};
  for (const event of events) {
    const before = previous[event.id];
    const measuresSince =
      before?.measuresSince ?? ((event.measures?.length ?? 0) > 0 ? now : undefined);
    tracking[event.id] = {
      firstSubmittedAt: before?.firstSubmittedAt ?? now,
      ...(measuresSince ? { measuresSince } : {}),
    };
  }
  return tracking;
}
