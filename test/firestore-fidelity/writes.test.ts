// Write semantics of the local Firestore, through the official client.
import { FieldValue, type Firestore, Timestamp } from "@google-cloud/firestore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Code, type Fidelity, fresh, onGoogle, startFidelity } from "./support.ts";

let fidelity: Fidelity;
let db: Firestore;

beforeAll(async () => {
  fidelity = await startFidelity();
  db = fidelity.client();
});
afterAll(() => fidelity.close());

const doc = () => db.collection(fresh("writes")).doc("d");

describe("set", () => {
  it("without merge replaces the document", async () => {
    const ref = doc();
    await ref.set({ a: 1, b: 2 });
    await ref.set({ c: 3 });
    expect((await ref.get()).data()).toEqual({ c: 3 });
  });

  it("with merge deep-merges maps", async () => {
    const ref = doc();
    await ref.set({ a: 1, m: { x: 1, y: 2 } });
    await ref.set({ b: 2, m: { y: 3 } }, { merge: true });
    expect((await ref.get()).data()).toEqual({ a: 1, b: 2, m: { x: 1, y: 3 } });
  });

  it("with mergeFields writes only the listed fields", async () => {
    const ref = doc();
    await ref.set({ a: 1, b: 2, m: { x: 1, y: 2 } });
    await ref.set({ a: 9, b: 9, m: { x: 9, y: 9 } }, { mergeFields: ["a", "m.x"] });
    expect((await ref.get()).data()).toEqual({ a: 9, b: 2, m: { x: 9, y: 2 } });
  });

  it("with merge writes keys that need quoting in field paths", async () => {
    const ref = doc();
    await ref.set({ "a-b": 1, "001": 1, "with space": 1 });
    await ref.set({ "a-b": 2, "001": 2, "with space": 2 }, { merge: true });
    expect((await ref.get()).data()).toEqual({ "a-b": 2, "001": 2, "with space": 2 });
  });

  it("keeps value types: int, double, string, bool, null, map, array, timestamp, bytes", async () => {
    const ref = doc();
    const data = {
      i: 7,
      d: 2.5,
      s: "città",
      b: true,
      n: null,
      m: { deep: { list: [1, "x", { y: null }] } },
      t: Timestamp.fromMillis(1_700_000_000_123),
      bytes: Buffer.from([0, 1, 255]),
    };
    await ref.set(data);
    expect((await ref.get()).data()).toEqual(data);
  });
});

describe("create / update / delete", () => {
  it("create fails with ALREADY_EXISTS on an existing document", async () => {
    const ref = doc();
    await ref.create({ a: 1 });
    await expect(ref.create({ a: 2 })).rejects.toMatchObject({ code: Code.ALREADY_EXISTS });
    expect((await ref.get()).data()).toEqual({ a: 1 });
  });

  it("update fails with NOT_FOUND on a missing document and does not create it", async () => {
    const ref = doc();
    await expect(ref.update({ a: 1 })).rejects.toMatchObject({ code: Code.NOT_FOUND });
    expect((await ref.get()).exists).toBe(false);
  });

  it("update changes only the given fields, dotted paths reach into maps", async () => {
    const ref = doc();
    await ref.set({ a: 1, m: { x: 1, y: 2 } });
    await ref.update({ b: 2, "m.y": 3 });
    expect((await ref.get()).data()).toEqual({ a: 1, b: 2, m: { x: 1, y: 3 } });
  });

  it("delete removes the document, deleting a missing one succeeds", async () => {
    const ref = doc();
    await ref.set({ a: 1 });
    await ref.delete();
    expect((await ref.get()).exists).toBe(false);
    await expect(ref.delete()).resolves.toBeDefined();
    await expect(ref.delete({ exists: true })).rejects.toMatchObject({ code: Code.NOT_FOUND });
  });

  it("update of a.b over a non-map a replaces it with a map", async () => {
    const ref = doc();
    await ref.set({ a: "text" });
    await ref.update({ "a.b": 1 });
    expect((await ref.get()).data()).toEqual({ a: { b: 1 } });
  });

  it("FieldValue.delete() removes top-level and nested fields (update and set merge)", async () => {
    const ref = doc();
    await ref.set({ a: 1, b: 2, c: 3, m: { x: 1, y: 2 } });
    await ref.update({ a: FieldValue.delete(), "m.x": FieldValue.delete() });
    await ref.set({ b: FieldValue.delete() }, { merge: true });
    expect((await ref.get()).data()).toEqual({ c: 3, m: { y: 2 } });
  });
});

describe("transforms", () => {
  it("applies every transform of one write", async () => {
    const ref = doc();
    await ref.set({ n: 1, tags: ["a", "x"], keep: true });
    const before = Date.now();
    await ref.update({
      n: FieldValue.increment(2),
      at: FieldValue.serverTimestamp(),
      tags: FieldValue.arrayUnion("b"),
      gone: FieldValue.arrayRemove("x"),
      more: FieldValue.arrayUnion(1, 2, 1),
      plain: "yes",
    });
    const data = (await ref.get()).data() ?? {};
    expect(data).toMatchObject({ n: 3, tags: ["a", "x", "b"], keep: true, plain: "yes" });
    expect(data.gone).toEqual([]);
    expect(data.more).toEqual([1, 2]);
    expect(data.at).toBeInstanceOf(Timestamp);
    expect((data.at as Timestamp).toMillis()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("arrayUnion / arrayRemove / increment in set, on missing fields and nested paths", async () => {
    const ref = doc();
    await ref.set({ tags: FieldValue.arrayUnion("a", "b"), n: FieldValue.increment(1.5) });
    await ref.update({ tags: FieldValue.arrayRemove("a"), "m.count": FieldValue.increment(1) });
    await ref.update({ "m.count": FieldValue.increment(1) });
    expect((await ref.get()).data()).toEqual({ tags: ["b"], n: 1.5, m: { count: 2 } });
  });

  it("transforms in set(merge) keep the other fields", async () => {
    const ref = doc();
    await ref.set({ a: 1, n: 1 });
    await ref.set({ n: FieldValue.increment(1) }, { merge: true });
    expect((await ref.get()).data()).toEqual({ a: 1, n: 2 });
  });
});

describe("preconditions", () => {
  it("update with a stale lastUpdateTime fails with FAILED_PRECONDITION", async () => {
    const ref = doc();
    const first = await ref.set({ v: 1 });
    await ref.set({ v: 2 });
    await expect(ref.update({ v: 3 }, { lastUpdateTime: first.writeTime })).rejects.toMatchObject({
      code: Code.FAILED_PRECONDITION,
    });
    expect((await ref.get()).data()).toEqual({ v: 2 });
  });

  it("update and delete with the current lastUpdateTime succeed", async () => {
    const ref = doc();
    await ref.set({ v: 1 });
    const snap = await ref.get();
    const result = await ref.update({ v: 2 }, { lastUpdateTime: snap.updateTime });
    expect((await ref.get()).data()).toEqual({ v: 2 });
    await ref.delete({ lastUpdateTime: result.writeTime });
    expect((await ref.get()).exists).toBe(false);
  });

  it("delete with a stale lastUpdateTime fails and keeps the document", async () => {
    const ref = doc();
    const first = await ref.set({ v: 1 });
    await ref.update({ v: 2 });
    await expect(ref.delete({ lastUpdateTime: first.writeTime })).rejects.toMatchObject({
      code: Code.FAILED_PRECONDITION,
    });
    expect((await ref.get()).exists).toBe(true);
  });

  it("update with lastUpdateTime on a missing document fails and does not create it", async () => {
    const ref = doc();
    await expect(
      ref.update({ v: 1 }, { lastUpdateTime: Timestamp.fromMillis(Date.now()) }),
    ).rejects.toMatchObject({ code: Code.FAILED_PRECONDITION });
    expect((await ref.get()).exists).toBe(false);
  });

  it("every write of a document gets a later update time (its version), concurrent writes too", async () => {
    const ref = doc();
    const concurrent = await Promise.all(Array.from({ length: 20 }, (_, i) => ref.set({ i })));
    const times = concurrent.map((r) => r.writeTime.valueOf());
    expect(new Set(times).size).toBe(times.length);
    // Timestamp.valueOf() is zero-padded: string order is time order.
    const last = (await ref.get()).updateTime?.valueOf() ?? "";
    expect(last).toBe(times.sort().at(-1));
    const versions = [last];
    for (let i = 0; i < 5; i++) versions.push((await ref.update({ i })).writeTime.valueOf());
    expect([...versions].sort()).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
  });

  it("concurrent commits to different documents get distinct update times (embedded only)", async (ctx) => {
    ctx.skip(
      onGoogle,
      "Google's engine, like production, may give independent commits the same update time; only a document's own versions are ordered (previous test), and that is all the product relies on",
    );
    const col = db.collection(fresh("times"));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => col.doc(`d${i}`).set({ i })),
    );
    const times = results.map((r) => r.writeTime.valueOf());
    expect(new Set(times).size).toBe(times.length);
  });
});

describe("batches", () => {
  it("a batch with a failing write applies nothing", async () => {
    const col = db.collection(fresh("batch"));
    await col.doc("existing").set({ v: 1 });
    await col.doc("updated").set({ v: 1 });
    await col.doc("taken").set({ v: 1 });
    const batch = db.batch();
    batch.set(col.doc("new"), { v: 1 });
    batch.update(col.doc("updated"), { v: 2 });
    batch.delete(col.doc("existing"));
    batch.create(col.doc("taken"), { v: 3 }); // ALREADY_EXISTS
    await expect(batch.commit()).rejects.toMatchObject({ code: Code.ALREADY_EXISTS });
    expect((await col.doc("new").get()).exists).toBe(false);
    expect((await col.doc("updated").get()).data()).toEqual({ v: 1 });
    expect((await col.doc("existing").get()).data()).toEqual({ v: 1 });
    expect((await col.doc("taken").get()).data()).toEqual({ v: 1 });
  });

  it("a batch that updates then creates one document fails whole (embedded: ALREADY_EXISTS; Google: INVALID_ARGUMENT)", async () => {
    const col = db.collection(fresh("batch"));
    await col.doc("a").set({ v: 1 });
    const batch = db.batch();
    batch.set(col.doc("new"), { v: 1 });
    batch.update(col.doc("a"), { v: 2 });
    batch.create(col.doc("a"), { v: 3 });
    // Google's engine refuses the request itself ("Cannot update then insert an entity in the
    // same request"); the embedded one applies the writes in order and the create finds the
    // document. Either way nothing is written.
    await expect(batch.commit()).rejects.toMatchObject({
      code: onGoogle ? Code.INVALID_ARGUMENT : Code.ALREADY_EXISTS,
    });
    expect((await col.doc("a").get()).data()).toEqual({ v: 1 });
    expect((await col.doc("new").get()).exists).toBe(false);
  });

  it("a successful batch applies every write", async () => {
    const col = db.collection(fresh("batch"));
    const batch = db.batch();
    batch.set(col.doc("a"), { v: 1 });
    batch.set(col.doc("b"), { v: 2 });
    batch.update(col.doc("a"), { w: 1 });
    await batch.commit();
    expect((await col.doc("a").get()).data()).toEqual({ v: 1, w: 1 });
    expect((await col.doc("b").get()).data()).toEqual({ v: 2 });
  });
});

describe("reads", () => {
  it("getAll returns found and missing documents in order", async () => {
    const col = db.collection(fresh("getall"));
    await col.doc("a").set({ v: 1 });
    await col.doc("c").set({ v: 3 });
    const snaps = await db.getAll(col.doc("a"), col.doc("b"), col.doc("c"));
    expect(snaps.map((s) => [s.id, s.exists, s.data()])).toEqual([
      ["a", true, { v: 1 }],
      ["b", false, undefined],
      ["c", true, { v: 3 }],
    ]);
  });

  it("getAll with a fieldMask returns only those fields", async () => {
    const ref = db.collection(fresh("getall")).doc("a");
    await ref.set({ a: 1, b: 2, m: { x: 1 } });
    const [snap] = await db.getAll(ref, { fieldMask: ["a", "m"] });
    expect(snap?.data()).toEqual({ a: 1, m: { x: 1 } });
  });
});
