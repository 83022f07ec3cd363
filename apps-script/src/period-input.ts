/**
 * The period staff type in the *Confronto rete* sheet. Sheets turns `2026-10` into a date and
 * `2026` into a number unless the cell is text, so both are accepted, and so are the Italian
 * `2026-T3` for a quarter (*trimestre*) and `2026-S1` for a semester (*semestre*, also `2026-H1`).
 */
import { addMonths, italianMonth, type Month, monthOf } from "../../functions/src/domain/period.js";
import {
  parseReportingPeriod,
  type ReportingPeriod,
} from "../../functions/src/domain/reporting-period.js";

export function defaultPeriod(now = new Date()): Month {
  return addMonths(monthOf(now), -1);
}

export function readPeriod(cell: unknown): ReportingPeriod | null {
  if (cell === null || cell === undefined || cell === "")
    return parseReportingPeriod(defaultPeriod());
  if (Object.prototype.toString.call(cell) === "[object Date]") {
    const date = cell as Date;
    if (Number.isNaN(date.getTime())) return null;
    // A date typed in the sheet means that day in Italy: read its month there.
    return parseReportingPeriod(monthOf(new Date(date.getTime() + 12 * 3600 * 1000)));
  }
  const text = String(cell)
    .trim()
    .toUpperCase()
    .replace(/\s+/g, "")
    .replace(/-T([1-4])$/, "-Q$1")
    .replace(/-S([12])$/, "-H$1");
  return parseReportingPeriod(text);
}

/** `ottobre 2026`, `3° trimestre 2026`, `1° semestre 2026`, `anno 2026`. */
export function periodLabel(period: ReportingPeriod): string {
  const year = period.key.slice(0, 4);
  if (period.kind === "month") return italianMonth(period.key as Month);
  if (period.kind === "quarter") return `${period.key.slice(-1)}° trimestre ${year}`;
  if (period.kind === "semester") return `${period.key.slice(-1)}° semestre ${year}`;
  return `anno ${year}`;
}

/** What goes back into the cell: the Italian spelling for quarters and semesters. */
export function periodText(period: ReportingPeriod): string {
  if (period.kind === "quarter") return period.key.replace("-Q", "-T");
  return period.kind === "semester" ? period.key.replace("-H", "-S") : period.key;
}
