/**
 * What durability costs per commit: the local Firestore's journal (scripts/local/firestore-journal.ts)
 * alone, then a commit through the official client with the journal and without it (memory only).
 * Each commit holds a 150-procedure month (the documents a submission writes are about this size).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Firestore } from "@google-cloud/firestore";
import type { Month } from "../../functions/src/domain/period.js";
import { FirestoreJournal, type SavedDocument } from "../local/firestore-journal.js";
import { startLocalFirestore } from "../local-firestore.js";
import { syntheticMonths } from "./synthetic.js";

export interface JournalRow {
  what: string;
  /** Size of one commit's journal line. */
  lineBytes: number;
  writers: number;
  commits: number;
  medianUs: number;
  p95Us: number;
  commitsPerSecond: number;
  /** Journal alone: commits that shared one fdatasync. */
  commitsPerSync?: number;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/** Runs `commits` commits from `writers` concurrent loops; latency of each, and the rate. */
async function measure(
  writers: number,
  commits: number,
  commit: (i: number) => Promise<unknown>,
): Promise<Omit<JournalRow, "what" | "lineBytes">> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < commits) {
        const i = next++;
        const t = performance.now();
        await commit(i);
        latencies.push((performance.now() - t) * 1000);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    writers,
    commits,
    medianUs: quantile(latencies, 0.5),
    p95Us: quantile(latencies, 0.95),
    commitsPerSecond: commits / seconds,
  };
}

// The client's JSON form of a month, as the v1 Value objects the emulator hands the journal.
function toValue(value: unknown): object {
  if (value === null || value === undefined) return { null_value: 0 };
  if (typeof value === "number") {
    return Number.isInteger(value) ? { integer_value: value } : { double_value: value };
  }
  if (typeof value === "string") return { string_value: value };
  if (typeof value === "boolean") return { boolean_value: value };
  if (Array.isArray(value)) return { array_value: { values: value.map(toValue) } };
  return { map_value: { fields: toFields(value as Record<string, unknown>) } };
}
const toFields = (object: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(object).map(([key, v]) => [key, toValue(v)]));

export async function journalBench(quick: boolean): Promise<JournalRow[]> {
  const month = syntheticMonths(7, 150)("015182", "2025-01" as Month);
  // Commits [sequential, 20 writers]: the journal alone is fast; through the client a month
  // commit costs tens of ms in the emulator itself, so fewer.
  const alone = quick ? [200, 1000] : [1000, 4000];
  const viaClient = quick ? [50, 200] : [200, 600];
  const rows: JournalRow[] = [];
  const dir = mkdtempSync(join(tmpdir(), "polinet-journal-bench-"));
  try {
    // 1. The journal alone: serialize, append, fdatasync (shared by the commits waiting for it).
    // A tiny commit too: what the fdatasync alone costs, whatever the size.
    const { journal } = await FirestoreJournal.open({ dir: join(dir, "alone") });
    const monthFields = toFields(month as unknown as Record<string, unknown>);
    const tinyFields = toFields({ revision: 1, status: "stored" });
    for (const [what, fields] of [
      ["journal alone, month", monthFields],
      ["journal alone, tiny", tinyFields],
    ] as const) {
      const entry = (i: number): SavedDocument => ({
        name: `projects/bench/databases/(default)/documents/months/m${i % 500}`,
        fields,
      });
      const lineBytes = JSON.stringify({ commit: [entry(0)] }).length + 1;
      for (const writers of [1, 20]) {
        const commits = (writers === 1 ? alone[0] : alone[1]) ?? 0;
        const syncsBefore = journal.syncs;
        const row = await measure(writers, commits, (i) => journal.append([entry(i)]));
        const commitsPerSync = commits / (journal.syncs - syncsBefore);
        rows.push({ what, lineBytes, ...row, commitsPerSync });
      }
    }
    await journal.close();
    const monthLine = JSON.stringify({ commit: [{ name: "x", fields: monthFields }] }).length;

    // 2. A set() through the official client and the emulator, with the journal and without.
    for (const durable of [false, true]) {
      const local = await startLocalFirestore(durable ? { dataDir: join(dir, "client") } : {});
      const db = new Firestore({
        projectId: "bench",
        host: local.host,
        ssl: false,
        universeDomain: "googleapis.com",
      });
      for (const writers of [1, 20]) {
        const commits = (writers === 1 ? viaClient[0] : viaClient[1]) ?? 0;
        const row = await measure(writers, commits, (i) =>
          db.doc(`months/m${i % 500}`).set({ ...month, revision: i }),
        );
        rows.push({
          what: durable ? "set() via client, journaled" : "set() via client, memory only",
          lineBytes: durable ? monthLine : 0,
          ...row,
        });
      }
      await db.terminate();
      await local.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
