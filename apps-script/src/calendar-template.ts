/**
 * The yearly *Scadenziario* sheet: one peak event a row (ID, title, kind, area, procedures, date
 * or from/to, expected users, measures, liaison, notes). Laying it out again repairs headers,
 * dropdowns, formats and validation, and never writes a cell staff type events into. Everything
 * is applied to whole columns, so the calls are the same for 5 events as for 500.
 */
import {
  CALENDAR,
  CALENDAR_COLUMNS,
  CALENDAR_FIELDS,
  calendarColumn,
  KIND_LABELS,
} from "./calendar-layout.js";
import {
  areaRule,
  ensureSize,
  protectOnce,
  styleHeader,
  styleTitle,
  wholeNumberRule,
} from "./sheet-format.js";
import { a1 } from "./sheet-layout.js";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export function layOutCalendar(sheet: Sheet, year: number, areaNames: string[], eventRows: number) {
  ensureSize(sheet, CALENDAR.firstDataRow + eventRows + CALENDAR.spareRows, CALENDAR_COLUMNS);
  const title = Array<string>(CALENDAR_COLUMNS).fill("");
  title[0] = `POLI-NET · Scadenziario ${year}: picchi di utenza previsti`;
  title[2] =
    "Un evento per riga: una scadenza (Data) o un periodo (Dal, Al), con le misure organizzative (una per riga della cella). L'ID si crea da solo all'invio: non cambiarlo. Poi POLI-NET › Invia dati.";
  const labels = CALENDAR_FIELDS.map((field) => field.label);
  sheet.getRange(CALENDAR.titleRow, 1, 2, CALENDAR_COLUMNS).setValues([title, labels]);
  styleTitle(sheet.getRange(CALENDAR.titleRow, 1, 1, CALENDAR_COLUMNS));
  styleHeader(sheet.getRange(CALENDAR.labelRow, 1, 1, CALENDAR_COLUMNS));
  sheet.setFrozenRows(CALENDAR.labelRow);
  sheet.setColumnWidth(calendarColumn("id"), 110);
  sheet.setColumnWidth(calendarColumn("title"), 240);
  sheet.setColumnWidths(calendarColumn("kind"), 6, 105);
  sheet.setColumnWidths(calendarColumn("measures"), 3, 260);

  const first = CALENDAR.firstDataRow;
  const rows = sheet.getMaxRows() - first + 1;
  const column = (key: Parameters<typeof calendarColumn>[0], count = 1) =>
    sheet.getRange(first, calendarColumn(key), rows, count);
  // IDs and procedure codes stay text: "001" is not the number 1, "2026-06" is not a date.
  column("id").setNumberFormat("@");
  column("procedures").setNumberFormat("@");
  column("kind").setDataValidation(kindRule());
  if (areaNames.length > 0) column("area").setDataValidation(areaRule(areaNames));
  // Data, Dal and Al are side by side: one range, one rule, one format.
  column("date", 3).setDataValidation(dateRule()).setNumberFormat("dd/mm/yyyy");
  column("expectedUsers").setDataValidation(
    wholeNumberRule(a1(first, calendarColumn("expectedUsers"))),
  );
  column("measures", 3).setWrap(true);
  protectOnce(sheet, [
    {
      range: sheet.getRange(CALENDAR.titleRow, 1, 2, CALENDAR_COLUMNS),
      description: "POLI-NET: intestazioni del foglio Scadenziario",
    },
  ]);
}

/** Rows already present under the headers. */
export function calendarRowCount(sheet: Sheet): number {
  return Math.max(0, sheet.getLastRow() - CALENDAR.firstDataRow + 1);
}

function kindRule() {
  return SpreadsheetApp.newDataValidation()
    .requireValueInList([KIND_LABELS.deadline, KIND_LABELS.window], true)
    .setAllowInvalid(false)
    .setHelpText("Scadenza: un giorno (colonna Data). Periodo: più giorni (colonne Dal e Al).")
    .build();
}

function dateRule() {
  return SpreadsheetApp.newDataValidation()
    .requireDate()
    .setAllowInvalid(false)
    .setHelpText("Inserire una data, per esempio 16/06/2026.")
    .build();
}
