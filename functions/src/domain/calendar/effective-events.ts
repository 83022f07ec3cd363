import { effectiveDate } from "./business-days.js";
import type { CalendarEvent } from "./calendar-event.js";

export type EventSource = "network" | "local";

/**
 * An event as a municipality's calendar shows it: where it comes from and the days it actually
 * takes. A deadline's `effectiveDate` is moved off closed days; a window is not moved. Every event
 * has `effectiveStart`/`effectiveEnd` (inclusive) so that a reader needs no case per kind.
 */
export type EffectiveEvent = CalendarEvent & {
  source: EventSource;
  effectiveDate?: string;
  effectiveStart: string;
  effectiveEnd: string;
};

export function effectiveEvent(
  event: CalendarEvent,
  source: EventSource,
  patronDay?: string,
): EffectiveEvent {
  if (event.kind === "deadline") {
    const day = effectiveDate(event.date as string, patronDay);
    return { ...event, source, effectiveDate: day, effectiveStart: day, effectiveEnd: day };
  }
  return {
    ...event,
    source,
    effectiveStart: event.start as string,
    effectiveEnd: event.end as string,
  };
}

/** Network and local events of a municipality, in the order a planner reads them: by day. */
export function mergeCalendars(
  network: readonly CalendarEvent[],
  local: readonly CalendarEvent[],
  patronDay?: string,
): EffectiveEvent[] {
  return [
    ...network.map((e) => effectiveEvent(e, "network", patronDay)),
    ...local.map((e) => effectiveEvent(e, "local", patronDay)),
  ].sort(
    (a, b) =>
      a.effectiveStart.localeCompare(b.effectiveStart) ||
      a.source.localeCompare(b.source) ||
      a.id.localeCompare(b.id),
  );
}
