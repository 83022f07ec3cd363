import type { Month } from "../period.js";
import {
  INDICATOR_NAMES,
  type IndicatorName,
  indicatorValue,
  withPopulation,
} from "./definitions.js";
import { ratioOf } from "./month-summary.js";
import type { MonthSummaries, RosterEntry } from "./network-indicators.js";
import { type Ratio, sumRatios } from "./ratio.js";

export interface MonthPooled {
  month: Month;
  /** Municipalities of the roster that reported the month. */
  reporting: number;
  /** The network's pooled value per indicator, as `networkIndicators` computes it for the month. */
  pooled: Record<IndicatorName, number | null>;
}

/**
 * The network's pooled value of each indicator for one month: the same ratio of sums over the
 * municipalities with a value that `networkIndicators` gives, without the ranks, distributions
 * and intervals a trend does not show (24 months of 1,000 municipalities: 24 full computations
 * were most of a report's build time).
 */
export function monthPooled(
  month: Month,
  roster: readonly RosterEntry[],
  summaries: MonthSummaries,
): MonthPooled {
  const perMonth = summaries.get(month);
  let reporting = 0;
  const parts = new Map<IndicatorName, Ratio[]>(INDICATOR_NAMES.map((n) => [n, []]));
  for (const { istat, population } of roster) {
    const entry = perMonth?.get(istat);
    if (!entry) continue;
    reporting++;
    for (const name of INDICATOR_NAMES) {
      const ratio = withPopulation(name, ratioOf(entry.parts[name]), population);
      // Only municipalities with a value count in the pooled sums, as in networkIndicators.
      if (ratio && indicatorValue(name, ratio) !== null) parts.get(name)?.push(ratio);
    }
  }
  const pooled = Object.fromEntries(
    INDICATOR_NAMES.map((name) => [name, indicatorValue(name, sumRatios(parts.get(name) ?? []))]),
  ) as Record<IndicatorName, number | null>;
  return { month, reporting, pooled };
}
