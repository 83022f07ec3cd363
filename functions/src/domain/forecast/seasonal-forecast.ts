import { addMonths, type Month } from "../period.js";

/** Cases of one series (a municipality's area) by month; a missing month is absent. */
export type Series = ReadonlyMap<Month, number>;

export interface MonthForecast {
  month: Month;
  /** Expected cases. */
  expected: number;
  /** An 80 % interval: the month should fall in it four times out of five. */
  low: number;
  high: number;
  /** The municipality's usual month of this area: the mean of its last 12 months. */
  usual: number;
  /** Far above the usual month: at least PEAK_FACTOR times it, and not by chance. */
  peak: boolean;
  /** How many past years the seasonality of this month rests on (0: none, the usual level). */
  years: number;
}

/** A month is a peak from half as many cases again as the usual month. */
export const PEAK_FACTOR = 1.5;
/** A level needs at least half a year of months, or it is too noisy to scale anything. */
const MIN_LEVEL_MONTHS = 6;
const MAX_PAST_YEARS = 4;
/** The normal quantile of an 80 % two-sided interval. */
const Z80 = 1.2816;

function meanOf(series: Series, from: Month, count: number): { mean: number; n: number } | null {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < count; i++) {
    const value = series.get(addMonths(from, i));
    if (value !== undefined) {
      sum += value;
      n++;
    }
  }
  return n >= MIN_LEVEL_MONTHS ? { mean: sum / n, n } : null;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Expected cases for `horizon` months from `origin` (included), from the months before it only.
 *
 * The same calendar month in each past year k (up to 4) is read as a ratio to the mean of the 12
 * months it belongs to (origin − 12k onwards: that year's level); the forecast is the mean ratio
 * times the recent level (the mean of the last 12 months). Scaling by level is what lets a desk
 * that grew keep its January peak in proportion.
 *
 * With one or two past years a ratio is one or two noisy months, so it is shrunk (empirical
 * Bayes, James–Stein style) towards the typical month, the median ratio of the 12 calendar months
 * (below 1 when a few peaks lift the mean), by how far it stands from it against the
 * month-to-month noise, estimated robustly (MAD) from the same ratios: an ordinary month then
 * borrows the precision of the whole year, while a real peak (January enrolments at 5×) keeps its
 * full ratio. The interval combines that noise, the uncertainty of the ratio and of the level; it
 * is a normal approximation, and the backtest in `npm run bench` reports its coverage.
 */
export function seasonalForecast(series: Series, origin: Month, horizon: number): MonthForecast[] {
  const recent = meanOf(series, addMonths(origin, -12), 12);
  if (!recent || recent.mean <= 0) return [];
  // Past year k's months (origin − 12k … origin − 12k + 11) against their own mean, the level
  // of that year; for k = 1 that is the recent level itself.
  const levels = Array.from({ length: MAX_PAST_YEARS }, (_, i) =>
    meanOf(series, addMonths(origin, -12 * (i + 1)), 12),
  );
  // Ratios by calendar month offset within the year before the origin, per past year.
  const ratiosFor = (target: Month) => {
    const ratios: number[] = [];
    levels.forEach((level, i) => {
      const value = series.get(addMonths(target, -12 * (i + 1)));
      if (level && level.mean > 0 && value !== undefined) ratios.push(value / level.mean);
    });
    return ratios;
  };
  // The typical month: the median ratio over the 12 calendar months. It is below 1 when a few
  // peaks lift the mean, and it is what a month without a real peak of its own is shrunk to.
  const allRatios = Array.from({ length: 12 }, (_, i) => ratiosFor(addMonths(origin, i))).flat();
  const typical = allRatios.length >= 6 ? median(allRatios) : 1;
  // Relative noise of one month (MAD about the typical month, most months being ordinary); a
  // floor keeps a perfectly regular series from a zero-width interval.
  const noise =
    allRatios.length >= 6 && typical > 0
      ? Math.max(0.02, (1.4826 * median(allRatios.map((r) => Math.abs(r - typical)))) / typical)
      : 0.25;
  return Array.from({ length: horizon }, (_, h) => {
    const month = addMonths(origin, h);
    const ratios = ratiosFor(month);
    const k = ratios.length;
    let factor = 1;
    let factorVariance = 0;
    if (k > 0) {
      const raw = ratios.reduce((a, b) => a + b, 0) / k;
      const d2 = ((raw - typical) / typical) ** 2;
      const sampling = noise ** 2 / k;
      const weight = d2 / (d2 + sampling);
      factor = typical + weight * (raw - typical);
      factorVariance = weight * sampling;
    } else factorVariance = noise ** 2;
    const expected = factor * recent.mean;
    const relative = Math.sqrt(noise ** 2 + factorVariance + noise ** 2 / recent.n);
    const low = Math.max(0, expected * (1 - Z80 * relative));
    const high = expected * (1 + Z80 * relative);
    return {
      month,
      expected,
      low,
      high,
      usual: recent.mean,
      peak: expected >= PEAK_FACTOR * recent.mean && low > recent.mean,
      years: k,
    };
  });
}

/** The seasonal-naive forecast (the same month a year before): the baseline to beat. */
export function seasonalNaive(series: Series, target: Month): number | undefined {
  return series.get(addMonths(target, -12));
}
