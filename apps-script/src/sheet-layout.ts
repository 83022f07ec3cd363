/**
 * Where everything lives in the municipality's spreadsheet. Staff read these sheets, so labels
 * are Italian; the code reads them by position, so positions are fixed here and nowhere else.
 */
import type { ServiceMetrics } from "../../functions/src/domain/month.js";
import { italianMonth, type Month } from "../../functions/src/domain/period.js";

export const proceduresSheetName = (year: number) => `Pratiche ${year}`;
export const serviceSheetName = (year: number) => `Servizio ${year}`;
export const COMPARISON_SHEET = "Confronto rete";
export const UPCOMING_SHEET = "Prossimi 60 giorni";
const YEARLY_SHEET = /^(Pratiche|Servizio) (\d{4})$/;

/** Procedures sheet: title, month names, column labels, then one procedure per row. */
export const PROCEDURES = {
  titleRow: 1,
  monthRow: 2,
  labelRow: 3,
  firstDataRow: 4,
  codeColumn: 1,
  nameColumn: 2,
  areaColumn: 3,
  firstMonthColumn: 4,
  /** Code, name, area, then total and desk for each of the 12 months. */
  columns: 3 + 24,
  /** Empty rows kept below the last procedure so that staff can add some without help. */
  spareRows: 100,
} as const;

export const totalColumn = (monthIndex: number) =>
  PROCEDURES.firstMonthColumn + 2 * (monthIndex - 1);
export const deskColumn = (monthIndex: number) => totalColumn(monthIndex) + 1;
/** The month whose figures a column holds, or null for code/name/area. */
export function monthIndexOfColumn(column: number): number | null {
  if (column < PROCEDURES.firstMonthColumn || column > PROCEDURES.columns) return null;
  return Math.floor((column - PROCEDURES.firstMonthColumn) / 2) + 1;
}

export const PROCEDURE_LABELS = ["Codice", "Procedimento", "Area"] as const;
export const TOTAL_LABEL = "Pratiche totali";
export const DESK_LABEL = "Di cui allo sportello";

/** Service sheet: title, column labels, then one row per month (January first). */
export const SERVICE = { titleRow: 1, labelRow: 2, firstMonthRow: 3, monthColumn: 1 } as const;

export interface ServiceField {
  key: keyof ServiceMetrics;
  label: string;
  /** Counts are whole numbers; the two means are not. */
  integer: boolean;
  max?: number;
}

export const SERVICE_FIELDS: readonly ServiceField[] = [
  { key: "visits", label: "Accessi allo sportello", integer: true },
  { key: "meanWaitMinutes", label: "Attesa media (minuti)", integer: false, max: 1440 },
  { key: "servedWithinTarget", label: "Serviti entro il tempo obiettivo", integer: true },
  { key: "surveyResponses", label: "Questionari raccolti", integer: true },
  { key: "surveySatisfied", label: "Utenti soddisfatti", integer: true },
  { key: "complaints", label: "Reclami", integer: true },
  { key: "openingHoursWeekly", label: "Ore di apertura settimanali", integer: false, max: 168 },
];
export const SERVICE_COLUMNS = 1 + SERVICE_FIELDS.length;
export const serviceRow = (monthIndex: number) => SERVICE.firstMonthRow + monthIndex - 1;
export const serviceColumn = (key: keyof ServiceMetrics) =>
  2 + SERVICE_FIELDS.findIndex((field) => field.key === key);

export const COLORS = {
  title: "#1f4e79",
  header: "#dde7f3",
  error: "#f4cccc",
  warning: "#fff2cc",
  /** A remark that only informs: light blue, not the yellow of something to check. */
  info: "#cfe2f3",
  /** A warning answered with a justification: the value stays, nothing left to do. */
  justified: "#d9ead3",
  /** A forecast peak no calendar event covers: the one thing the 60-day sheet must not hide. */
  unplanned: "#f9cb9c",
} as const;

export const monthOfYear = (year: number, monthIndex: number) =>
  `${year}-${String(monthIndex).padStart(2, "0")}` as Month;
/** `gennaio 2026`. */
export const monthHeading = (year: number, monthIndex: number) =>
  italianMonth(monthOfYear(year, monthIndex));
/** `gennaio`. */
export const monthName = (monthIndex: number) => monthHeading(2000, monthIndex).split(" ")[0] ?? "";

/** The years that have a procedures or service sheet, oldest first. */
export function yearsInBook(sheetNames: readonly string[]): number[] {
  const years = new Set<number>();
  for (const name of sheetNames) {
    const match = YEARLY_SHEET.exec(name);
    if (match) years.add(Number(match[2]));
  }
  return [...years].sort((a, b) => a - b);
}

/**
 * Background a cell has when nothing is marked on it: the header rows under the title (row 2 to
 * `lastHeaderRow`) keep their colour, any other cell has no fill of its own.
 */
export function plainBackground(lastHeaderRow: number, row: number): string | null {
  return row >= 2 && row <= lastHeaderRow ? COLORS.header : null;
}

/** `a1(4, 27)` → `AA4`. */
export function a1(row: number, column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return `${letters}${row}`;
}
