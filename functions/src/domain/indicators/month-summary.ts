import type { DataQualityWarning } from "../data-quality.js";
import { shortId } from "../short-id.js";
import type { StoredMonth } from "../stored-month.js";
import type { WarningLedger } from "../warning-ledger.js";
import { INDICATOR_NAMES, type IndicatorName, monthParts } from "./definitions.js";
import { filterPartsBy } from "./municipality-indicators.js";
import type { Ratio } from "./ratio.js";

/** `[numerator, denominator]`: compact, because one summary document holds every municipality. */
export type Pair = [number, number];

/**
 * What network indicators need of one municipality's month: its parts per indicator, its filter
 * parts per area, and when it was first submitted. Kept per month for the whole network so that a
 * period's indicators cost a handful of document reads.
 */
export interface MonthSummaryEntry extends WarningLedger {
  parts: Partial<Record<IndicatorName, Pair>>;
  areas: Record<string, Pair>;
  firstSubmittedAt: string;
  revision: number;
  /**
   * The month's data-quality remarks, for the network report: kept here so that a report reads
   * the shards only, never a month document per municipality-month. At most MAX_SUMMARY_NOTES;
   * absent in shards written before it existed (the report then reads the month's warnings).
   */
  notes?: DataQualityWarning[];
  /** Remarks past MAX_SUMMARY_NOTES, counted but not kept. */
  notesOmitted?: number;
  /**
   * The procedures with desk cases this month, as `shortId(code)` (12 characters whatever the
   * code's length, so 1,000 rows add ~15 KB a month): what cardsCurrent needs. Absent in shards
   * written before it existed (a recomputation adds it).
   */
  deskCodes?: string[];
}

/** Remarks kept per month in a shard: 12 months of them stay a few tens of KB at most. */
export const MAX_SUMMARY_NOTES = 20;

const pair = (r: Ratio): Pair => [r.numerator, r.denominator];
export const ratioOf = (p: Pair | undefined): Ratio | null =>
  p ? { numerator: p[0], denominator: p[1] } : null;

export function summariseMonth(month: StoredMonth): MonthSummaryEntry {
  const parts: MonthSummaryEntry["parts"] = {};
  const all = monthParts(month);
  for (const name of INDICATOR_NAMES) {
    const part = all[name];
    if (part) parts[name] = pair(part);
  }
  const areas = Object.fromEntries(
    [...filterPartsBy([month], "area")].map(([code, r]) => [code, pair(r)]),
  );
  const warnings = month.warnings ?? [];
  return {
    parts,
    areas,
    firstSubmittedAt: month.firstSubmittedAt,
    revision: month.revision,
    deskCodes: month.procedures.filter((p) => p.desk > 0).map((p) => shortId(p.code)),
    notes: warnings.slice(0, MAX_SUMMARY_NOTES),
    ...(warnings.length > MAX_SUMMARY_NOTES
      ? { notesOmitted: warnings.length - MAX_SUMMARY_NOTES }
      : {}),
  };
}
