import { parentPort, workerData } from "node:worker_threads";
import { type EmbeddedFirestoreOptions, startEmbeddedFirestore } from "./embedded-firestore.js";

/** What the parent thread and this worker say to each other (scripts/local-firestore.ts). */
export type ToWorker = { id: number; op: "flush" | "stop" };
export type FromWorker =
  | { kind: "started"; host: string }
  | { kind: "failed"; message: string }
  | { kind: "log"; line: string }
  | { kind: "done"; id: number; error?: string };

const port = parentPort;
if (!port) throw new Error("firestore-worker-main runs in a worker thread only");
const say = (message: FromWorker) => port.postMessage(message);

const options = workerData as Omit<EmbeddedFirestoreOptions, "log">;
try {
  const firestore = await startEmbeddedFirestore({
    ...options,
    log: (line) => say({ kind: "log", line }),
  });
  port.on("message", async ({ id, op }: ToWorker) => {
    try {
      await (op === "flush" ? firestore.flush() : firestore.stop());
      say({ kind: "done", id });
    } catch (error) {
      say({ kind: "done", id, error: String((error as Error)?.message ?? error) });
    }
    if (op === "stop") port.close();
  });
  say({ kind: "started", host: firestore.host });
} catch (error) {
  say({ kind: "failed", message: String((error as Error)?.message ?? error) });
  port.close();
}
