/**
 * The production entry must not load the Firestore client until storage is used: the client's
 * gRPC and protobuf code is most of a cold start (scripts/bench/cold-start.ts measures it). And
 * the client built on first use must be the real one: writes, reads, transactions.
 */
import { createRequire } from "node:module";
import { getTestServer } from "@google-cloud/functions-framework/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalFirestore } from "../../scripts/local-firestore.js";

// Every test file runs in a fresh process (vitest forks), so this cache starts without it.
const cache = createRequire(import.meta.url).cache;
const clientLoaded = () => Object.keys(cache).some((p) => p.includes("@google-cloud/firestore/"));

let url: string;
let close: () => void;

beforeAll(async () => {
  delete process.env.POLINET_AUDIENCES;
  await import("../../functions/src/index.js");
  const server = getTestServer("api");
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  close = () => server.close();
});
afterAll(() => close?.());

describe("the Firestore client is loaded on first use", () => {
  it("not by importing the production entry, a health check or a refused call", async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const refused = await fetch(`${url}/v1/me`, {
      headers: { authorization: "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln" },
    });
    expect(refused.status).toBe(401);
    expect(clientLoaded()).toBe(false);
  });

  it("and then it is the real client", async () => {
    const { lazyFirestore } = await import("../../functions/src/store/firestore.js");
    const local = await startLocalFirestore();
    const db = lazyFirestore({ projectId: "lazy-client", emulatorHost: local.host });
    try {
      expect(clientLoaded()).toBe(false);
      const ref = db.collection("things").doc("one");
      expect(clientLoaded()).toBe(true);
      await ref.set({ n: 1 });
      await db.runTransaction(async (tx) => {
        const n = (await tx.get(ref)).get("n") as number;
        tx.update(ref, { n: n + 1 });
      });
      const [snapshot] = await db.getAll(ref);
      expect(snapshot?.data()).toEqual({ n: 2 });
      expect(ref.firestore).toBe(db.doc("things/one").firestore);
    } finally {
      await db.terminate();
      await local.stop();
    }
  });
});
