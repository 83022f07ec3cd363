import type { Firestore } from "@google-cloud/firestore";
import type { CloudEvent } from "@google-cloud/functions-framework";
import { runMonthlyRecompute } from "./monthly-recompute.js";

/** Structured log lines, as Cloud Logging reads them. */
function log(message: string, fields: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ severity: "INFO", message, ...fields }));
}

/** The CloudEvent function; a thrown error makes Pub/Sub redeliver, which the run record absorbs. */
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
      console.error(
        JSON.stringify({ severity: "ERROR", message: "Monthly recompute had errors", failed }),
      );
    }
  };
}
