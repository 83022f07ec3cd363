// Shared setup of the fidelity suite: the local Firestore under test plus official clients.
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
