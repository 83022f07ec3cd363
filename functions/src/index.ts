/**
 * Production entry point: the functions Cloud Run loads (`--source` this package).
 *   api               HTTP, target `api`; only Google-signed ID tokens for POLINET_AUDIENCES pass
 *   monthlyRecompute  CloudEvent (Cloud Scheduler → Pub/Sub), target `monthlyRecompute`
 * It never serves `/dev/token`: that route exists only in the local stack.
 */
import { cloudEvent, http } from "@google-cloud/functions-framework";
import { unauthenticated } from "./api/api-error.js";
import { createApi, type HttpHandler } from "./api/app.js";
import { googleTokenVerifier } from "./api/token-verifier.js";
import { monthlyRecomputeHandler } from "./jobs/monthly-recompute-function.js";
import { lazyFirestore } from "./store/firestore.js";

function audiences(): string[] {
  return (process.env.POLINET_AUDIENCES ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean);
}

const projectId = process.env.GOOGLE_CLOUD_PROJECT ?? process.env.GCLOUD_PROJECT ?? "poli-net";
// Built on first use: loading the client is most of a cold start, and /healthz never needs it.
const db = lazyFirestore({ projectId });

function productionApi(): HttpHandler {
  const configured = audiences();
  if (configured.length === 0) {
    // Fail closed but stay up, so the health check and the logs say what is missing.
    console.error(
      JSON.stringify({
        severity: "ERROR",
        message: "POLINET_AUDIENCES is not set: every API call will be refused.",
      }),
    );
  }
  return createApi({
    db,
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
