/**
 * Oracle, never to be edited: a verbatim copy of functions/src/domain/indicators/month-summary.ts at
 * commit fe2e4bd (before the engine was tuned), only its import paths changed.
 * network-indicators.oracle.test.ts proves the tuned engine answers exactly as this one did.
 */

import {
  INDICATOR_NAMES,
  type IndicatorName,
  monthParts,
} from "../../../functions/src/domain/indicators/definitions.js";
import { filterPartsBy } from "../../../functions/src/domain/indicators/municipality-indicators.js";
import type { StoredMonth } from "../../../functions/src/domain/stored-month.js";
import type { Ratio } from "./ratio.js";

/** `[numerator, denominator]`: compact, because one summary document holds every municipality. */
export type Pair = [number, number];

/**
 * What network indicators need of one municipality's month: its parts per indicator, its filter
 * parts per area, and when it was first submitted. Kept per month for the whole network so that a
 * period's indicators cost a handful of document reads.
 */
export interface MonthSummaryEntry {
  parts: Partial<Record<IndicatorName, Pair>>;
  areas: Record<string, Pair>;
  firstSubmittedAt: string;
  revision: number;
}

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
  return { parts, areas, firstSubmittedAt: month.firstSubmittedAt, revision: month.revision };
}
