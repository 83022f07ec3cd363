/**
 * Where the yearly *Scadenziario* sheet keeps each field of a peak event (DESIGN §11): one event
 * a row under a title and a row of Italian labels. Positions are fixed here and nowhere else.
 */
import type { CalendarEvent } from "../../functions/src/domain/calendar/calendar-event.js";

export const calendarSheetName = (year: number) => `Scadenziario ${year}`;
const CALENDAR_SHEET = /^Scadenziario (\d{4})$/;

export const CALENDAR = {
  titleRow: 1,
  labelRow: 2,
  firstDataRow: 3,
  /** Empty rows kept below the last event so that staff can add some without help. */
  spareRows: 100,
} as const;

export type CalendarField = keyof CalendarEvent;

/** The columns, left to right, with the labels staff read. */
export const CALENDAR_FIELDS: readonly { key: CalendarField; label: string }[] = [
  { key: "id", label: "ID" },
  { key: "title", label: "Titolo" },
  { key: "kind", label: "Tipo" },
  { key: "area", label: "Area" },
  { key: "procedures", label: "Procedimenti" },
  { key: "date", label: "Data" },
  { key: "start", label: "Dal" },
  { key: "end", label: "Al" },
  { key: "expectedUsers", label: "Utenti attesi" },
  { key: "measures", label: "Misure organizzative" },
  { key: "liaison", label: "Referente" },
  { key: "notes", label: "Note" },
];
export const CALENDAR_COLUMNS = CALENDAR_FIELDS.length;

export function calendarColumn(key: CalendarField): number {
  return 1 + CALENDAR_FIELDS.findIndex((field) => field.key === key);
}

/** The dropdown of *Tipo*: the Italian words for the API's two kinds. */
export const KIND_LABELS: Record<CalendarEvent["kind"], string> = {
  deadline: "scadenza",
  window: "periodo",
};

/** The years that have a *Scadenziario* sheet, oldest first. */
export function calendarYearsInBook(sheetNames: readonly string[]): number[] {
  return sheetNames
    .map((name) => CALENDAR_SHEET.exec(name)?.[1])
    .filter((year): year is string => year !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}
