import { DateTime } from "luxon";

/** `MM-DD`, a municipality setting; 02-29 is a valid patron day that only leap years have. */
export const PATRON_DAY_PATTERN = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isPatronDay(value: string): boolean {
  // 2024 is a leap year, so 02-29 is accepted and 02-30 or 04-31 are not.
  return (
    PATRON_DAY_PATTERN.test(value) && DateTime.fromISO(`2024-${value}`, { zone: "utc" }).isValid
  );
}
