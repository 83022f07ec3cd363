/**
 * The yearly *Servizio* sheet: one row per month (January first), one column per service
 * metric. Laying it out again rewrites labels and rules only, never the figures.
 */
import {
  decimalRule,
  ensureSize,
  protectOnce,
  styleHeader,
  styleTitle,
  wholeNumberRule,
} from "./sheet-format.js";
import { a1, monthHeading, SERVICE, SERVICE_COLUMNS, SERVICE_FIELDS } from "./sheet-layout.js";

export function layOutService(sheet: GoogleAppsScript.Spreadsheet.Sheet, year: number) {
  ensureSize(sheet, SERVICE.firstMonthRow + 12, SERVICE_COLUMNS);
  const title = Array<string>(SERVICE_COLUMNS).fill("");
  title[0] = `POLI-NET · Servizio allo sportello ${year}`;
  title[1] =
    "Un mese per riga; lasciare vuoto un dato che non si rileva. Poi POLI-NET › Invia dati.";
  const labels = ["Mese", ...SERVICE_FIELDS.map((field) => field.label)];
  sheet.getRange(SERVICE.titleRow, 1, 2, SERVICE_COLUMNS).setValues([title, labels]);
  const months = Array.from({ length: 12 }, (_, i) => [monthHeading(year, i + 1)]);
  sheet.getRange(SERVICE.firstMonthRow, SERVICE.monthColumn, 12, 1).setValues(months);
  styleTitle(sheet.getRange(SERVICE.titleRow, 1, 1, SERVICE_COLUMNS));
  styleHeader(sheet.getRange(SERVICE.labelRow, 1, 1, SERVICE_COLUMNS));
  sheet.getRange(SERVICE.firstMonthRow, SERVICE.monthColumn, 12, 1).setFontWeight("bold");
  sheet.setFrozenRows(SERVICE.labelRow);
  sheet.setFrozenColumns(1);
  sheet.setColumnWidth(1, 130);
  sheet.setColumnWidths(2, SERVICE_FIELDS.length, 140);
  SERVICE_FIELDS.forEach((field, i) => {
    const column = 2 + i;
    const topLeft = a1(SERVICE.firstMonthRow, column);
    const rule =
      field.integer || field.max === undefined
        ? wholeNumberRule(topLeft)
        : decimalRule(topLeft, field.max);
    sheet.getRange(SERVICE.firstMonthRow, column, 12, 1).setDataValidation(rule);
  });
  protectOnce(sheet, [
    {
      range: sheet.getRange(SERVICE.titleRow, 1, 2, SERVICE_COLUMNS),
      description: "POLI-NET: intestazioni del foglio Servizio",
    },
    {
      range: sheet.getRange(SERVICE.firstMonthRow, SERVICE.monthColumn, 12, 1),
      description: "POLI-NET: mesi del foglio Servizio",
    },
  ]);
}
