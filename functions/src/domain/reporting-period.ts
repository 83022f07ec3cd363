import { addMonths, compareMonths, isMonth, type Month } from "./period.js";

/**
 * A span indicators are computed over: a month `YYYY-MM`, a quarter `YYYY-Qn`, a semester
 * `YYYY-H1`/`YYYY-H2` (the network meets every six months) or a year `YYYY`.
 */
export interface ReportingPeriod {
  key: string;
  kind: "month" | "quarter" | "semester" | "year";
  /** Its months, oldest first. */
  months: Month[];
}

/** Years 0001–9999, as for months (period.ts). */
const QUARTER = /^(?!0000)(\d{4})-Q([1-4])$/;
const SEMESTER = /^(?!0000)(\d{4})-H([12])$/;
const YEAR = /^(?!0000)(\d{4})$/;

function monthsFrom(first: Month, count: number): Month[] {
  return Array.from({ length: count }, (_, i) => addMonths(first, i));
}

/** Keys stay four digits wide whatever the year: `0001`, not `1`. */
function yearKey(year: number): string {
  return String(year).padStart(4, "0");
}

function monthKey(year: number, month: number): Month {
  return `${yearKey(year)}-${String(month).padStart(2, "0")}` as Month;
}

export function parseReportingPeriod(key: string): ReportingPeriod | null {
  if (isMonth(key)) return periodOf("month", key);
  const quarter = QUARTER.exec(key);
  if (quarter) return periodOf("quarter", monthKey(Number(quarter[1]), Number(quarter[2]) * 3));
  const semester = SEMESTER.exec(key);
  if (semester) return periodOf("semester", monthKey(Number(semester[1]), Number(semester[2]) * 6));
  const year = YEAR.exec(key);
  if (year) return periodOf("year", monthKey(Number(year[1]), 1));
  return null;
}

/**
 * The month, quarter or year holding `month`. Built directly, not re-parsed, so that the periods
 * before year 0001 (year 0000, reached by `previousPeriod` and `yearBefore`) are periods too:
 * they hold no data, and the report's changes against them are null, instead of a crash.
 */
function periodOf(kind: ReportingPeriod["kind"], month: Month): ReportingPeriod {
  const [year, m] = month.split("-").map(Number) as [number, number];
  if (kind === "month") return { key: month, kind, months: [month] };
  if (kind === "quarter") {
    const quarter = Math.ceil(m / 3);
    return {
      key: `${yearKey(year)}-Q${quarter}`,
      kind,
      months: monthsFrom(monthKey(year, quarter * 3 - 2), 3),
    };
  }
  if (kind === "semester") {
    const half = m <= 6 ? 1 : 2;
    return {
      key: `${yearKey(year)}-H${half}`,
      kind,
      months: monthsFrom(monthKey(year, half * 6 - 5), 6),
    };
  }
  return { key: yearKey(year), kind, months: monthsFrom(monthKey(year, 1), 12) };
}

/** The period just before: the previous month, quarter, semester or year. */
export function previousPeriod(period: ReportingPeriod): ReportingPeriod {
  const first = period.months[0] as Month;
  return periodOf(period.kind, addMonths(first, -period.months.length));
}

/** The same period one year earlier. */
export function yearBefore(period: ReportingPeriod): ReportingPeriod {
  return periodOf(period.kind, addMonths(period.months[0] as Month, -12));
}

/** The month, quarter, semester and year a month belongs to: what the monthly job recomputes. */
export function periodsContaining(month: Month): ReportingPeriod[] {
  return (["month", "quarter", "semester", "year"] as const).map((kind) => periodOf(kind, month));
}

/** Whether `month` is the period's last month: the month the period ends with. */
export function endsWith(period: ReportingPeriod, month: Month): boolean {
  return period.months[period.months.length - 1] === month;
}

/**
 * Whether the whole period is before `month` (a network's first month): no data can exist for
 * it. A period that only starts before (the year 2011 for a network begun in April) still counts.
 */
export function endsBefore(period: ReportingPeriod, month: Month): boolean {
  return compareMonths(period.months[period.months.length - 1] as Month, month) < 0;
}
