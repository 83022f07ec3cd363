import type { ServerResponse } from "node:http";
import type { Request, Response } from "@google-cloud/functions-framework";
import { type ApiError, badRequest, payloadTooLarge } from "./api-error.js";
import type { RouteResult } from "./context.js";

/**
 * Largest decoded body accepted. A month of 1,000 procedures is ~107 KB with the demo's names and
 * ~321 KB with every code and name at its maximum length, so 512 KiB leaves room for real months
 * while keeping what one request can make the server hold small.
 */
export const MAX_BODY_BYTES = 512 * 1024;

/**
 * The request body as JSON. The request guard (request-guard.ts) has already read and decoded the
 * body within MAX_BODY_BYTES into `req.rawBody`; parsing happens here, so that a malformed body
 * gets our error shape. The size is checked again in case a server runs without the guard.
 */
export function readJsonBody(req: Request): unknown {
  const raw = req.rawBody ?? Buffer.alloc(0);
  if (raw.length > MAX_BODY_BYTES) {
    throw payloadTooLarge(
      `Request body is ${raw.length} bytes; the limit is ${MAX_BODY_BYTES} bytes (512 KiB).`,
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

/** A handler's answer: JSON, or a text body with its own media type. */
export function sendResult(res: Response, result: RouteResult): void {
  if (result.contentType === undefined) {
    sendJson(res, result.status, result.body);
    return;
  }
  for (const [name, value] of Object.entries(result.headers ?? {})) res.set(name, value);
  res
    .status(result.status)
    .set("Content-Type", result.contentType)
    .set("Cache-Control", result.cacheControl ?? "no-store")
    .send(result.body);
}

export function sendError(res: Response, error: ApiError): void {
  if (error.retryAfterSeconds !== undefined) {
    res.set("Retry-After", String(error.retryAfterSeconds));
  }
  sendJson(res, error.status, error.toBody());
}

/** The same error shape on a bare Node response: for answers given before or after Express. */
export function writeError(res: ServerResponse, error: ApiError): void {
  const body = JSON.stringify(error.toBody());
  res.statusCode = error.status;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.setHeader("Cache-Control", "no-store");
  if (error.retryAfterSeconds !== undefined) {
    res.setHeader("Retry-After", String(error.retryAfterSeconds));
  }
  res.end(body);
}
