import type { Firestore } from "@google-cloud/firestore";
import type { Request, Response } from "@google-cloud/functions-framework";
import type { SheetsClientFactory } from "../reports/sheets-sink.js";
import { log, logError, traceOf, withTrace } from "../services/log.js";
import { isStorageUnavailable } from "../store/storage-errors.js";
import { createStores } from "../store/stores.js";
import { ApiError, notFound, unavailable } from "./api-error.js";
import { sendError, sendJson, sendResult } from "./http-io.js";
import { identify } from "./identity.js";
import { REQUEST_DEADLINE_MS, RETRY_AFTER_SECONDS, withDeadline } from "./request-deadline.js";
import { type Handler, matchRoute } from "./routes.js";
import type { VerifyToken } from "./token-verifier.js";

export interface ApiDependencies {
  db: Firestore;
  verifyToken: VerifyToken;
  clock?: () => Date;
  /** How long a request may take before it is answered 503 (tests shorten it). */
  deadlineMs?: number;
  /** The Google Cloud project, for the trace of each log line. */
  projectId?: string;
  /** The Sheets API client reports are written with; none, and no sheet is written. */
  sheetsClient?: SheetsClientFactory;
}

export type HttpHandler = (req: Request, res: Response) => Promise<void>;

/** The `api` HTTP function: auth → route → handler, every refusal in the error shape of DESIGN §6. */
export function createApi({
  db,
  verifyToken,
  clock,
  deadlineMs = REQUEST_DEADLINE_MS,
  projectId,
  sheetsClient,
}: ApiDependencies): HttpHandler {
  const stores = createStores(db, clock);
  const now = clock ?? (() => new Date());
  const handle = async (req: Request, res: Response): Promise<string> => {
    // The route's template names the request in the log: never the path itself, nor the caller.
    let template = "(no route)";
    try {
      const pathname = new URL(req.originalUrl ?? req.url, "http://localhost").pathname;
      if (pathname === "/healthz" && req.method === "GET") {
        sendJson(res, 200, { status: "ok" });
        return "/healthz";
      }
      const route = matchRoute(req.method, pathname);
      if (route.kind === "not-found") throw notFound(`No route ${req.method} ${pathname}.`);
      if (route.kind === "method-not-allowed") {
        res.set("Allow", route.allowed.join(", "));
        throw new ApiError(
          405,
          "method_not_allowed",
          `${req.method} is not allowed on ${pathname}.`,
        );
      }
      template = route.path;
      const result = await withDeadline(
        (async () => {
          const context = { req, params: route.params, stores, now, sheetsClient };
          const { public: publicHandler, handler } = route.route;
          if (publicHandler) return publicHandler(context);
          const caller = await identify(req, verifyToken, stores.members);
          return (handler as Handler)({ ...context, caller });
        })(),
        deadlineMs,
      );
      sendResult(res, result);
    } catch (error) {
      if (error instanceof ApiError) {
        sendError(res, error);
        return template;
      }
      if (isStorageUnavailable(error)) {
        sendError(
          res,
          unavailable(
            "Storage is busy or unreachable; retry in a few seconds.",
            RETRY_AFTER_SECONDS,
          ),
        );
        logError("Storage busy or unreachable", error, { route: template });
        return template;
      }
      // Anything else is our fault, never the caller's: log it whole, answer without internals.
      logError("Unhandled API error", error, { route: template });
      sendError(res, new ApiError(500, "internal", "Internal error; it has been logged."));
    }
    return template;
  };
  return (req, res) =>
    withTrace(
      traceOf((name) => req.get(name), projectId),
      async () => {
        const started = performance.now();
        const template = await handle(req, res);
        requestLine(req.method, template, res.statusCode, performance.now() - started);
      },
    );
}

/** One line per request, with the fields Cloud Logging shows as the request (`httpRequest`). */
function requestLine(method: string, template: string, status: number, ms: number): void {
  log(
    status >= 500 ? "ERROR" : status >= 400 ? "WARNING" : "INFO",
    `${method} ${template} ${status}`,
    {
      httpRequest: {
        requestMethod: method,
        requestUrl: template,
        status,
        latency: `${(ms / 1000).toFixed(3)}s`,
      },
    },
  );
}
