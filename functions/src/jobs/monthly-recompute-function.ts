import type { Firestore } from "@google-cloud/firestore";
import type { CloudEvent } from "@google-cloud/functions-framework";
import { log } from "../services/log.js";
import { runMonthlyRecompute } from "./monthly-recompute.js";

const info = (message: string, fields?: Record<string, unknown>) => log("INFO", message, fields);

/**
 * The CloudEvent function. A run that failed for any network throws, so the framework answers
 * 500 and Pub/Sub delivers the event again (the trigger is deployed with retries on); the run
 * record makes a redelivered success do nothing twice, and a run that keeps failing ends in the
 * dead-letter topic after the subscription's maximum delivery attempts instead of looping.
 */
export function monthlyRecomputeHandler(db: Firestore) {
  return async (event: CloudEvent<unknown>): Promise<void> => {
    info("Monthly recompute started", { eventId: event.id, time: event.time });
    const records = await runMonthlyRecompute(
      db,
      { id: event.id, ...(event.time ? { time: event.time } : {}) },
      info,
    );
    // One summary line per network run.
    for (const record of records) {
      log(record.status === "failed" ? "ERROR" : "INFO", `Monthly recompute ${record.status}`, {
        ...record,
      });
    }
    const failed = records.filter((r) => r.status === "failed");
    if (failed.length > 0) {
      const summary = failed.map((r) => `${r.network}: ${r.errors.join("; ")}`).join(" | ");
      throw new Error(`Monthly recompute failed, to be redelivered: ${summary}`);
    }
  };
}
