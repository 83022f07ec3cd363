/**
 * Oracle, never to be edited: a verbatim copy of functions/src/domain/indicators/period-report.ts at
 * commit fe2e4bd (before the engine was tuned), only its import paths changed.
 * network-indicators.oracle.test.ts proves the tuned engine answers exactly as this one did.
 */
import type { Month } from "../../../functions/src/domain/period.js";
import {
  previousPeriod,
  type ReportingPeriod,
  yearBefore,
} from "../../../functions/src/domain/reporting-period.js";
import { type ComparedPeriodIndicators, withChanges } from "./changes.js";
import { type MonthSummaries, networkIndicators, type RosterEntry } from "./network-indicators.js";

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
): ComparedPeriodIndicators {
  const compute = (p: ReportingPeriod) => networkIndicators(p, roster, summaries, dueDay);
  const previous = compute(previousPeriod(period));
  // For a year the previous period is the year before: compute it once.
  const lastYear = period.kind === "year" ? previous : compute(yearBefore(period));
  return withChanges(compute(period), previous, lastYear);
}
