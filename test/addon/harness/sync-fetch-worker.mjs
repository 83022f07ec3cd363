// The other half of sync-fetch.ts: runs in a worker thread, does the HTTP requests with fetch
// while the main thread (running the add-on) sleeps in Atomics.wait, then writes the answers
// into the shared buffer and wakes it up.
import { parentPort, workerData } from "node:worker_threads";

const signal = new Int32Array(workerData.signal);
const data = new Uint8Array(workerData.data);
const view = new DataView(workerData.data);

async function one(request) {
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(30_000),
    });
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      text: await response.text(),
    };
  } catch (error) {
    return { error: String(error?.cause?.message ?? error) };
  }
}

parentPort.on("message", async (requests) => {
  let encoded = new TextEncoder().encode(JSON.stringify(await Promise.all(requests.map(one))));
  if (encoded.length > data.length - 4) {
    encoded = new TextEncoder().encode(
      JSON.stringify(requests.map(() => ({ error: "response too large for the harness buffer" }))),
    );
  }
  view.setUint32(0, encoded.length);
  data.set(encoded, 4);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
