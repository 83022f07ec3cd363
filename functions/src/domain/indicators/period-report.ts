import type { Month } from "../period.js";
import { previousPeriod, type ReportingPeriod, yearBefore } from "../reporting-period.js";
import type { ComparedPeriodIndicators } from "./changes.js";
import {
  computePeriod,
  type ExternalSums,
  type MonthSummaries,
  periodValues,
  type RosterEntry,
} from "./network-indicators.js";
import { slotsOf } from "./slot-sums.js";

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
  // The three periods share one slot per municipality, so the changes are read by index.
  const slots = slotsOf(roster);
  // The periods compared against give only their values: none of their figures is returned.
  const values = (p: ReportingPeriod) =>
    periodValues(p, roster, slots, summaries, dueDay, external(p));
  const previous = values(previousPeriod(period));
  // For a year the previous period is the year before: compute it once.
  const lastYear = period.kind === "year" ? previous : values(yearBefore(period));
  const report = computePeriod(
    period,
    roster,
    slots,
    summaries,
    dueDay,
    { previous, yearBefore: lastYear },
    external(period),
  );
  return report as unknown as ComparedPeriodIndicators;
}
