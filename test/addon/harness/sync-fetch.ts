/**
 * UrlFetchApp for the harness: synchronous, as in Apps Script, but really talking HTTP. A worker
 * thread does the requests while this thread waits on Atomics.wait; the answers come back
 * through a SharedArrayBuffer. The server therefore must not run on this thread (it would be
 * blocked too): the local stack runs in a child process (stack-process.ts).
 */
import { Worker } from "node:worker_threads";

export interface HttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export type HttpResult =
  | { status: number; headers: Record<string, string>; text: string }
  | { error: string };

const BUFFER_BYTES = 32 * 1024 * 1024;

export class SyncFetcher {
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly data = new SharedArrayBuffer(BUFFER_BYTES);
  private readonly worker: Worker;

  constructor() {
    this.worker = new Worker(new URL("./sync-fetch-worker.mjs", import.meta.url), {
      workerData: { signal: this.signal.buffer, data: this.data },
    });
    this.worker.unref();
  }

  /** Blocks until every request has its answer (or failed to connect). */
  fetchAll(requests: HttpRequest[]): HttpResult[] {
    Atomics.store(this.signal, 0, 0);
    this.worker.postMessage(requests);
    if (Atomics.wait(this.signal, 0, 0, 60_000) === "timed-out") {
      throw new Error("harness: no HTTP answer within 60 s");
    }
    const length = new DataView(this.data).getUint32(0);
    const bytes = new Uint8Array(this.data, 4, length).slice();
    return JSON.parse(new TextDecoder().decode(bytes)) as HttpResult[];
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
