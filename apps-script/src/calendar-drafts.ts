/**
 * Reads a *Scadenziario* sheet in one block read and turns it into the body of
 * `PUT …/calendar/{YYYY}`, remembering the sheet row of each event so that the server's issues go
 * back on the exact cell. A row without an ID gets one here, written back in one block write of
 * the ID column, and keeps it: the server and the calendar feeds recognise an event by its ID.
 */
import {
  CALENDAR,
  CALENDAR_COLUMNS,
  type CalendarField,
  calendarColumn,
  KIND_LABELS,
} from "./calendar-layout.js";
import { figureValue, textValue } from "./month-drafts.js";

/** An event as typed: the domain schema decides whether it is acceptable. */
export type DraftEvent = Partial<Record<CalendarField, unknown>>;

export interface CalendarDraft {
  year: number;
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  body: { events: DraftEvent[] };
  /** Sheet row of each entry of body.events. */
  rows: number[];
  /** Rows of the sheet under the headers, for clearing old marks. */
  lastRow: number;
}

export function readCalendar(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  year: number,
): CalendarDraft {
  const lastRow = sheet.getLastRow();
  const dataRows = Math.max(0, lastRow - CALENDAR.firstDataRow + 1);
  const values =
    dataRows > 0
      ? sheet.getRange(CALENDAR.firstDataRow, 1, dataRows, CALENDAR_COLUMNS).getValues()
      : [];
  const cell = (row: unknown[], key: CalendarField) => row[calendarColumn(key) - 1];
  const idColumn = values.map((row) => [cell(row, "id")]);
  const taken = new Set(idColumn.map(([id]) => textValue(id)).filter(Boolean));
  let next = 1;
  let idsAdded = false;
  const events: DraftEvent[] = [];
  const rows: number[] = [];
  values.forEach((row, offset) => {
    const typed = row.some((value, c) => c !== calendarColumn("id") - 1 && !blank(value));
    if (!typed) return;
    let id = textValue(cell(row, "id"));
    if (id === undefined) {
      // The first free number of the year: short, readable, never one another row holds.
      while (taken.has(newId(year, next))) next++;
      id = newId(year, next);
      taken.add(id);
      idColumn[offset] = [id];
      idsAdded = true;
    }
    events.push(eventOf(row, id, cell));
    rows.push(CALENDAR.firstDataRow + offset);
  });
  if (idsAdded) {
    sheet
      .getRange(CALENDAR.firstDataRow, calendarColumn("id"), dataRows, 1)
      .setValues(idColumn.map(([id]) => [id ?? ""]));
  }
  return { year, sheet, body: { events }, rows, lastRow };
}

const newId = (year: number, n: number) => `EV-${year}-${String(n).padStart(3, "0")}`;

function eventOf(
  row: unknown[],
  id: string,
  cell: (row: unknown[], key: CalendarField) => unknown,
): DraftEvent {
  const event: DraftEvent = { id, title: textValue(cell(row, "title")) };
  const date = dateValue(cell(row, "date"));
  const start = dateValue(cell(row, "start"));
  const end = dateValue(cell(row, "end"));
  event.kind = kindValue(cell(row, "kind"), date !== undefined, start !== undefined);
  // As typed (the dropdown shows names): codes are looked up when sending, as for months.
  const area = textValue(cell(row, "area"));
  if (area !== undefined) event.area = area;
  const procedures = listValue(cell(row, "procedures"), /[,;\n]/);
  if (procedures) event.procedures = procedures;
  if (date !== undefined) event.date = date;
  if (start !== undefined) event.start = start;
  if (end !== undefined) event.end = end;
  const users = figureValue(cell(row, "expectedUsers"));
  if (users !== undefined) event.expectedUsers = users;
  // One measure a line of the cell (Alt+Invio): a measure may well contain commas.
  const measures = listValue(cell(row, "measures"), /\n/);
  if (measures) event.measures = measures;
  const liaison = textValue(cell(row, "liaison"));
  if (liaison !== undefined) event.liaison = liaison;
  const notes = textValue(cell(row, "notes"));
  if (notes !== undefined) event.notes = notes;
  return event;
}

/** The dropdown's Italian words; left empty, a date alone means a deadline and from/to a window. */
function kindValue(value: unknown, hasDate: boolean, hasRange: boolean): unknown {
  const text = textValue(value)?.toLowerCase();
  if (text === undefined) {
    if (hasRange) return "window";
    return hasDate ? "deadline" : undefined;
  }
  if (text === KIND_LABELS.deadline || text === "deadline") return "deadline";
  if (text === KIND_LABELS.window || text === "window") return "window";
  return textValue(value);
}

/**
 * A date cell holds a Date at midnight of the spreadsheet's time zone (22:00 or 23:00 UTC the
 * day before, for a file kept in Italy): 12 hours on, the UTC day is the day typed for any zone
 * from UTC−11 to UTC+11, with no need to ask the spreadsheet for its zone. Text such as 16/06/2026 or 2026-06-16 is read too; anything else goes on as typed for
 * the schema to refuse by name.
 */
export function dateValue(value: unknown): unknown {
  if (Object.prototype.toString.call(value) === "[object Date]") {
    const date = value as Date;
    if (Number.isNaN(date.getTime())) return undefined;
    return new Date(date.getTime() + 12 * 3600 * 1000).toISOString().slice(0, 10);
  }
  const text = textValue(value);
  if (text === undefined) return undefined;
  const italian = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (italian)
    return `${italian[3]}-${italian[2]?.padStart(2, "0")}-${italian[1]?.padStart(2, "0")}`;
  return text;
}

function listValue(value: unknown, separator: RegExp): string[] | undefined {
  const text = textValue(value);
  if (text === undefined) return undefined;
  const items = text
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== "");
  return items.length > 0 ? items : undefined;
}

function blank(value: unknown): boolean {
  return value === null || value === undefined || String(value).trim() === "";
}
