/**
 * Whether a Firestore error means "storage busy or unreachable, try again later" rather than a bug:
 * contention that outlasted the transaction's attempts (ABORTED), the backend unavailable or
 * overloaded, a deadline passed. The client's own retry layer gives up with a plain Error whose
 * message says so and which carries no gRPC code, so the message is checked too.
 */
const RETRYABLE_CODES = new Set([
  4 /* DEADLINE_EXCEEDED */, 8 /* RESOURCE_EXHAUSTED */, 10 /* ABORTED */, 14 /* UNAVAILABLE */,
]);

export function isStorageUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === "number" && RETRYABLE_CODES.has(code)) return true;
  return (
    typeof message === "string" &&
    /Exceeded maximum number of retries|Total timeout of API .* exceeded|Deadline exceeded/i.test(
      message,
    )
  );
}
