import { isMonth, type Month } from "../domain/period.js";
import {
  endsBefore,
  parseReportingPeriod,
  type ReportingPeriod,
} from "../domain/reporting-period.js";
import { badRequest } from "./api-error.js";

/** A period from a path or a body: `YYYY-MM`, `YYYY-Qn`, `YYYY-H1`/`YYYY-H2` or `YYYY`. */
export function requirePeriod(key: unknown): ReportingPeriod {
  const period = typeof key === "string" ? parseReportingPeriod(key) : null;
  if (!period)
    throw badRequest(
      `"${String(key ?? "").slice(0, 40)}" is not a period: YYYY-MM, YYYY-Qn, YYYY-H1/YYYY-H2 or YYYY expected (years 0001-9999).`,
    );
  return period;
}

/** A period wholly before the network began holds no data: say so rather than answer zeros. */
export function requireWithinNetwork(period: ReportingPeriod, firstMonth: Month): void {
  if (endsBefore(period, firstMonth)) {
    throw badRequest(
      `Period ${period.key} ends before the network's first month ${firstMonth}: there is no data for it.`,
    );
  }
}

/** A `{YYYY-MM}` path segment, or 400. */
export function requireMonth(value: string | undefined): Month {
  if (!value || !isMonth(value))
    throw badRequest(`"${value ?? ""}" is not a month: YYYY-MM expected (years 0001-9999).`);
  return value;
}
