import { addMonths, isMonth, type Month } from "./period.js";

/** A span indicators are computed over: a month `YYYY-MM`, a quarter `YYYY-Qn` or a year `YYYY`. */
export interface ReportingPeriod {
  key: string;
  kind: "month" | "quarter" | "year";
  /** Its months, oldest first. */
  months: Month[];
}

const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;

function monthsFrom(first: Month, count: number): Month[] {
  return Array.from({ length: count }, (_, i) => addMonths(first, i));
}

export function parseReportingPeriod(key: string): ReportingPeriod | null {
  if (isMonth(key)) return { key, kind: "month", months: [key] };
  const quarter = QUARTER.exec(key);
  if (quarter) {
    const first =
      `${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + 1).padStart(2, "0")}` as Month;
    return { key, kind: "quarter", months: monthsFrom(first, 3) };
  }
  const year = YEAR.exec(key);
  if (year) return { key, kind: "year", months: monthsFrom(`${year[1]}-01` as Month, 12) };
  return null;
}

function periodOf(kind: ReportingPeriod["kind"], first: Month): ReportingPeriod {
  const [year, month] = first.split("-").map(Number) as [number, number];
  const key =
    kind === "month" ? first : kind === "quarter" ? `${year}-Q${Math.ceil(month / 3)}` : `${year}`;
  return parseReportingPeriod(key) as ReportingPeriod;
}

/** The period just before: the previous month, quarter or year. */
export function previousPeriod(period: ReportingPeriod): ReportingPeriod {
  const first = period.months[0] as Month;
  return periodOf(period.kind, addMonths(first, -period.months.length));
}

/** The same period one year earlier. */
export function yearBefore(period: ReportingPeriod): ReportingPeriod {
  return periodOf(period.kind, addMonths(period.months[0] as Month, -12));
}

/** The month, quarter and year a month belongs to: what the monthly job recomputes. */
export function periodsContaining(month: Month): ReportingPeriod[] {
  return (["month", "quarter", "year"] as const).map((kind) => {
    const [year, m] = month.split("-").map(Number) as [number, number];
    const first =
      kind === "month"
        ? month
        : kind === "quarter"
          ? (`${year}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, "0")}` as Month)
          : (`${year}-01` as Month);
    return periodOf(kind, first);
  });
}
