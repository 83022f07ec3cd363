/**
 * The yearly *Pratiche* sheet: procedures as rows (code, name, area), and for each month
 * *Pratiche totali* and *Di cui allo sportello*. Laying it out again repairs headers, formats,
 * dropdowns and validation, and never writes a cell staff type figures into.
 */
import {
  areaRule,
  ensureSize,
  protectOnce,
  styleHeader,
  styleTitle,
  wholeNumberRule,
} from "./sheet-format.js";
import {
  a1,
  DESK_LABEL,
  monthHeading,
  PROCEDURE_LABELS,
  PROCEDURES,
  TOTAL_LABEL,
  totalColumn,
} from "./sheet-layout.js";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
const WIDTH = PROCEDURES.columns;

export function layOutProcedures(
  sheet: Sheet,
  year: number,
  areaNames: string[],
  procedureRows: number,
) {
  ensureSize(sheet, PROCEDURES.firstDataRow + procedureRows + PROCEDURES.spareRows, WIDTH);
  const title = Array<string>(WIDTH).fill("");
  title[0] = `POLI-NET · Pratiche ${year} per procedimento`;
  title[PROCEDURES.firstMonthColumn - 1] =
    "Per ogni mese: pratiche presentate al comune e, di queste, quante gestite dallo sportello. Poi POLI-NET › Invia dati.";
  const months = Array<string>(WIDTH).fill("");
  const labels = Array<string>(WIDTH).fill("");
  PROCEDURE_LABELS.forEach((label, i) => {
    labels[i] = label;
  });
  for (let m = 1; m <= 12; m++) {
    months[totalColumn(m) - 1] = monthHeading(year, m);
    labels[totalColumn(m) - 1] = TOTAL_LABEL;
    labels[totalColumn(m)] = DESK_LABEL;
  }
  sheet.getRange(PROCEDURES.titleRow, 1, 3, WIDTH).setValues([title, months, labels]);
  styleTitle(sheet.getRange(PROCEDURES.titleRow, 1, 1, WIDTH));
  styleHeader(sheet.getRange(PROCEDURES.monthRow, 1, 2, WIDTH));
  for (let m = 1; m <= 12; m++) sheet.getRange(PROCEDURES.monthRow, totalColumn(m), 1, 2).merge();
  sheet.setFrozenRows(PROCEDURES.labelRow);
  sheet.setFrozenColumns(PROCEDURES.areaColumn);
  sheet.setColumnWidth(PROCEDURES.codeColumn, 90);
  sheet.setColumnWidth(PROCEDURES.nameColumn, 280);
  sheet.setColumnWidth(PROCEDURES.areaColumn, 170);
  sheet.setColumnWidths(PROCEDURES.firstMonthColumn, 24, 95);

  const dataRows = sheet.getMaxRows() - PROCEDURES.firstDataRow + 1;
  const first = PROCEDURES.firstDataRow;
  // Codes such as 001 must stay text, not become the number 1.
  sheet.getRange(first, PROCEDURES.codeColumn, dataRows, 1).setNumberFormat("@");
  if (areaNames.length > 0) {
    sheet
      .getRange(first, PROCEDURES.areaColumn, dataRows, 1)
      .setDataValidation(areaRule(areaNames));
  }
  sheet
    .getRange(first, PROCEDURES.firstMonthColumn, dataRows, 24)
    .setDataValidation(wholeNumberRule(a1(first, PROCEDURES.firstMonthColumn)));
  protectOnce(sheet, [
    {
      range: sheet.getRange(PROCEDURES.titleRow, 1, 3, WIDTH),
      description: "POLI-NET: intestazioni del foglio Pratiche",
    },
  ]);
}

/** Rows (code, name, area) already present under the headers. */
export function procedureRowCount(sheet: Sheet): number {
  return Math.max(0, sheet.getLastRow() - PROCEDURES.firstDataRow + 1);
}

/** Code, name and area of each procedure of a sheet, for starting the next year's sheet. */
export function procedureList(sheet: Sheet): string[][] {
  const rows = procedureRowCount(sheet);
  if (rows === 0) return [];
  return sheet
    .getRange(PROCEDURES.firstDataRow, 1, rows, 3)
    .getDisplayValues()
    .filter((row) => row.some((cell) => cell.trim() !== ""));
}
