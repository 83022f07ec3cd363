import type { IncomingMessage, ServerResponse } from "node:http";
import { logError } from "../services/log.js";
import { ApiError } from "./api-error.js";
import { writeError } from "./http-io.js";

const CODES: Record<number, string> = {
  400: "invalid_argument",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

/**
 * Express's final handler for the framework's app, in place of its default (`finalhandler`), which
 * answers with an HTML page carrying the error's stack and file paths outside production. It runs
 * when nothing in the app answered (no error: 404) or when an error escaped it, such as a path whose
 * percent-escapes do not decode (400 from Express's router). The response never carries the error's
 * own message or stack; 5xx errors go to the log whole.
 */
export function expressFallback(req: IncomingMessage, res: ServerResponse) {
  return (error?: unknown): void => {
    const declared = (error as { status?: unknown; statusCode?: unknown } | undefined) ?? {};
    const candidate = Number(declared.status ?? declared.statusCode);
    // Only a client error keeps its status; anything else is ours, and a plain 500.
    const status = error ? (candidate >= 400 && candidate < 500 ? candidate : 500) : 404;
    if (status >= 500) {
      logError("Error outside the API handler", error, { method: req.method });
    }
    if (res.headersSent) {
      // Too late for an answer of ours: end the exchange rather than leave the client waiting.
      res.destroy();
      return;
    }
    const message =
      status === 404
        ? "Not found."
        : status === 400
          ? "The request could not be read (for example a malformed percent-escape in the path)."
          : status >= 500
            ? "Internal error; it has been logged."
            : "The request was refused.";
    writeError(
      res,
      new ApiError(status, CODES[status] ?? (status >= 500 ? "internal" : "bad_request"), message),
    );
  };
}
