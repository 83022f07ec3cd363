import type { MonthContent } from "../month.js";
import type { Ratio } from "./ratio.js";

export const INDICATOR_NAMES = [
  "filterRate",
  "satisfactionRate",
  "withinTargetRate",
  "meanWaitMinutes",
  "complaintsPer1000Visits",
  "visitsPer1000Inhabitants",
  "openingHoursWeekly",
] as const;

export type IndicatorName = (typeof INDICATOR_NAMES)[number];

/** Lower is better for waiting and complaints; higher for the rest (ranks follow this). */
export const LOWER_IS_BETTER: ReadonlySet<IndicatorName> = new Set([
  "meanWaitMinutes",
  "complaintsPer1000Visits",
]);

/** The summed parts one month contributes to each indicator; null where its inputs are missing. */
export type MonthParts = Record<IndicatorName, Ratio | null>;

function part(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, months: 1 };
}

/**
 * DESIGN §7, one month at a time. Each indicator takes a month only when all of its inputs are
 * present in that month; the value is computed later from the sums (see `value`).
 */
export function monthParts(month: MonthContent): MonthParts {
  const s = month.service;
  let desk = 0;
  let total = 0;
  for (const row of month.procedures) {
    desk += row.desk;
    total += row.total;
  }
  const has = (value: number | undefined): value is number => value !== undefined;
  return {
    filterRate: month.procedures.length > 0 ? part(desk, total) : null,
    satisfactionRate:
      has(s.surveySatisfied) && has(s.surveyResponses)
        ? part(s.surveySatisfied, s.surveyResponses)
        : null,
    withinTargetRate:
      has(s.servedWithinTarget) && has(s.visits) ? part(s.servedWithinTarget, s.visits) : null,
    meanWaitMinutes:
      has(s.meanWaitMinutes) && has(s.visits) ? part(s.meanWaitMinutes * s.visits, s.visits) : null,
    complaintsPer1000Visits:
      has(s.complaints) && has(s.visits) ? part(s.complaints, s.visits) : null,
    // The denominator (population) is the municipality's, applied when the value is computed.
    visitsPer1000Inhabitants: has(s.visits) ? part(s.visits, 0) : null,
    openingHoursWeekly: has(s.openingHoursWeekly) ? part(s.openingHoursWeekly, 1) : null,
  };
}

/**
 * The indicator's value from its summed parts, or null where DESIGN §7 says it is undefined.
 * `population` is only used by visitsPer1000Inhabitants.
 */
export function value(name: IndicatorName, sums: Ratio | null, population?: number): number | null {
  if (!sums || sums.months === 0) return null;
  switch (name) {
    case "filterRate":
    case "satisfactionRate":
    case "withinTargetRate":
      return sums.denominator > 0 ? (100 * sums.numerator) / sums.denominator : null;
    case "meanWaitMinutes":
      return sums.denominator > 0 ? sums.numerator / sums.denominator : null;
    case "complaintsPer1000Visits":
      return sums.denominator > 0 ? (1000 * sums.numerator) / sums.denominator : null;
    case "visitsPer1000Inhabitants":
      return population && population > 0
        ? (1000 * sums.numerator) / population / sums.months
        : null;
    case "openingHoursWeekly":
      return sums.numerator / sums.months;
  }
}
