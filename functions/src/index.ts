/**
 * Production entry point: the functions Cloud Run loads (`--source` this package).
 *   api               HTTP, target `api`; only Google-signed ID tokens for POLINET_AUDIENCES pass
 *   monthlyRecompute  CloudEvent (Cloud Scheduler → Pub/Sub), target `monthlyRecompute`
 * It never serves `/dev/token`: that route exists only in the local stack.
 */
import { cloudEvent, http } from "@google-cloud/functions-framework";
import type { sheets_v4 } from "@googleapis/sheets";
import { unauthenticated } from "./api/api-error.js";
import { createApi, type HttpHandler } from "./api/app.js";
import { apiRequestPolicy, eventRequestPolicy, type RequestPolicy } from "./api/request-guard.js";
import { guardNextServer, servedTarget } from "./api/server-guard.js";
import { googleTokenVerifier } from "./api/token-verifier.js";
import { monthlyRecomputeHandler } from "./jobs/monthly-recompute-function.js";
import { googleSheetsClient } from "./reports/sheets-sink.js";
import { log } from "./services/log.js";
import { lazyFirestore } from "./store/firestore.js";

function audiences(): string[] {
  return (process.env.POLINET_AUDIENCES ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean);
}

/**
 * The request guard (api/request-guard.ts) must see each request before the framework's Express
 * app and its body-parser do. The framework creates that server itself after importing this module,
 * so the guard is installed on the next `http.createServer` call, for the target being served only
 * (server-guard.ts explains how). Imported any other way (tests, tools), nothing is installed.
 */
const REQUEST_POLICIES: Record<string, RequestPolicy> = {
  api: apiRequestPolicy,
  monthlyRecompute: eventRequestPolicy,
};
const target = servedTarget();
const requestPolicy = target === undefined ? undefined : REQUEST_POLICIES[target];
if (requestPolicy) guardNextServer(requestPolicy);

// `npm run deploy` sets GOOGLE_CLOUD_PROJECT (Cloud Run functions do not); without it the Firestore
// client finds the project from the metadata server, and log lines go without a trace.
const projectId = process.env.GOOGLE_CLOUD_PROJECT ?? process.env.GCLOUD_PROJECT;
// Built on first use: loading the client is most of a cold start, and /healthz never needs it.
const db = lazyFirestore({ projectId });

function productionApi(): HttpHandler {
  const configured = audiences();
  if (configured.length === 0) {
    // Fail closed but stay up, so the health check and the logs say what is missing.
    log("ERROR", "POLINET_AUDIENCES is not set: every API call will be refused.");
  }
  let sheetsClient: sheets_v4.Sheets | undefined;
  return createApi({
    db,
    projectId,
    // Made on first use: only networks with a reportSpreadsheetId ever need it.
    sheetsClient: () => {
      sheetsClient ??= googleSheetsClient();
      return sheetsClient;
    },
    verifyToken:
      configured.length > 0
        ? googleTokenVerifier(configured)
        : async () => {
            throw unauthenticated(
              "The service has no token audience configured (POLINET_AUDIENCES).",
            );
          },
  });
}

http("api", productionApi());
cloudEvent("monthlyRecompute", monthlyRecomputeHandler(db));
