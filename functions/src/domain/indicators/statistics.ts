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
  return distributionOfSorted([...values].sort((a, b) => a - b));
}

/** The same, from values already sorted ascending: the ranks' sort serves both. */
export function distributionOfSorted(sorted: ArrayLike<number>): Distribution {
  const n = sorted.length;
  // d3 only reads `length` and indices, so a typed array serves as well as an array.
  const q = (p: number) => (n > 0 ? (quantileSorted(sorted as number[], p) ?? null) : null);
  return {
    n,
    min: n > 0 ? (sorted[0] as number) : null,
    p25: q(0.25),
    median: q(0.5),
    p75: q(0.75),
    max: n > 0 ? (sorted[n - 1] as number) : null,
  };
}

export function unweightedMean(values: Iterable<number>): number | null {
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

/**
 * `competitionRanks` for one value against values sorted ascending, none of them NaN: a plain
 * bisection over a typed array, without the Map and the comparator calls.
 */
export function competitionRankIn(
  sorted: Float64Array,
  value: number,
  lowerIsBetter: boolean,
): number {
  let lo = 0;
  let hi = sorted.length;
  if (lowerIsBetter) {
    // Strictly better: the values below this one.
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  }
  // Strictly better: the values above this one.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length - lo + 1;
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
