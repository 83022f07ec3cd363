import type { DataQualityWarning } from "./data-quality.js";
import type { MonthContent } from "./month.js";
import type { Month } from "./period.js";

/** One accepted version of a municipality's month, as stored and as returned by the API. */
export interface StoredMonth extends MonthContent {
  municipality: string;
  month: Month;
  /** 1 for the first accepted submission, +1 for each accepted change. */
  revision: number;
  /** ISO instant this revision was accepted. */
  submittedAt: string;
  submittedBy: string;
  /** ISO instant of revision 1: what "on time" is judged on. */
  firstSubmittedAt: string;
  /** Data-quality remarks made when this revision was accepted. */
  warnings: DataQualityWarning[];
  /** Set by the monthly job once the month is past its lock date; staff can no longer write. */
  lockedAt?: string;
}
