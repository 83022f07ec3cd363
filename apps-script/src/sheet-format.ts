/**
 * The look and the guard rails of the template: header styling, data validation and warning-only
 * protection of the header ranges. Everything here is applied to whole ranges, so repairing a
 * sheet of 300 procedures costs the same calls as one of 10.
 */
import { COLORS } from "./sheet-layout.js";

type Range = GoogleAppsScript.Spreadsheet.Range;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export function styleTitle(range: Range): void {
  range.setFontWeight("bold").setFontSize(12).setFontColor(COLORS.title);
}

export function styleHeader(range: Range): void {
  range
    .setBackground(COLORS.header)
    .setFontWeight("bold")
    .setHorizontalAlignment("center")
    .setVerticalAlignment("middle")
    .setWrap(true);
}

/** Sheets adjusts the relative reference of the formula to each cell of the range. */
export function wholeNumberRule(topLeftA1: string) {
  return SpreadsheetApp.newDataValidation()
    .requireFormulaSatisfied(
      `=AND(ISNUMBER(${topLeftA1}),${topLeftA1}>=0,${topLeftA1}=INT(${topLeftA1}))`,
    )
    .setAllowInvalid(false)
    .setHelpText("Inserire un numero intero, zero o maggiore. Lasciare vuoto se il dato manca.")
    .build();
}

export function decimalRule(topLeftA1: string, max: number) {
  return SpreadsheetApp.newDataValidation()
    .requireFormulaSatisfied(`=AND(ISNUMBER(${topLeftA1}),${topLeftA1}>=0,${topLeftA1}<=${max})`)
    .setAllowInvalid(false)
    .setHelpText(`Inserire un numero tra 0 e ${max}. Lasciare vuoto se il dato manca.`)
    .build();
}

export function areaRule(areaNames: string[]) {
  return SpreadsheetApp.newDataValidation()
    .requireValueInList(areaNames, true)
    .setAllowInvalid(false)
    .setHelpText("Scegliere l'area della rete a cui appartiene il procedimento.")
    .build();
}

/**
 * Warning-only protection: every colleague can still run *Imposta foglio* to repair the sheet,
 * and anyone typing over a header is warned first. Added once, recognised by its description.
 */
export function protectOnce(sheet: Sheet, ranges: { range: Range; description: string }[]): void {
  const existing = new Set(
    sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE).map((p) => p.getDescription()),
  );
  for (const { range, description } of ranges) {
    if (!existing.has(description))
      range.protect().setDescription(description).setWarningOnly(true);
  }
}

/** New sheets have 26 columns and 1000 rows: grow them to what the layout needs. */
export function ensureSize(sheet: Sheet, rows: number, columns: number): void {
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns < columns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
}

export function sheetNamed(book: GoogleAppsScript.Spreadsheet.Spreadsheet, name: string): Sheet {
  return book.getSheetByName(name) ?? book.insertSheet(name);
}
