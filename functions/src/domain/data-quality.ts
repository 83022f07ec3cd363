import { median } from "d3-array";
import type { MonthContent } from "./month.js";
import { addMonths, italianMonth, type Month } from "./period.js";
import { warningId } from "./warning-ledger.js";

export type Severity = "error" | "warning" | "info";

/** A remark on a submission: `error` blocks the write, `warning` and `info` do not. */
export interface DataQualityWarning {
  /**
   * Stable across revisions of the month (warning-ledger.ts): the same remark on the same row
   * keeps it. Absent on remarks stored before ids existed.
   */
  id?: string;
  severity: Severity;
  code:
    | "outlier"
    | "implausible-total"
    | "filter-rate-jump"
    | "procedure-missing"
    | "no-service-metrics";
  path: (string | number)[];
  message: string;
}

export interface MonthOfHistory extends MonthContent {
  month: Month;
}

/** Robust z beyond which a total is called far from the municipality's own history. */
const OUTLIER_Z = 3.5;
/** Differences smaller than this many cases are never worth a remark. */
const MIN_CASES_DIFFERENCE = 10;
/** A jump of the filter rate beyond this many points is worth a look. */
const FILTER_JUMP_POINTS = 25;
/** Below this many cases a procedure's filter rate moves too much to judge jumps. */
const MIN_CASES_FOR_RATE = 10;

const pct = (desk: number, total: number) => (100 * desk) / total;
const fmt = (n: number) => n.toLocaleString("it-IT", { maximumFractionDigits: 1 });

/**
 * Data-quality remarks for a month against the municipality's own last 12 months (DESIGN §7).
 * Robust: median and MAD of each procedure's totals, and the same month a year before, so that
 * January enrolments or June tax peaks, seen last year too, raise nothing.
 */
export function dataQualityWarnings(
  month: Month,
  current: MonthContent,
  history: readonly MonthOfHistory[],
): DataQualityWarning[] {
  const warnings: DataQualityWarning[] = [];
  const byMonth = new Map(history.map((h) => [h.month, h]));
  const previous = byMonth.get(addMonths(month, -1));
  const lastYear = byMonth.get(addMonths(month, -12));
  const window = Array.from({ length: 12 }, (_, i) => byMonth.get(addMonths(month, -1 - i))).filter(
    (h) => h !== undefined,
  );

  // Rows indexed by code once: looking each row up in every month of history would cost
  // rows² × 12 (a 1,000-row month: 12 million comparisons, seconds of a blocked event loop).
  const totalsByCode = new Map<string, number[]>();
  for (const h of window) {
    for (const p of h.procedures) {
      const series = totalsByCode.get(p.code);
      if (series) series.push(p.total);
      else totalsByCode.set(p.code, [p.total]);
    }
  }
  const previousByCode = new Map(previous?.procedures.map((p) => [p.code, p]));
  const lastYearByCode = new Map(lastYear?.procedures.map((p) => [p.code, p]));

  current.procedures.forEach((row, index) => {
    const series = totalsByCode.get(row.code) ?? [];
    if (series.length >= 4) {
      const centre = median(series) ?? 0;
      const mad = median(series.map((x) => Math.abs(x - centre))) ?? 0;
      // 1.4826·MAD estimates the standard deviation; a flat history falls back to 10 % of its level.
      const scale = mad > 0 ? 1.4826 * mad : Math.max(1, 0.1 * centre);
      const distance = Math.abs(row.total - centre);
      const sameMonthLastYear = lastYearByCode.get(row.code)?.total;
      const seasonal =
        sameMonthLastYear !== undefined &&
        (Math.abs(row.total - sameMonthLastYear) <= OUTLIER_Z * scale ||
          (sameMonthLastYear > 0 &&
            row.total / sameMonthLastYear >= 2 / 3 &&
            row.total / sameMonthLastYear <= 1.5));
      if (!seasonal && distance >= MIN_CASES_DIFFERENCE && distance / scale > OUTLIER_Z) {
        const implausible = centre >= 5 && row.total >= 100 * centre;
        const code = implausible ? "implausible-total" : "outlier";
        warnings.push({
          id: warningId(month, code, `${row.code}/total`),
          severity: implausible ? "error" : "warning",
          code,
          path: ["procedures", index, "total"],
          message: implausible
            ? `Riga ${index + 1} (${row.code}): ${fmt(row.total)} pratiche sono più di 100 volte il solito (${fmt(centre)}): probabile errore di battitura, il mese non è stato salvato.`
            : `Riga ${index + 1} (${row.code}): ${fmt(row.total)} pratiche sono molto lontane dal solito per il comune (mediana degli ultimi 12 mesi: ${fmt(centre)}). Verificare il dato.`,
        });
      }
    }
    const before = previousByCode.get(row.code);
    if (before && before.total >= MIN_CASES_FOR_RATE && row.total >= MIN_CASES_FOR_RATE) {
      const jump = pct(row.desk, row.total) - pct(before.desk, before.total);
      if (Math.abs(jump) > FILTER_JUMP_POINTS) {
        warnings.push({
          id: warningId(month, "filter-rate-jump", `${row.code}/desk`),
          severity: "warning",
          code: "filter-rate-jump",
          path: ["procedures", index, "desk"],
          message: `Riga ${index + 1} (${row.code}): la quota allo sportello passa da ${fmt(pct(before.desk, before.total))}% a ${fmt(pct(row.desk, row.total))}% (${jump > 0 ? "+" : ""}${fmt(jump)} punti) rispetto a ${italianMonth(addMonths(month, -1))}.`,
        });
      }
    }
  });

  if (previous) {
    const codes = new Set(current.procedures.map((p) => p.code));
    for (const gone of previous.procedures.filter((p) => p.total > 0 && !codes.has(p.code))) {
      warnings.push({
        id: warningId(month, "procedure-missing", gone.code),
        severity: "info",
        code: "procedure-missing",
        path: ["procedures"],
        message: `Il procedimento ${gone.code} (${gone.name}) era presente in ${italianMonth(addMonths(month, -1))} e ora manca: se non ci sono state pratiche indicare 0.`,
      });
    }
  }
  if (Object.keys(current.service).length === 0) {
    warnings.push({
      id: warningId(month, "no-service-metrics", "service"),
      severity: "info",
      code: "no-service-metrics",
      path: ["service"],
      message: `Per ${italianMonth(month)} non ci sono indicatori di servizio (accessi, attese, soddisfazione, orari).`,
    });
  }
  return warnings;
}
