/**
 * How the tests type into the sheet like a person would: they find cells by the Italian labels
 * on screen (the month heading, the code in column A), not by the add-on's layout constants.
 * These writes go to the raw fakes, so they are not counted as the add-on's calls.
 */
import { italianMonth, type Month } from "../../../functions/src/domain/period.js";
import type { FakeSheet } from "./fake-sheet.js";

export const proceduresSheet = (month: Month) => `Pratiche ${month.slice(0, 4)}`;
export const serviceSheet = (month: Month) => `Servizio ${month.slice(0, 4)}`;

export function row(sheet: FakeSheet, rowNumber: number, columns = 27): unknown[] {
  return sheet.getRange(rowNumber, 1, 1, columns).getValues()[0] ?? [];
}

/** Columns of *Pratiche totali* and *Di cui allo sportello* under the month's heading. */
export function monthColumns(sheet: FakeSheet, month: Month): { total: number; desk: number } {
  const headings = row(sheet, 2);
  const index = headings.indexOf(italianMonth(month));
  if (index < 0) throw new Error(`no heading "${italianMonth(month)}" in ${sheet.name}`);
  const labels = row(sheet, 3);
  if (labels[index] !== "Pratiche totali" || labels[index + 1] !== "Di cui allo sportello") {
    throw new Error(
      `unexpected labels under ${italianMonth(month)}: ${labels[index]}, ${labels[index + 1]}`,
    );
  }
  return { total: index + 1, desk: index + 2 };
}

/** Types procedures (code, name, area name) from row 4 down. */
export function typeProcedures(
  sheet: FakeSheet,
  procedures: readonly (readonly [string, string, string])[],
) {
  sheet.getRange(4, 1, procedures.length, 3).setValues(procedures.map((p) => [...p]));
}

export function rowOfCode(sheet: FakeSheet, code: string): number {
  const codes = sheet
    .getRange(1, 1, sheet.getLastRow(), 1)
    .getValues()
    .map((r) => r[0]);
  const index = codes.indexOf(code);
  if (index < 0) throw new Error(`no procedure ${code} in ${sheet.name}`);
  return index + 1;
}

/** Types total and desk for each row, in the month's columns. */
export function typeFigures(
  sheet: FakeSheet,
  month: Month,
  figures: readonly (readonly [number | string, number | string])[],
) {
  const { total } = monthColumns(sheet, month);
  sheet.getRange(4, total, figures.length, 2).setValues(figures.map((f) => [...f]));
}

export const SERVICE_LABELS = [
  "Accessi allo sportello",
  "Attesa media (minuti)",
  "Serviti entro il tempo obiettivo",
  "Questionari raccolti",
  "Utenti soddisfatti",
  "Reclami",
  "Ore di apertura settimanali",
] as const;

/** The row of the service sheet whose column A names the month. */
export function serviceRowOf(sheet: FakeSheet, month: Month): number {
  const months = sheet
    .getRange(1, 1, 20, 1)
    .getValues()
    .map((r) => r[0]);
  const index = months.indexOf(italianMonth(month));
  if (index < 0) throw new Error(`no row "${italianMonth(month)}" in ${sheet.name}`);
  return index + 1;
}

/** Types the month's row of the service sheet, from *Accessi allo sportello* on. */
export function typeService(sheet: FakeSheet, month: Month, values: readonly number[]) {
  const row = serviceRowOf(sheet, month);
  sheet.getRange(row, 2, 1, values.length).setValues([[...values]]);
  return row;
}

export function cellState(sheet: FakeSheet, rowNumber: number, column: number) {
  const range = sheet.getRange(rowNumber, column);
  return {
    value: range.getValue(),
    note: range.getNotes()[0]?.[0] ?? "",
    background: range.getBackgrounds()[0]?.[0] ?? "",
  };
}

/** The fill the cell itself holds, or null: what getBackgrounds() cannot tell from white. */
export function explicitFill(sheet: FakeSheet, rowNumber: number, column: number): string | null {
  return sheet.cell(rowNumber, column)?.background ?? null;
}

/** Every cell from `firstRow` down with a fill of its own, as `A1: colour`. */
export function filledCells(sheet: FakeSheet, firstRow: number, columns = 30): string[] {
  const filled: string[] = [];
  for (let r = firstRow; r <= sheet.maxRows; r++)
    for (let c = 1; c <= columns; c++) {
      const fill = sheet.cell(r, c)?.background;
      if (fill !== undefined) filled.push(`${sheet.a1(r, c)}: ${fill}`);
    }
  return filled;
}
