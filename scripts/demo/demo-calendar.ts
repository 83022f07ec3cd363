import type { CalendarEvent } from "../../functions/src/domain/calendar/calendar-event.js";
import catalogue from "./network-calendar.json" with { type: "json" };

type Template = Omit<CalendarEvent, "date" | "start" | "end"> & {
  date?: string;
  start?: string;
  end?: string;
};

/**
 * The demo network's events of `year`, from the plain-data catalogue (network-calendar.json):
 * the recurring ones with their `MM-DD` put into the year, and those of that year alone.
 */
export function demoNetworkCalendar(year: number): CalendarEvent[] {
  const inYear = (day: string | undefined) => (day ? `${year}-${day}` : undefined);
  const recurring = (catalogue.everyYear as Template[]).map((event) => {
    const { date, start, end, ...rest } = event;
    return {
      ...rest,
      ...(date ? { date: inYear(date) } : {}),
      ...(start ? { start: inYear(start), end: inYear(end) } : {}),
    } as CalendarEvent;
  });
  const byYear = catalogue.byYear as Record<string, CalendarEvent[]>;
  return [...recurring, ...(byYear[String(year)] ?? [])];
}
