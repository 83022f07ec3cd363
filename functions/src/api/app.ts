import type { Firestore } from "@google-cloud/firestore";
import type { Request, Response } from "@google-cloud/functions-framework";
import { MemberStore } from "../store/member-store.js";
import { MonthStore } from "../store/month-store.js";
import { NetworkStore } from "../store/network-store.js";
import { Paths } from "../store/paths.js";
import { SummaryStore } from "../store/summary-store.js";
import { ApiError, notFound } from "./api-error.js";
import type { Stores } from "./context.js";
import { sendError, sendJson } from "./http-io.js";
import { identify } from "./identity.js";
import { matchRoute } from "./routes.js";
import type { VerifyToken } from "./token-verifier.js";

export interface ApiDependencies {
  db: Firestore;
  verifyToken: VerifyToken;
  clock?: () => Date;
}

export type HttpHandler = (req: Request, res: Response) => Promise<void>;

export function createStores(db: Firestore, clock: () => Date = () => new Date()): Stores {
  const paths = new Paths(db);
  return {
    networks: new NetworkStore(paths),
    members: new MemberStore(paths),
    months: new MonthStore(paths, clock),
    summaries: new SummaryStore(paths),
    paths,
  };
}

/** The `api` HTTP function: auth → route → handler, every refusal in the error shape of DESIGN §6. */
export function createApi({ db, verifyToken, clock }: ApiDependencies): HttpHandler {
  const stores = createStores(db, clock);
  return async (req, res) => {
    try {
      const pathname = new URL(req.originalUrl ?? req.url, "http://localhost").pathname;
      if (pathname === "/healthz" && req.method === "GET") {
        sendJson(res, 200, { status: "ok" });
        return;
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
      const caller = await identify(req, verifyToken, stores.members);
      const result = await route.handler({ req, caller, params: route.params, stores });
      sendJson(res, result.status, result.body);
    } catch (error) {
      if (error instanceof ApiError) {
        sendError(res, error);
        return;
      }
      if ((error as { code?: unknown }).code === 10 /* Firestore ABORTED: retries exhausted */) {
        res.set("Retry-After", "2");
        sendError(
          res,
          new ApiError(
            503,
            "contention",
            "Too many simultaneous writes to the same data; retry in a few seconds.",
          ),
        );
        return;
      }
      // Anything else is our fault, never the caller's: log it whole, answer without internals.
      console.error(
        JSON.stringify({
          severity: "ERROR",
          message: "Unhandled API error",
          error: String((error as Error)?.stack ?? error),
        }),
      );
      sendError(res, new ApiError(500, "internal", "Internal error; it has been logged."));
    }
  };
}
