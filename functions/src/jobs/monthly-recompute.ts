import type { Firestore } from "@google-cloud/firestore";
import { addMonths, isLocked, type Month, monthOf } from "../domain/period.js";
import { endsWith, periodsContaining } from "../domain/reporting-period.js";
import type { StoredMonth } from "../domain/stored-month.js";
import { publishReport } from "../services/publish-report.js";
import { persistReport, rebuildSummaries } from "../services/recompute.js";
import { createStores, type Stores } from "../store/stores.js";

/** What one run did for one network: `networks/{network}/runs/{event id}`. */
export interface RunRecord {
  eventId: string;
  network: string;
  status: "running" | "done" | "failed";
  month: Month;
  start: string;
  end: string | null;
  municipalities: number;
  documentsRead: number;
  documentsWritten: number;
  monthsLocked: number;
  /** Reports published by this run: the closed month and the quarter, semester, year it ends. */
  published: { period: string; version: number; status: "published" | "unchanged" }[];
  /** Deliveries of this event that ran for this network: more than 1 after a failure. */
  attempts: number;
  errors: string[];
}

/** The `by` of the versions the job publishes. */
export const JOB_PUBLISHER = "monthlyRecompute";

/** How many months back the job looks for months to lock; the default lock is 60 days. */
const LOCK_LOOKBACK_MONTHS = 6;

/**
 * The scheduled job (Cloud Scheduler → Pub/Sub → CloudEvent): for every network, recompute the
 * month just closed, its quarter, semester and year, and mark months past their lock date. The run
 * record is keyed by the event id: a redelivered event finds its run done and does nothing.
 */
export async function runMonthlyRecompute(
  db: Firestore,
  event: { id: string; time?: string },
  log: (message: string, fields?: Record<string, unknown>) => void,
): Promise<RunRecord[]> {
  const stores = createStores(db);
  const now = event.time ? new Date(event.time) : new Date();
  const month = addMonths(monthOf(now), -1);
  const records: RunRecord[] = [];
  for (const network of await stores.networks.list()) {
    const runRef = stores.paths.run(network, event.id);
    const start = new Date().toISOString();
    const record: RunRecord = {
      eventId: event.id,
      network,
      status: "running",
      month,
      start,
      end: null,
      municipalities: 0,
      documentsRead: 0,
      documentsWritten: 0,
      monthsLocked: 0,
      published: [],
      attempts: 1,
      errors: [],
    };
    try {
      await runRef.create(record);
    } catch (error) {
      if ((error as { code?: number }).code !== 6 /* ALREADY_EXISTS */) throw error;
      const previous = (await runRef.get()).data() as RunRecord | undefined;
      if (previous?.status === "done") {
        log("Event already handled for this network: nothing to do.", {
          network,
          eventId: event.id,
        });
        continue;
      }
      // An earlier delivery failed or died midway: every step is idempotent, run them again.
      record.attempts = (previous?.attempts ?? 1) + 1;
    }
    // Submissions keep the summaries fresh; the closed month's are rebuilt from its month documents
    // as a check (one small transaction per municipality), then the month, its quarter, semester
    // and year are persisted from the summaries. Earlier months were checked by earlier runs.
    try {
      const rebuilt = await rebuildSummaries(stores, network, [month], (line, fields) =>
        log(line, fields),
      );
      record.documentsRead += rebuilt.documentsRead;
      record.documentsWritten += rebuilt.documentsWritten;
      for (const period of periodsContaining(month)) {
        const result = await persistReport(stores, network, period);
        record.municipalities = result.municipalities;
        record.documentsRead += result.documentsRead;
        record.documentsWritten += result.documentsWritten;
        log(`Recomputed ${network} ${period.key}`, { reads: result.documentsRead });
      }
    } catch (error) {
      record.errors.push(`recompute: ${(error as Error).message}`);
    }
    // Then the reports of the periods that just ended, after the recomputation so that they
    // freeze what it checked; a redelivered event finds the same content and publishes nothing.
    if (record.errors.length === 0) {
      for (const period of periodsContaining(month).filter((p) => endsWith(p, month))) {
        try {
          const result = await publishReport(stores, network, period, JOB_PUBLISHER, now);
          record.documentsRead += result.documentsRead;
          record.documentsWritten += result.documentsWritten;
          record.published.push({
            period: result.period,
            version: result.version,
            status: result.status,
          });
        } catch (error) {
          record.errors.push(`publish ${period.key}: ${(error as Error).message}`);
        }
      }
    }
    try {
      const locked = await lockPastMonths(db, stores, network, now);
      record.documentsRead += locked.documentsRead;
      record.documentsWritten += locked.monthsLocked;
      record.monthsLocked = locked.monthsLocked;
    } catch (error) {
      record.errors.push(`locking: ${(error as Error).message}`);
    }
    record.status = record.errors.length > 0 ? "failed" : "done";
    record.end = new Date().toISOString();
    record.documentsWritten += 2; // the run record itself, created then completed
    await runRef.set(record);
    records.push(record);
  }
  return records;
}

async function lockPastMonths(
  db: Firestore,
  stores: Stores,
  network: string,
  now: Date,
): Promise<{ documentsRead: number; monthsLocked: number }> {
  const settings = await stores.networks.get(network);
  if (!settings) return { documentsRead: 0, monthsLocked: 0 };
  const candidates = Array.from({ length: LOCK_LOOKBACK_MONTHS }, (_, i) =>
    addMonths(monthOf(now), -1 - i),
  ).filter((m) => isLocked(m, settings.lockDays, now));
  const refs = Object.keys(settings.municipalities).flatMap((istat) =>
    candidates.map((m) => stores.paths.month(network, istat, m)),
  );
  if (refs.length === 0) return { documentsRead: 1, monthsLocked: 0 };
  const snapshots = await db.getAll(...refs);
  const batch = db.batch();
  let monthsLocked = 0;
  for (const snapshot of snapshots) {
    if (!snapshot.exists || (snapshot.data() as StoredMonth).lockedAt) continue;
    // Guarded by the update time read: a submission landing meanwhile makes this one fail, not vanish.
    batch.update(
      snapshot.ref,
      { lockedAt: now.toISOString() },
      { lastUpdateTime: snapshot.updateTime },
    );
    monthsLocked++;
  }
  if (monthsLocked > 0) await batch.commit();
  return { documentsRead: 1 + refs.length, monthsLocked };
}
