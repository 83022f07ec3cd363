import type { MonthContent } from "../month.js";
import type { Ratio } from "./ratio.js";

/**
 * DESIGN §7. Every indicator is `scale · Σnumerator / Σdenominator`:
 * - rates: 100 · part / whole;
 * - meanWaitMinutes: Σ(meanWait · visits) / Σvisits;
 * - complaintsPer1000Visits: 1000 · Σcomplaints / Σvisits;
 * - visitsPer1000Inhabitants: 1000 · Σvisits / (population · months reported);
 * - openingHoursWeekly: Σhours / months reported (the mean of the months reported).
 */
export const INDICATORS = {
  filterRate: { scale: 100, lowerIsBetter: false, rate: true },
  satisfactionRate: { scale: 100, lowerIsBetter: false, rate: true },
  withinTargetRate: { scale: 100, lowerIsBetter: false, rate: true },
  meanWaitMinutes: { scale: 1, lowerIsBetter: true, rate: false },
  complaintsPer1000Visits: { scale: 1000, lowerIsBetter: true, rate: false },
  visitsPer1000Inhabitants: { scale: 1000, lowerIsBetter: false, rate: false },
  openingHoursWeekly: { scale: 1, lowerIsBetter: false, rate: false },
  /** From the peak calendars, not the months (DESIGN §11; calendar/peaks-planned-ahead.ts). */
  peaksPlannedAhead: { scale: 100, lowerIsBetter: false, rate: true },
  /** From the procedure cards and the months' desk codes (DESIGN §12; cards/cards-current.ts). */
  cardsCurrent: { scale: 100, lowerIsBetter: false, rate: true },
} as const;

export type IndicatorName = keyof typeof INDICATORS;
export const INDICATOR_NAMES = Object.keys(INDICATORS) as IndicatorName[];

/** The parts one month contributes to each indicator; null where an input is missing. */
export type MonthParts = Record<IndicatorName, Ratio | null>;

const ratio = (numerator: number, denominator: number): Ratio => ({ numerator, denominator });

/**
 * One month's parts. An indicator takes a month only when all of its inputs are present in it.
 * visitsPer1000Inhabitants counts months here; the population multiplies the denominator when a
 * municipality's sums are turned into values (see `withPopulation`), so a changed population
 * applies to every period without rewriting stored parts.
 */
export function monthParts(month: MonthContent): MonthParts {
  const s = month.service;
  const has = (value: number | undefined): value is number => value !== undefined;
  let desk = 0;
  let total = 0;
  for (const row of month.procedures) {
    desk += row.desk;
    total += row.total;
  }
  return {
    filterRate: month.procedures.length > 0 ? ratio(desk, total) : null,
    satisfactionRate:
      has(s.surveySatisfied) && has(s.surveyResponses)
        ? ratio(s.surveySatisfied, s.surveyResponses)
        : null,
    withinTargetRate:
      has(s.servedWithinTarget) && has(s.visits) ? ratio(s.servedWithinTarget, s.visits) : null,
    meanWaitMinutes:
      has(s.meanWaitMinutes) && has(s.visits)
        ? ratio(s.meanWaitMinutes * s.visits, s.visits)
        : null,
    complaintsPer1000Visits:
      has(s.complaints) && has(s.visits) ? ratio(s.complaints, s.visits) : null,
    visitsPer1000Inhabitants: has(s.visits) ? ratio(s.visits, 1) : null,
    openingHoursWeekly: has(s.openingHoursWeekly) ? ratio(s.openingHoursWeekly, 1) : null,
    // Not a month's figure: the network report takes it from the calendars.
    peaksPlannedAhead: null,
    cardsCurrent: null,
  };
}

/** A municipality's summed parts ready to divide: visits per inhabitant needs its population. */
export function withPopulation(
  name: IndicatorName,
  sums: Ratio | null,
  population: number | undefined,
): Ratio | null {
  if (!sums || name !== "visitsPer1000Inhabitants") return sums;
  return population && population > 0
    ? { numerator: sums.numerator, denominator: sums.denominator * population }
    : null;
}

export function indicatorValue(name: IndicatorName, sums: Ratio | null): number | null {
  if (!sums || sums.denominator <= 0) return null;
  return (INDICATORS[name].scale * sums.numerator) / sums.denominator;
}
