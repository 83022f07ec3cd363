import type { ValidationIssue } from "../domain/validation-issue.js";

/**
 * Every refusal the API gives, rendered as `{"error": {code, message, issues?}}` (DESIGN §6).
 * Messages are in Italian when staff will read them in the sheet, English otherwise.
 */
export class ApiError extends Error {
  /** For a 503: seconds the client should wait before retrying, sent as `Retry-After`. */
  retryAfterSeconds?: number;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: ValidationIssue[],
  ) {
    super(message);
  }

  toBody() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.issues ? { issues: this.issues } : {}),
      },
    };
  }
}

export const badRequest = (message: string, issues?: ValidationIssue[]) =>
  new ApiError(400, "invalid_argument", message, issues);
export const unauthenticated = (message: string) => new ApiError(401, "unauthenticated", message);
export const forbidden = (message: string) => new ApiError(403, "permission_denied", message);
export const notFound = (message: string) => new ApiError(404, "not_found", message);
/** A dependency (storage, the identity provider) failed for now: the same request may succeed later. */
export const unavailable = (message: string, retryAfterSeconds: number) =>
  Object.assign(new ApiError(503, "unavailable", message), { retryAfterSeconds });
export const payloadTooLarge = (message: string) => new ApiError(413, "payload_too_large", message);
export const unsupportedMediaType = (message: string) =>
  new ApiError(415, "unsupported_media_type", message);
