import type { Request, Response } from "@google-cloud/functions-framework";
import { ApiError, badRequest } from "./api-error.js";

/** Largest body accepted: a month of a few hundred procedures is a few tens of KiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The request body as JSON. The framework has already read it (its own limit is far higher), so
 * the size is checked on the raw bytes; parsing is done here from those bytes so that a malformed
 * body, whatever its content type, gets our error shape and not the framework's HTML page.
 */
export function readJsonBody(req: Request): unknown {
  const raw = req.rawBody ?? Buffer.alloc(0);
  if (raw.length > MAX_BODY_BYTES) {
    throw new ApiError(
      413,
      "payload_too_large",
      `Request body is ${raw.length} bytes; the limit is ${MAX_BODY_BYTES} bytes (1 MiB).`,
    );
  }
  if (raw.length === 0) throw badRequest("Request body is empty; a JSON object is expected.");
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch (error) {
    throw badRequest(`Request body is not valid JSON: ${(error as Error).message}`);
  }
}

export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).set("Cache-Control", "no-store").json(body);
}

export function sendError(res: Response, error: ApiError): void {
  if (error.retryAfterSeconds !== undefined) {
    res.set("Retry-After", String(error.retryAfterSeconds));
  }
  sendJson(res, error.status, error.toBody());
}
