/**
 * A rate kept as its summed parts. Indicators are always ratios of sums, never averages of
 * percentages (DESIGN §7), so every aggregation adds numerators and denominators.
 */
export interface Ratio {
  numerator: number;
  denominator: number;
  /** Months that contributed: needed where a formula divides by the months of a period. */
  months: number;
}

export const EMPTY_RATIO: Ratio = { numerator: 0, denominator: 0, months: 0 };

export function addRatio(a: Ratio, b: Ratio): Ratio {
  return {
    numerator: a.numerator + b.numerator,
    denominator: a.denominator + b.denominator,
    months: a.months + b.months,
  };
}
