import type { Firestore } from "@google-cloud/firestore";
import type { CloudEvent } from "@google-cloud/functions-framework";
import { runMonthlyRecompute } from "./monthly-recompute.js";

/** Structured log lines, as Cloud Logging reads them. */
function log(message: string, fields: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ severity: "INFO", message, ...fields }));
}

/**
 * The CloudEvent function. A run that failed for any network throws, so the framework answers
 * 500 and Pub/Sub delivers the event again (the trigger is deployed with retries on); the run
 * record makes a redelivered success do nothing twice, and a run that keeps failing ends in the
 * dead-letter topic after the subscription's maximum delivery attempts instead of looping.
 */
export function monthlyRecomputeHandler(db: Firestore) {
  return async (event: CloudEvent<unknown>): Promise<void> => {
    log("Monthly recompute started", { eventId: event.id, time: event.time });
    const records = await runMonthlyRecompute(
      db,
      { id: event.id, ...(event.time ? { time: event.time } : {}) },
      log,
    );
    for (const record of records) log("Monthly recompute run", { ...record });
    const failed = records.filter((r) => r.status === "failed");
    if (failed.length > 0) {
      const summary = failed.map((r) => `${r.network}: ${r.errors.join("; ")}`).join(" | ");
      console.error(
        JSON.stringify({ severity: "ERROR", message: "Monthly recompute had errors", failed }),
      );
      throw new Error(`Monthly recompute failed, to be redelivered: ${summary}`);
    }
  };
}
