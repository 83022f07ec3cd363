// Behaviours the product does not rely on and the patch does not fix. Each test body states what
// production does. On the embedded engine it is an `it.fails`, documenting the gap: it starts
// "failing" (loudly) once the gap is fixed. Google's emulator has no such gap, so there the same
// body is a plain test and must pass: it checks the statement of production's behaviour itself.
import type { Firestore } from "@google-cloud/firestore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fidelity, fresh, onGoogle, startFidelity } from "./support.ts";

let fidelity: Fidelity;
let db: Firestore;

beforeAll(async () => {
  fidelity = await startFidelity();
  db = fidelity.client();
});
afterAll(() => fidelity.close());

const gap = onGoogle ? it : it.fails;

describe(`known gaps of the embedded engine (not used by the product)${onGoogle ? ": Google's emulator has them right" : ""}`, () => {
  gap("collectionGroup() sees subcollections at any depth", async () => {
    const group = fresh("group");
    await db.doc(`parents/p/${group}/nested`).set({ v: 1 });
    await db.doc(`${group}/top`).set({ v: 2 });
    const paths = (await db.collectionGroup(group).get()).docs.map((d) => d.ref.path);
    expect(paths).toEqual([`${group}/top`, `parents/p/${group}/nested`]);
  });

  gap("listDocuments() (embedded: the ListDocuments RPC is not implemented)", async () => {
    const col = db.collection(fresh("list"));
    await col.doc("a").set({ v: 1 });
    expect((await col.listDocuments()).map((d) => d.id)).toEqual(["a"]);
  });

  gap("listCollections() (embedded: the ListCollectionIds RPC is not implemented)", async () => {
    const id = fresh("listed");
    await db.doc(`${id}/a`).set({ v: 1 });
    expect((await db.listCollections()).map((c) => c.id)).toContain(id);
  });

  gap("integers beyond 2^53 (BigInt) round-trip", async () => {
    // useBigInt: read integers back as BigInt; a plain number could not tell 2^60 + 1 from 2^60.
    const big = fidelity.client({ useBigInt: true });
    const ref = big.collection(fresh("bigint")).doc("a");
    await ref.set({ v: 2n ** 60n + 1n });
    expect((await ref.get()).get("v")).toBe(2n ** 60n + 1n);
  });

  // Not run, each would spend ~7 s in client retries on the embedded engine: recursiveDelete()
  // (needs all-descendant queries), Query.explain(), query partitions.
});
