import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { log, logError } from "../services/log.js";
import { ApiError, badRequest, unauthenticated, unsupportedMediaType } from "./api-error.js";
import { bodyEncoding, RequestAborted, readDecodedBody } from "./body-reader.js";
import { expressFallback } from "./express-fallback.js";
import { MAX_BODY_BYTES, writeError } from "./http-io.js";

/** What the guard hands on: the body it read, as the framework's own `rawBody`. */
export type GuardedRequest = IncomingMessage & { rawBody?: Buffer; body?: unknown };

/** A Node request listener that also takes Express's `next`: the framework's Express app. */
export type AppListener = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

/** What one server accepts before its Express app sees a request. */
export interface RequestPolicy {
  /** Media types a body may have, lower case, without parameters; the charset must be UTF-8. */
  mediaTypes: readonly string[];
  /** The only methods the server serves, when it is not all of them. */
  methods?: readonly string[];
  /** Paths refused 401 at once, before any byte of the body, when there is no bearer token. */
  needsToken(pathname: string): boolean;
  /** Raw paths the framework would answer itself with an empty 404: the guard answers them. */
  frameworkAnswers(rawPath: string): boolean;
  /** After the body is read: anything else the server needs from it (throws ApiError). */
  prepare?(req: GuardedRequest, body: Buffer): void;
  maxBodyBytes: number;
}

const PUBLIC_API_PATHS = new Set(["/healthz", "/dev/token"]);
const PUBLIC_API_PREFIXES = ["/feeds/", "/open/"];

/** The `api` function: JSON bodies only, a bearer token on every route but the public ones. */
export const apiRequestPolicy: RequestPolicy = {
  mediaTypes: ["application/json"],
  needsToken: (pathname) =>
    !PUBLIC_API_PATHS.has(pathname) && !PUBLIC_API_PREFIXES.some((p) => pathname.startsWith(p)),
  // The framework's default ignored routes for HTTP functions (server.js), matched as Express does.
  frameworkAnswers: (rawPath) => /^\/(favicon\.ico|robots\.txt)(\/|$)/i.test(rawPath),
  maxBodyBytes: MAX_BODY_BYTES,
};

/**
 * The `monthlyRecompute` CloudEvent function: Pub/Sub push (JSON, binary-mode CloudEvent) or a
 * structured CloudEvent, always POSTed with a JSON object body. Cloud Run's IAM authenticates its
 * caller, so no token is looked at. The framework's event middleware reads `req.body` (and fails on
 * anything but an object), so the guard parses it and refuses the rest.
 */
export const eventRequestPolicy: RequestPolicy = {
  mediaTypes: ["application/json", "application/cloudevents+json"],
  methods: ["POST"],
  needsToken: () => false,
  frameworkAnswers: () => false,
  prepare(req, body) {
    const event = body.length > 0 ? parseJson(body) : undefined;
    if (typeof event !== "object" || event === null || Array.isArray(event)) {
      throw badRequest("A CloudEvent is expected: a JSON object body.");
    }
    req.body = event;
  },
  maxBodyBytes: MAX_BODY_BYTES,
};

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw badRequest(`Request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Raw bytes of a refused body the server still reads and drops, so the client gets its answer. */
const DISCARD_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * Wraps a server's request listener so that nothing reaches Express (and its body-parser, which
 * inflates up to 1 GB and answers errors with HTML pages) before the guard has:
 *   - answered 401 to a route that needs a token and has none, without reading the body;
 *   - refused (415) a body that is not JSON in UTF-8 or has an unknown Content-Encoding, and (413)
 *     a Content-Length over the cap, without reading it;
 *   - read the body itself, decoding it and stopping at the cap (413) or on bad data (400).
 * The body goes into `req.rawBody`. The request stream is then finished, and body-parser 2.x skips
 * any request for which `onFinished.isFinished(req)` is true (test/api/request-guard.test.ts shows
 * it: a malformed JSON body reaches our handler and gets our 400). Express's final handler is
 * replaced by one that answers in our error shape, for what still fails inside Express (a path
 * whose percent-escapes do not decode).
 */
export function guardRequests(app: AppListener, policy: RequestPolicy): RequestListener {
  return (req, res) => {
    void admit(req, res, policy).then((admitted) => {
      if (admitted) app(req, res, expressFallback(req, res));
    });
  };
}

async function admit(req: GuardedRequest, res: ServerResponse, policy: RequestPolicy) {
  try {
    const encoding = checkHeaders(req, policy);
    const body = await readDecodedBody(req, encoding, policy.maxBodyBytes);
    req.rawBody = body;
    policy.prepare?.(req, body);
    return true;
  } catch (error) {
    if (error instanceof RequestAborted) return false;
    if (!(error instanceof ApiError)) {
      logError("Request guard failed", error, { method: req.method });
    }
    refuse(
      req,
      res,
      error instanceof ApiError ? error : new ApiError(500, "internal", "Internal error."),
    );
    return false;
  }
}

/** Everything decided from the request line and headers alone; returns the body's encoding. */
function checkHeaders(req: IncomingMessage, policy: RequestPolicy): string {
  const rawUrl = req.url ?? "/";
  if (policy.frameworkAnswers(rawUrl.split("?")[0] ?? "")) {
    throw new ApiError(404, "not_found", "Not found.");
  }
  if (policy.methods && !policy.methods.includes(req.method ?? "")) {
    throw new ApiError(
      405,
      "method_not_allowed",
      `${String(req.method).slice(0, 20)} is not allowed; use ${policy.methods.join(", ")}.`,
    );
  }
  const pathname = pathnameOf(rawUrl);
  if (pathname === undefined) throw badRequest("The request path is not a valid URL path.");
  if (policy.needsToken(pathname) && !/^Bearer\s+\S+$/i.test(req.headers.authorization ?? "")) {
    throw unauthenticated("Missing 'Authorization: Bearer <ID token>' header.");
  }
  const declared = req.headers["content-length"];
  const length = declared === undefined ? undefined : Number(declared);
  const hasBody = req.headers["transfer-encoding"] !== undefined || (length ?? 0) > 0;
  if (!hasBody) return "identity";
  checkMediaType(req.headers["content-type"], policy.mediaTypes);
  const encoding = bodyEncoding(req);
  if (length !== undefined && length > policy.maxBodyBytes) {
    throw new ApiError(
      413,
      "payload_too_large",
      `Request body is ${length} bytes; the limit is ${policy.maxBodyBytes / 1024} KiB.`,
    );
  }
  return encoding;
}

/** The path as the API's router sees it (app.ts), or undefined where that would not parse. */
function pathnameOf(rawUrl: string): string | undefined {
  try {
    return new URL(rawUrl, "http://localhost").pathname;
  } catch {
    return undefined;
  }
}

/** `type/subtype` among the accepted ones, with no charset or UTF-8 (case-insensitive). */
function checkMediaType(header: string | undefined, accepted: readonly string[]): void {
  const [type = "", ...parameters] = (header ?? "").split(";");
  const mediaType = type.trim().toLowerCase();
  let charset: string | undefined;
  let wellFormed = true;
  for (const parameter of parameters) {
    const equals = parameter.indexOf("=");
    if (equals < 0) {
      wellFormed = parameter.trim() === "";
      if (!wellFormed) break;
      continue;
    }
    if (parameter.slice(0, equals).trim().toLowerCase() === "charset") {
      charset = parameter
        .slice(equals + 1)
        .trim()
        .replace(/^"(.*)"$/, "$1")
        .toLowerCase();
    }
  }
  if (!wellFormed || !accepted.includes(mediaType) || (charset ?? "utf-8") !== "utf-8") {
    throw unsupportedMediaType(
      `Content-Type must be ${accepted.join(" or ")} in UTF-8; got "${(header ?? "").slice(0, 80)}".`,
    );
  }
}

/**
 * Answers in our error shape and drops whatever of the body is still coming, up to a limit: the
 * client is usually still sending when an early refusal goes out, and closing at once could reset
 * the connection before it reads the answer. Past the limit the connection is closed.
 */
function refuse(req: IncomingMessage, res: ServerResponse, error: ApiError): void {
  if (!res.headersSent) writeError(res, error);
  // The request line the API would have written, had the request reached it.
  log("WARNING", `${req.method} (refused before routing) ${error.status}`, {
    httpRequest: { requestMethod: req.method, status: error.status },
    code: error.code,
  });
  if (req.readableEnded) return;
  let discarded = 0;
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT_BYTES) req.socket.destroy();
  });
  req.resume();
}
