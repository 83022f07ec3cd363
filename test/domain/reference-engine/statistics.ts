/**
 * Oracle, never to be edited: a verbatim copy of functions/src/domain/indicators/statistics.ts at
 * commit fe2e4bd (before the engine was tuned), only its import paths changed.
 * network-indicators.oracle.test.ts proves the tuned engine answers exactly as this one did.
 */
import { bisectLeft, bisectRight, mean as d3Mean, quantileSorted } from "d3-array";

export interface Distribution {
  n: number;
  min: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  max: number | null;
}

/**
 * Quartiles as spreadsheet PERCENTILE.INC: linear interpolation at h = (n − 1)·p, which is
 * d3's quantileSorted (the R-7 method).
 */
export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number) => (sorted.length > 0 ? (quantileSorted(sorted, p) ?? null) : null);
  return {
    n: sorted.length,
    min: sorted[0] ?? null,
    p25: q(0.25),
    median: q(0.5),
    p75: q(0.75),
    max: sorted[sorted.length - 1] ?? null,
  };
}

export function unweightedMean(values: readonly number[]): number | null {
  return d3Mean(values) ?? null;
}

/**
 * Competition ranking as spreadsheet RANK: 1 for the best, ties share the best rank and the next
 * rank skips (1, 2, 2, 4). Only entries with a value get a rank.
 */
export function competitionRanks(
  values: ReadonlyMap<string, number>,
  lowerIsBetter: boolean,
): Map<string, number> {
  const sorted = [...values.values()].sort((a, b) => a - b);
  const ranks = new Map<string, number>();
  for (const [key, value] of values) {
    // How many are strictly better, found by bisection: O(n log n) for 8,000 municipalities.
    const better = lowerIsBetter
      ? bisectLeft(sorted, value)
      : sorted.length - bisectRight(sorted, value);
    ranks.set(key, better + 1);
  }
  return ranks;
}

/** z for a two-sided 95 % interval. */
const Z95 = 1.959963984540054;

/**
 * Wilson score interval for a proportion `successes / trials`, in percent. Unlike p ± z·se it
 * stays inside 0–100 and widens honestly on small denominators.
 */
export function wilsonInterval(
  successes: number,
  trials: number,
): { low: number; high: number } | null {
  if (trials <= 0) return null;
  const p = successes / trials;
  const z2 = Z95 * Z95;
  const centre = p + z2 / (2 * trials);
  const spread = Z95 * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  const divisor = 1 + z2 / trials;
  return { low: (100 * (centre - spread)) / divisor, high: (100 * (centre + spread)) / divisor };
}
