/**
 * Reads a year's sheets in two block reads and turns them into one draft body per month that
 * has figures, remembering which sheet row each procedure came from so that the server's
 * issues can be put back on the exact cell.
 */
import type { Month } from "../../functions/src/domain/period.js";
import {
  deskColumn,
  monthOfYear,
  PROCEDURES,
  proceduresSheetName,
  SERVICE,
  SERVICE_COLUMNS,
  SERVICE_FIELDS,
  serviceSheetName,
  totalColumn,
} from "./sheet-layout.js";

/** A procedure row as typed: the domain schema decides whether it is acceptable. */
export interface DraftRow {
  code: unknown;
  name: unknown;
  area: unknown;
  total: unknown;
  desk: unknown;
}

export interface MonthDraft {
  month: Month;
  year: number;
  monthIndex: number;
  body: { procedures: DraftRow[]; service?: Record<string, unknown> };
  /** Sheet row of each entry of body.procedures. */
  rows: number[];
}

export interface YearSheets {
  year: number;
  procedures: GoogleAppsScript.Spreadsheet.Sheet;
  service: GoogleAppsScript.Spreadsheet.Sheet | null;
}

export function yearSheets(
  book: GoogleAppsScript.Spreadsheet.Spreadsheet,
  years: number[],
): YearSheets[] {
  const found: YearSheets[] = [];
  for (const year of years) {
    const procedures = book.getSheetByName(proceduresSheetName(year));
    if (procedures) {
      found.push({ year, procedures, service: book.getSheetByName(serviceSheetName(year)) });
    }
  }
  return found;
}

/** Every month of the year with at least one figure; months with none are not sent. */
export function readYear(sheets: YearSheets): MonthDraft[] {
  const lastRow = sheets.procedures.getLastRow();
  const dataRows = Math.max(0, lastRow - PROCEDURES.firstDataRow + 1);
  const procedureValues =
    dataRows > 0
      ? sheets.procedures
          .getRange(PROCEDURES.firstDataRow, 1, dataRows, PROCEDURES.columns)
          .getValues()
      : [];
  const serviceValues = sheets.service
    ? sheets.service.getRange(SERVICE.firstMonthRow, 1, 12, SERVICE_COLUMNS).getValues()
    : [];
  const drafts: MonthDraft[] = [];
  for (let monthIndex = 1; monthIndex <= 12; monthIndex++) {
    const entries: { row: DraftRow; sheetRow: number }[] = [];
    procedureValues.forEach((row, offset) => {
      const total = figureValue(row[totalColumn(monthIndex) - 1]);
      const desk = figureValue(row[deskColumn(monthIndex) - 1]);
      if (total === undefined && desk === undefined) return;
      entries.push({
        row: {
          code: textValue(row[PROCEDURES.codeColumn - 1]),
          name: textValue(row[PROCEDURES.nameColumn - 1]),
          area: textValue(row[PROCEDURES.areaColumn - 1]),
          total,
          desk,
        },
        sheetRow: PROCEDURES.firstDataRow + offset,
      });
    });
    // The server words its data-quality remarks on the month in code order (its canonical
    // content): sent in that order, a remark's row index is the same on both sides.
    entries.sort((a, b) => byCode(a.row.code, b.row.code));
    const procedures = entries.map((entry) => entry.row);
    const rows = entries.map((entry) => entry.sheetRow);
    const service = readService(serviceValues[monthIndex - 1]);
    if (procedures.length === 0 && !service) continue;
    const body: MonthDraft["body"] = { procedures };
    if (service) body.service = service;
    drafts.push({
      month: monthOfYear(sheets.year, monthIndex),
      year: sheets.year,
      monthIndex,
      body,
      rows,
    });
  }
  return drafts;
}

/** The server's order (domain/month.ts canonicalContent); rows without a code go last. */
function byCode(a: unknown, b: unknown): number {
  if (typeof a !== "string" || typeof b !== "string")
    return typeof a === typeof b ? 0 : typeof a === "string" ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function readService(row: unknown[] | undefined): Record<string, unknown> | undefined {
  if (!row) return undefined;
  const service: Record<string, unknown> = {};
  SERVICE_FIELDS.forEach((field, i) => {
    const value = figureValue(row[i + 1]);
    if (value !== undefined) service[field.key] = value;
  });
  return Object.keys(service).length > 0 ? service : undefined;
}

/**
 * Empty cells are absent; text that is plainly a number (pasted as text, Italian decimal comma)
 * becomes that number; anything else is passed on as typed for the schema to reject by name.
 */
export function figureValue(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") {
    const text = value.trim();
    if (text === "") return undefined;
    if (/^-?\d+([.,]\d+)?$/.test(text)) return Number(text.replace(",", "."));
    return text;
  }
  return value;
}

/** Codes such as 101 come back from Sheets as numbers; the API wants text. */
export function textValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim();
  return text === "" ? undefined : text;
}
