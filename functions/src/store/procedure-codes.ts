import type { Month } from "../domain/period.js";

/**
 * `networks/{network}/procedureCodes/{istat}`: every procedure code the municipality has sent in
 * a month, and its first month sent. The submission keeps it (read in its batched read, written
 * only when a code is new or a month earlier), so that a card PUT checks its code with one read
 * instead of scanning months, and the to-do knows where the municipality's months begin. Codes
 * are one JSON string (not indexed); a thousand 40-character codes are ~45 KB.
 */
export interface ProcedureCodes {
  codes: string[];
  firstMonth: Month | null;
}

interface StoredProcedureCodes {
  municipality: string;
  codes: string;
  firstMonth: Month | null;
}

export function toProcedureCodes(data: object | undefined): ProcedureCodes {
  const stored = data as Partial<StoredProcedureCodes> | undefined;
  return {
    codes: stored?.codes ? (JSON.parse(stored.codes) as string[]) : [],
    firstMonth: stored?.firstMonth ?? null,
  };
}

/** The registry with a month's codes added; null when nothing changes (nothing to write). */
export function withMonthCodes(
  municipality: string,
  current: ProcedureCodes,
  month: Month,
  codes: readonly string[],
): StoredProcedureCodes | null {
  const known = new Set(current.codes);
  const added = codes.filter((code) => !known.has(code));
  const earlier = current.firstMonth === null || month < current.firstMonth;
  if (added.length === 0 && !earlier) return null;
  return {
    municipality,
    codes: JSON.stringify([...known, ...added].sort()),
    firstMonth: earlier ? month : current.firstMonth,
  };
}
