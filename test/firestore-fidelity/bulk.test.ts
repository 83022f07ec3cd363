// Inserting many documents into one collection must stay linear (upstream copied the whole
// collection map on every insert: 10,000 docs took 62 s). Timings are printed, not asserted.
import type { Firestore } from "@google-cloud/firestore";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Fidelity, fresh, startFidelity } from "./support.ts";

let fidelity: Fidelity;
let db: Firestore;

beforeAll(async () => {
  fidelity = await startFidelity();
  db = fidelity.client();
});
afterAll(() => fidelity.close());

it("inserts 5,000 documents into one collection in batches of 500", async () => {
  const col = db.collection(fresh("bulk"));
  const times: number[] = [];
  const started = Date.now();
  for (let b = 0; b < 10; b++) {
    const batch = db.batch();
    for (let i = 0; i < 500; i++) {
      const n = b * 500 + i;
      batch.set(col.doc(`doc-${String(n).padStart(5, "0")}`), {
        n,
        name: `Sportello ${n}`,
        ok: n % 2 === 0,
      });
    }
    const t0 = Date.now();
    await batch.commit();
    times.push(Date.now() - t0);
  }
  console.log(
    `5,000 inserts: first batch ${times[0]} ms, last batch ${times.at(-1)} ms, total ${Date.now() - started} ms`,
  );
  expect((await col.count().get()).data().count).toBe(5000);
  expect((await col.orderBy("n", "desc").limit(1).get()).docs[0]?.id).toBe("doc-04999");
});

it("BulkWriter applies every write and reports per-write failures", async () => {
  const col = db.collection(fresh("bulkwriter"));
  await col.doc("taken").set({ v: 0 });
  const writer = db.bulkWriter();
  writer.onWriteError(() => false); // no retries: the failure below is permanent
  const writes = Array.from({ length: 50 }, (_, i) => writer.set(col.doc(`d${i}`), { i }));
  const failing = writer.create(col.doc("taken"), { v: 1 }).catch((err: unknown) => err);
  await writer.close();
  await Promise.all(writes);
  expect(await failing).toMatchObject({ code: 6 }); // ALREADY_EXISTS
  expect((await col.count().get()).data().count).toBe(51);
  expect((await col.doc("taken").get()).data()).toEqual({ v: 0 });
});
