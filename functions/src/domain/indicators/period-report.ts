import type { Month } from "../period.js";
import { previousPeriod, type ReportingPeriod, yearBefore } from "../reporting-period.js";
import { type ComparedPeriodIndicators, withChanges } from "./changes.js";
import {
  type ExternalSums,
  type MonthSummaries,
  networkIndicators,
  type RosterEntry,
} from "./network-indicators.js";

/** The months whose summaries a period's report needs: its own, the previous period's, a year before. */
export function monthsNeeded(period: ReportingPeriod): Month[] {
  return [
    ...new Set([...period.months, ...previousPeriod(period).months, ...yearBefore(period).months]),
  ];
}

/** The network indicators of a period with their change against the previous period and a year before. */
export function periodReport(
  period: ReportingPeriod,
  roster: readonly RosterEntry[],
  summaries: MonthSummaries,
  dueDay: number,
  /** Sums of the indicators months do not hold, for any of the three periods compared. */
  external: (period: ReportingPeriod) => ExternalSums = () => ({}),
): ComparedPeriodIndicators {
  const compute = (p: ReportingPeriod) =>
    networkIndicators(p, roster, summaries, dueDay, external(p));
  const previous = compute(previousPeriod(period));
  // For a year the previous period is the year before: compute it once.
  const lastYear = period.kind === "year" ? previous : compute(yearBefore(period));
  return withChanges(compute(period), previous, lastYear);
}
