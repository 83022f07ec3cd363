// Transactions: what production guarantees is a serializable outcome and all-or-nothing commits,
// whatever the concurrency control. The engines reach it differently, and legitimately:
// - embedded: optimistic. A commit whose reads changed meanwhile is ABORTED and the official client
//   retries it, so attempt counts are exact and asserted here (an embedded-only observation).
// - Google's emulator, like production (PESSIMISTIC mode, the default): a transaction locks what it
//   read; another writer waits for the commit, and two transactions that read the same data and
//   then both write deadlock until one is ABORTED (there after a lock timeout of about 2 s).
import { FieldValue, type Firestore } from "@google-cloud/firestore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { barrier, Code, engine, type Fidelity, fresh, onGoogle, startFidelity } from "./support.ts";

let fidelity: Fidelity;
let db: Firestore;
let other: Firestore;

beforeAll(async () => {
  fidelity = await startFidelity();
  db = fidelity.client();
  other = fidelity.client();
});
afterAll(() => fidelity.close());

const outcome = (attempt: Promise<unknown>) =>
  attempt.then(
    () => "committed",
    (err: { code?: number }) => (err.code === Code.ABORTED ? "aborted" : `failed ${err.code}`),
  );

describe("transactions: serializable outcomes under contention (both engines)", () => {
  it("2 clients × 50 read-then-increment transactions on one document count exactly 100", async () => {
    const ref = db.collection(fresh("tx")).doc("counter");
    await ref.set({ n: 0 });
    // Embedded: all 100 at once. Google's emulator breaks each read-lock deadlock only by its ~2 s
    // lock timeout, and the client backs off 1 s × 1.5ⁿ between attempts: 100 at once took 162 s
    // there and one transaction still ran out of 50 attempts; 5 per client at a time took 7–36 s.
    // So there 2 per client are in flight at a time (4 transactions contending for one document,
    // 4–10 s measured), and the count must still be exactly 100.
    const inFlight = onGoogle ? 2 : 50;
    let attempts = 0;
    const increment = (client: Firestore) =>
      client.runTransaction(
        async (tx) => {
          attempts++;
          const snap = await tx.get(client.doc(ref.path));
          tx.update(client.doc(ref.path), { n: (snap.get("n") as number) + 1 });
        },
        { maxAttempts: 50 },
      );
    const worker = async (client: Firestore) => {
      for (let i = 0; i < 50 / inFlight; i++) await increment(client);
    };
    const started = Date.now();
    await Promise.all(
      [db, other].flatMap((client) => Array.from({ length: inFlight }, () => worker(client))),
    );
    console.log(
      `${engine}: 100 contended transactions (${inFlight} in flight per client): ${attempts} attempts, ${Date.now() - started} ms`,
    );
    expect((await ref.get()).get("n")).toBe(100);
  }, 120_000);

  it("of two transactions that read a document and then write it, exactly one commits when neither may retry", async () => {
    const ref = db.collection(fresh("tx")).doc("d");
    await ref.set({ n: 1 });
    const bothRead = barrier(2);
    const add = (client: Firestore, amount: number) =>
      client.runTransaction(
        async (tx) => {
          const n = (await tx.get(client.doc(ref.path))).get("n") as number;
          await bothRead.arrive();
          tx.update(client.doc(ref.path), { n: n + amount });
        },
        { maxAttempts: 1 },
      );
    const [first, second] = await Promise.all([outcome(add(db, 10)), outcome(add(other, 100))]);
    // Embedded: the second commit finds its read changed. Google: the deadlock's loser.
    expect([first, second].sort()).toEqual(["aborted", "committed"]);
    expect((await ref.get()).get("n")).toBe(first === "committed" ? 11 : 101);
  });

  it("two transactions creating a document they read as missing: one creates, the other sees it", async () => {
    const ref = db.collection(fresh("tx")).doc("d");
    const bothRead = barrier(2);
    let attempts = 0;
    const claim = (client: Firestore, by: string) =>
      client.runTransaction(async (tx) => {
        attempts++;
        const snap = await tx.get(client.doc(ref.path));
        await bothRead.arrive();
        if (snap.exists) return `saw ${snap.get("by")}`;
        tx.create(client.doc(ref.path), { by });
        return "created";
      });
    const results = await Promise.all([claim(db, "a"), claim(other, "b")]);
    const winner = (await ref.get()).get("by") as string;
    expect(["a", "b"]).toContain(winner);
    expect(results.sort()).toEqual(["created", `saw ${winner}`]);
    // Embedded: the loser's commit is aborted once and retried. (Google: the deadlock's loser,
    // likewise, but how often a lock times out is the emulator's business.)
    if (!onGoogle) expect(attempts).toBe(3);
  });

  it("a query read in a transaction is isolated: no phantom (two transactions, one insert)", async () => {
    const col = db.collection(fresh("tx"));
    await col.doc("a").set({ email: "a@x.it" });
    const bothRead = barrier(2);
    let attempts = 0;
    // "Create the member unless one has this e-mail": both may run at once, only one may insert.
    const register = (client: Firestore, id: string) =>
      client.runTransaction(async (tx) => {
        attempts++;
        const taken = await tx.get(client.collection(col.id).where("email", "==", "b@x.it"));
        await bothRead.arrive();
        if (!taken.empty) return "taken";
        tx.set(client.collection(col.id).doc(id), { email: "b@x.it" });
        return "registered";
      });
    const results = await Promise.all([register(db, "b1"), register(other, "b2")]);
    expect(results.sort()).toEqual(["registered", "taken"]);
    expect((await col.where("email", "==", "b@x.it").get()).size).toBe(1);
    if (!onGoogle) expect(attempts).toBe(3);
  });

  it("an aggregation read in a transaction is isolated too (no write skew)", async () => {
    const col = db.collection(fresh("tx"));
    await col.doc("a").set({ v: 1 });
    const bothRead = barrier(2);
    // Each counts the collection and adds a document recording what it counted: serially the
    // second must count the first's document (1 then 2), never both 1.
    const add = (client: Firestore, id: string) =>
      client.runTransaction(async (tx) => {
        const count = (await tx.get(client.collection(col.id).count())).data().count;
        await bothRead.arrive();
        tx.set(client.collection(col.id).doc(id), { seen: count });
      });
    await Promise.all([add(db, "x1"), add(other, "x2")]);
    const seen = (await col.where("seen", ">=", 0).get()).docs.map((d) => d.get("seen"));
    expect(seen.sort()).toEqual([1, 2]);
  });
});

describe("transactions: a plain write landing between a transaction's read and its commit", () => {
  // Either serial order is correct; what may never happen is the transaction committing a value
  // computed from what it read over the other write (n = 2). Which order each engine gives is
  // checked explicitly.
  it("is serialized: before the transaction (embedded: ABORTED and retried) or after it (Google: the write waits for the lock)", async () => {
    const ref = db.collection(fresh("tx")).doc("d");
    await ref.set({ n: 1 });
    let attempts = 0;
    let write: Promise<unknown> = Promise.resolve();
    await db.runTransaction(async (tx) => {
      attempts++;
      const n = (await tx.get(ref)).get("n") as number;
      if (attempts === 1) {
        write = other.doc(ref.path).update({ n: 10 });
        // Embedded: the write lands before the commit. Google: it waits for this transaction's
        // commit, so awaiting it here would deadlock.
        if (!onGoogle) await write;
      }
      tx.update(ref, { n: n + 1 });
    });
    await write;
    if (onGoogle) {
      expect(attempts).toBe(1);
      expect((await ref.get()).get("n")).toBe(10);
    } else {
      expect(attempts).toBe(2);
      expect((await ref.get()).get("n")).toBe(11);
    }
  });

  it("create of a document the transaction read as missing: exactly one create wins", async () => {
    const ref = db.collection(fresh("tx")).doc("d");
    let attempts = 0;
    let outside: Promise<string> = Promise.resolve("not sent");
    await db.runTransaction(async (tx) => {
      attempts++;
      const snap = await tx.get(ref);
      if (attempts === 1) {
        outside = other
          .doc(ref.path)
          .create({ by: "other" })
          .then(
            () => "created",
            (err: { code?: number }) => `failed ${err.code}`,
          );
        if (!onGoogle) await outside;
      }
      if (snap.exists) return;
      tx.create(ref, { by: "tx" });
    });
    if (onGoogle) {
      // The outside create waited for the commit and then found the document.
      expect(await outside).toBe(`failed ${Code.ALREADY_EXISTS}`);
      expect(attempts).toBe(1);
      expect((await ref.get()).data()).toEqual({ by: "tx" });
    } else {
      expect(await outside).toBe("created");
      expect(attempts).toBe(2);
      expect((await ref.get()).data()).toEqual({ by: "other" });
    }
  });
});

describe("transactions: all or nothing", () => {
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
    await col.doc("taken").set({ v: 1 });
    const failing = db.runTransaction(async (tx) => {
      await tx.get(col.doc("a"));
      tx.update(col.doc("a"), { v: 2 });
      tx.set(col.doc("new"), { v: 2 });
      tx.create(col.doc("taken"), { v: 3 }); // ALREADY_EXISTS
    });
    await expect(failing).rejects.toMatchObject({ code: Code.ALREADY_EXISTS });
    expect((await col.doc("a").get()).data()).toEqual({ v: 1 });
    expect((await col.doc("new").get()).exists).toBe(false);
    expect((await col.doc("taken").get()).data()).toEqual({ v: 1 });
  });

  it("a commit that updates then creates one document fails whole (embedded: ALREADY_EXISTS; Google: INVALID_ARGUMENT)", async () => {
    const col = db.collection(fresh("tx"));
    await col.doc("a").set({ v: 1 });
    const failing = db.runTransaction(async (tx) => {
      await tx.get(col.doc("a"));
      tx.set(col.doc("b"), { v: 2 });
      tx.update(col.doc("a"), { v: 2 });
      tx.create(col.doc("a"), { v: 3 });
    });
    // Google's engine refuses the request itself ("Cannot update then insert an entity in the
    // same request"); the embedded one applies the writes in order and the create finds the
    // document. Nothing is written either way, and the product never writes a document twice.
    await expect(failing).rejects.toMatchObject({
      code: onGoogle ? Code.INVALID_ARGUMENT : Code.ALREADY_EXISTS,
    });
    expect((await col.doc("a").get()).data()).toEqual({ v: 1 });
    expect((await col.doc("b").get()).exists).toBe(false);
  });
});

describe("transactions: read-only", () => {
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
