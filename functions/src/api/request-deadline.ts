import { unavailable } from "./api-error.js";

/**
 * Every API request is answered within this time. Cloud Run would wait minutes; a sheet's
 * UrlFetchApp call gives up after about a minute anyway, and a staff member waiting longer is worse
 * off than one told to retry. The work itself is not cancelled (Firestore's client cannot cancel a
 * transaction): a submission that still commits after the 503 is found `unchanged` when retried.
 */
export const REQUEST_DEADLINE_MS = 25_000;

/** Seconds a refused caller is told to wait before trying again. */
export const RETRY_AFTER_SECONDS = 2;

export async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          unavailable(
            `The request did not complete within ${ms / 1000} s (storage busy or unreachable); retry in a few seconds.`,
            RETRY_AFTER_SECONDS,
          ),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
