// The local Firestore of the stack and the tests. By default the embedded engine
// (scripts/local/embedded-firestore.ts) in a worker thread of its own, so that its work (protobuf,
// document copies, the journal) runs on the other core instead of stalling the functions' event
// loop: at the monthly deadline the API and the engine then share the machine instead of taking
// turns. With FIRESTORE_EMULATOR_HOST set, that engine is used and nothing is started.
import { Worker } from "node:worker_threads";
import type { EmbeddedFirestore, EmbeddedFirestoreOptions } from "./local/embedded-firestore.js";
import type { FromWorker, ToWorker } from "./local/firestore-worker-main.js";

export type LocalFirestore = EmbeddedFirestore;
export type LocalFirestoreOptions = EmbeddedFirestoreOptions;

export async function startLocalFirestore(
  opts: LocalFirestoreOptions = {},
): Promise<LocalFirestore> {
  const external = process.env.FIRESTORE_EMULATOR_HOST;
  if (external) {
    // Someone else runs Firestore (e.g. the official emulator): use it, own nothing.
    return { host: external, flush: async () => {}, stop: async () => {} };
  }
  const { log = (line: string) => console.error(line), ...data } = opts;
  const worker = new Worker(new URL("./local/firestore-worker.mjs", import.meta.url), {
    workerData: data,
  });
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let exited = false;
  const host = await new Promise<string>((resolve, reject) => {
    worker.on("message", (message: FromWorker) => {
      if (message.kind === "started") resolve(message.host);
      else if (message.kind === "failed") reject(new Error(message.message));
      else if (message.kind === "log") log(message.line);
      else {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) waiting?.reject(new Error(message.error));
        else waiting?.resolve();
      }
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      exited = true;
      reject(new Error(`the local Firestore worker exited (code ${code}) before starting`));
      for (const { reject: fail } of pending.values())
        fail(new Error(`the local Firestore worker exited (code ${code})`));
      pending.clear();
    });
  });
  const ask = (op: ToWorker["op"]) =>
    exited
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          const id = nextId++;
          pending.set(id, { resolve, reject });
          worker.postMessage({ id, op } satisfies ToWorker);
        });
  return {
    host,
    flush: () => ask("flush"),
    stop: async () => {
      await ask("stop");
      await worker.terminate();
    },
  };
}
