import { DateTime } from "luxon";
import type { ReportingPeriod } from "../domain/reporting-period.js";
import type { ReportUnit } from "./indicator-labels.js";

/**
 * How people read the report's figures: Italian (it-IT) number formatting, comma decimal and dot
 * thousands, one decimal for every value. The page shows a value rounded this way and carries the
 * exact one in a `<data value>` attribute, so the browser test can check both against the JSON.
 */
const ONE_DECIMAL = new Intl.NumberFormat("it-IT", {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  // "1.234,5" rather than it-IT's default "1234,5" for four-digit numbers: a reader compares columns.
  useGrouping: "always",
});
const SIGNED = new Intl.NumberFormat("it-IT", {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  useGrouping: "always",
  signDisplay: "exceptZero",
});
const WHOLE = new Intl.NumberFormat("it-IT", { useGrouping: "always" });

export const MISSING = "n.d.";

/** The value as shown in a table cell, without its unit (the column header names it). */
export function formatNumber(value: number | null): string {
  return value === null ? MISSING : ONE_DECIMAL.format(value);
}

/** A change against an earlier period: "+2,1", "−0,4", "0,0". */
export function formatChange(value: number | null): string {
  return value === null ? MISSING : SIGNED.format(value);
}

export function formatCount(value: number): string {
  return WHOLE.format(value);
}

/** The unit as a column header or an axis title says it. */
export function unitLabel(unit: ReportUnit): string {
  switch (unit) {
    case "percent":
      return "%";
    case "minutes":
      return "minuti";
    case "per1000":
      return "ogni 1.000";
    case "hours":
      return "ore";
    case "number":
      return "valore";
  }
}

/** What a change is counted in: points for a percentage, the unit otherwise. */
export function changeUnitLabel(unit: ReportUnit): string {
  return unit === "percent" ? "punti" : unitLabel(unit);
}

const MONTH = (month: string) =>
  DateTime.fromFormat(month, "yyyy-MM", { locale: "it-IT" }).toFormat("LLLL yyyy");

/** "gennaio 2026", "2° trimestre 2026", "1° semestre 2026", "anno 2026". */
export function periodLabel(key: string, kind: ReportingPeriod["kind"]): string {
  if (kind === "month") return MONTH(key);
  const year = key.slice(0, 4);
  if (kind === "quarter") return `${key.slice(6)}° trimestre ${year}`;
  if (kind === "semester") return `${key.slice(6)}° semestre ${year}`;
  return `anno ${year}`;
}

export function monthLabel(month: string): string {
  return MONTH(month);
}

/** "gen 2026": for the rows of the trend table. */
export function shortMonthLabel(month: string): string {
  return DateTime.fromFormat(month, "yyyy-MM", { locale: "it-IT" }).toFormat("LLL yyyy");
}

/** A publication instant as a date in Rome: "3 febbraio 2026, 10:15". */
export function instantLabel(iso: string): string {
  return DateTime.fromISO(iso, { zone: "Europe/Rome" })
    .setLocale("it-IT")
    .toFormat("d LLLL yyyy, HH:mm");
}
