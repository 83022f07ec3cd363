// Transactions of the local Firestore: isolation by optimistic concurrency (a commit whose reads
// changed meanwhile is ABORTED and the official client retries it, as production's contention).
import { FieldValue, type Firestore } from "@google-cloud/firestore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Code, type Fidelity, fresh, startFidelity } from "./support.ts";

let fidelity: Fidelity;
let db: Firestore;
let other: Firestore;

beforeAll(async () => {
  fidelity = await startFidelity();
  db = fidelity.client();
  other = fidelity.client();
});
afterAll(() => fidelity.close());

describe("transactions", () => {
  it("2 clients × 50 concurrent read-then-increment transactions count exactly 100", async () => {
    const ref = db.collection(fresh("tx")).doc("counter");
    await ref.set({ n: 0 });
    let attempts = 0;
    const increment = (client: Firestore) =>
      client.runTransaction(
        async (tx) => {
          attempts++;
          const snap = await tx.get(client.doc(ref.path));
          tx.update(client.doc(ref.path), { n: (snap.get("n") as number) + 1 });
        },
        // Optimistic concurrency aborts more often than production's locks: allow more retries.
        { maxAttempts: 50 },
      );
    const started = Date.now();
    await Promise.all(
      [db, other].flatMap((client) => Array.from({ length: 50 }, () => increment(client))),
    );
    console.log(`100 contended transactions: ${attempts} attempts, ${Date.now() - started} ms`);
    expect((await ref.get()).get("n")).toBe(100);
  });

  it("a commit conflicting with a concurrent write is ABORTED and retried", async () => {
    const ref = db.collection(fresh("tx")).doc("d");
    await ref.set({ n: 1 });
    let attempts = 0;
    await db.runTransaction(async (tx) => {
      attempts++;
      const n = (await tx.get(ref)).get("n") as number;
      if (attempts === 1) await other.doc(ref.path).update({ n: 10 }); // lands between read and commit
      tx.update(ref, { n: n + 1 });
    });
    expect(attempts).toBe(2);
    expect((await ref.get()).get("n")).toBe(11);
  });

  it("the conflicting commit fails with ABORTED when retries are exhausted", async () => {
    const ref = db.collection(fresh("tx")).doc("d");
    await ref.set({ n: 1 });
    const attempt = db.runTransaction(
      async (tx) => {
        await tx.get(ref);
        await other.doc(ref.path).update({ n: 10 });
        tx.update(ref, { n: 2 });
      },
      { maxAttempts: 1 },
    );
    await expect(attempt).rejects.toMatchObject({ code: Code.ABORTED });
    expect((await ref.get()).get("n")).toBe(10);
  });

  it("a document read as missing and created meanwhile aborts the commit", async () => {
    const ref = db.collection(fresh("tx")).doc("d");
    let attempts = 0;
    await db.runTransaction(async (tx) => {
      attempts++;
      const snap = await tx.get(ref);
      if (attempts === 1) await other.doc(ref.path).create({ by: "other" });
      if (snap.exists) return;
      tx.create(ref, { by: "tx" });
    });
    expect(attempts).toBe(2);
    expect((await ref.get()).data()).toEqual({ by: "other" });
  });

  it("a query read in a transaction aborts the commit when its result changes (phantom)", async () => {
    const col = db.collection(fresh("tx"));
    await col.doc("a").set({ email: "a@x.it" });
    let attempts = 0;
    await db.runTransaction(async (tx) => {
      attempts++;
      const taken = await tx.get(col.where("email", "==", "b@x.it"));
      if (attempts === 1) await other.collection(col.id).doc("b1").set({ email: "b@x.it" });
      if (!taken.empty) return;
      tx.set(col.doc("b2"), { email: "b@x.it" });
    });
    expect(attempts).toBe(2);
    expect((await col.where("email", "==", "b@x.it").get()).size).toBe(1);
  });

  it("an aggregation read in a transaction is isolated too", async () => {
    const col = db.collection(fresh("tx"));
    await col.doc("a").set({ v: 1 });
    let attempts = 0;
    await db.runTransaction(async (tx) => {
      attempts++;
      const count = (await tx.get(col.count())).data().count;
      if (attempts === 1) await other.collection(col.id).doc("b").set({ v: 1 });
      tx.set(col.doc("summary"), { count });
    });
    expect(attempts).toBe(2);
    expect((await col.doc("summary").get()).get("count")).toBe(2);
  });

  it("an error thrown inside runTransaction rolls back: nothing is written", async () => {
    const col = db.collection(fresh("tx"));
    await col.doc("a").set({ v: 1 });
    const failing = db.runTransaction(async (tx) => {
      await tx.get(col.doc("a"));
      tx.set(col.doc("b"), { v: 2 });
      tx.update(col.doc("a"), { v: 2 });
      throw new Error("business rule violated");
    });
    await expect(failing).rejects.toThrow("business rule violated");
    expect((await col.doc("a").get()).data()).toEqual({ v: 1 });
    expect((await col.doc("b").get()).exists).toBe(false);
  });

  it("a write-only transaction commits atomically", async () => {
    const col = db.collection(fresh("tx"));
    await db.runTransaction(async (tx) => {
      tx.set(col.doc("a"), { v: 1 });
      tx.set(col.doc("b"), { v: FieldValue.increment(2) });
    });
    expect((await col.doc("a").get()).data()).toEqual({ v: 1 });
    expect((await col.doc("b").get()).data()).toEqual({ v: 2 });
  });

  it("a failing write inside a transaction applies none of its writes", async () => {
    const col = db.collection(fresh("tx"));
    await col.doc("a").set({ v: 1 });
    const failing = db.runTransaction(async (tx) => {
      await tx.get(col.doc("a"));
      tx.update(col.doc("a"), { v: 2 });
      tx.create(col.doc("a"), { v: 3 }); // ALREADY_EXISTS
    });
    await expect(failing).rejects.toMatchObject({ code: Code.ALREADY_EXISTS });
    expect((await col.doc("a").get()).data()).toEqual({ v: 1 });
  });

  it("read-only transactions read documents, queries and counts", async () => {
    const col = db.collection(fresh("tx"));
    await col.doc("a").set({ v: 1 });
    await col.doc("b").set({ v: 2 });
    const result = await db.runTransaction(
      async (tx) => {
        const a = await tx.get(col.doc("a"));
        const query = await tx.get(col.where("v", ">=", 2));
        const count = await tx.get(col.count());
        return [a.get("v"), query.docs.map((d) => d.id), count.data().count];
      },
      { readOnly: true },
    );
    expect(result).toEqual([1, ["b"], 2]);
  });

  it("read-only transactions refuse writes", async () => {
    const col = db.collection(fresh("tx"));
    const attempt = db.runTransaction(
      async (tx) => {
        tx.set(col.doc("a"), { v: 1 });
      },
      { readOnly: true },
    );
    await expect(attempt).rejects.toThrow(/read-only/);
  });
});
