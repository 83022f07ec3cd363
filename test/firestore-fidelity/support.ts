// Shared setup of the fidelity suite: the Firestore under test plus official clients. The suite runs
// on the embedded engine (started in-process) and, in the `google` test project, on Google's own
// emulator (FIRESTORE_EMULATOR_HOST). Both must give what production guarantees; where they
// legitimately differ, a test says so and checks each engine's own behaviour (`engine`).
import { randomUUID } from "node:crypto";
import { Firestore, type Settings } from "@google-cloud/firestore";
import { type LocalFirestore, startLocalFirestore } from "../../scripts/local-firestore.ts";

/** gRPC status codes the suite checks for. */
export const Code = {
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
} as const;

export type Engine = "embedded" | "google";

/**
 * Which engine FIRESTORE_EMULATOR_HOST points at. Google's emulator also answers plain HTTP: `GET /`
 * is "Ok"; the embedded server speaks gRPC only, so the same request fails. Without the variable the
 * suite starts the embedded engine itself.
 */
export async function detectEngine(host = process.env.FIRESTORE_EMULATOR_HOST): Promise<Engine> {
  if (!host) return "embedded";
  try {
    const response = await fetch(`http://${host}/`, { signal: AbortSignal.timeout(5_000) });
    return response.ok && (await response.text()).trim() === "Ok" ? "google" : "embedded";
  } catch {
    return "embedded";
  }
}

/** The engine this test file runs against, known before its tests are collected. */
export const engine: Engine = await detectEngine();
export const onGoogle = engine === "google";
/** Persistence and the launcher exist only when the suite starts the embedded engine itself. */
export const inProcess = !process.env.FIRESTORE_EMULATOR_HOST;

export interface Fidelity {
  local: LocalFirestore;
  projectId: string;
  /** A new official client on a project of its own (per suite, so suites never share data). */
  client(settings?: Settings): Firestore;
  close(): Promise<void>;
}

export async function startFidelity(opts: { dataDir?: string; projectId?: string } = {}) {
  const local = await startLocalFirestore({ dataDir: opts.dataDir });
  const projectId = opts.projectId ?? `fidelity-${randomUUID().slice(0, 8)}`;
  const clients: Firestore[] = [];
  const fidelity: Fidelity = {
    local,
    projectId,
    client(settings = {}) {
      const db = new Firestore({
        projectId,
        host: local.host,
        ssl: false,
        // The production default; without it the client probes the GCE metadata server.
        universeDomain: "googleapis.com",
        ...settings,
      });
      clients.push(db);
      return db;
    },
    async close() {
      await Promise.all(clients.map((db) => db.terminate()));
      await local.stop();
    },
  };
  return fidelity;
}

/** A fresh collection name, so tests within a suite do not see each other's documents. */
export const fresh = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/**
 * Makes `parties` concurrent transactions all read before any of them commits: each calls
 * `arrive()` after its reads and waits for the others (a retried attempt passes straight through).
 */
export function barrier(parties: number) {
  let arrived = 0;
  let release = () => {};
  const all = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    arrive(): Promise<void> {
      if (++arrived === parties) release();
      return all;
    },
  };
}
