// The launcher: persistence across restarts and deference to an existing FIRESTORE_EMULATOR_HOST.
import { cpSync, existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type DocumentSnapshot,
  FieldValue,
  type Firestore,
  Timestamp,
} from "@google-cloud/firestore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalFirestore } from "../../scripts/local-firestore.ts";
import { startFidelity } from "./support.ts";

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "fidelity-persistence-"));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

// The client hands back a JS number for both; the wire type is only visible in the raw proto.
const wireType = (snap: DocumentSnapshot, field: string) =>
  (snap as unknown as { _fieldsProto: Record<string, { valueType?: string }> })._fieldsProto[field]
    ?.valueType;

const data = {
  int: 2,
  text: "Comune di Bologna – SUAP",
  yes: false,
  nothing: null,
  nested: { list: [1, 2.5, "three", { deep: [true, null] }], map: { a: { b: "c" } } },
  empty: { list: [], map: {} },
  when: Timestamp.fromMillis(1_700_000_000_123),
  bytes: Buffer.from([0, 1, 254, 255]),
  // Plain JSON has neither.
  notANumber: Number.NaN,
  infinite: Number.NEGATIVE_INFINITY,
};

/** Writes every kind of value, an int turned double, a delete and a subcollection. */
async function writeSample(db: Firestore) {
  await db.doc("sportelli/a").set(data);
  // 2.0 as a double: int 1 + double 1.0 stays a double on the server.
  await db.doc("sportelli/a").update({ double: 1 });
  await db.doc("sportelli/a").update({ double: FieldValue.increment(1.5) });
  await db.doc("sportelli/a").update({ double: FieldValue.increment(-0.5) });
  await db.doc("sportelli/b").set({ gone: true });
  await db.doc("sportelli/b").delete();
  await db.doc("sportelli/a/visite/2024").set({ count: 3 });
  const before = await db.doc("sportelli/a").get();
  expect(wireType(before, "double")).toBe("doubleValue");
}

async function expectSample(again: Firestore) {
  const after = await again.doc("sportelli/a").get();
  expect(after.data()).toEqual({ ...data, double: 2 });
  expect(wireType(after, "double")).toBe("doubleValue");
  expect(wireType(after, "int")).toBe("integerValue");
  expect((await again.doc("sportelli/b").get()).exists).toBe(false);
  expect((await again.doc("sportelli/a/visite/2024").get()).data()).toEqual({ count: 3 });
  expect((await again.collection("sportelli").get()).docs.map((d) => d.id)).toEqual(["a"]);
}

// About the embedded engine only: with FIRESTORE_EMULATOR_HOST nothing of ours stores the data.
describe.skipIf(process.env.FIRESTORE_EMULATOR_HOST)("persistence", () => {
  it("round-trips documents, values and int/double types across a restart", async () => {
    const projectId = "fidelity-persistence";
    const first = await startFidelity({ dataDir, projectId });
    await writeSample(first.client());
    await first.close(); // stop() compacts the journal into the snapshot

    const saved = await readFile(join(dataDir, "firestore.json"), "utf8");
    expect(saved).toContain('"double":{"double_value":2}');

    const second = await startFidelity({ dataDir, projectId });
    await expectSample(second.client());
    await second.close();
  });

  it("round-trips them from the journal alone, as a crash leaves it (no stop, no snapshot)", async () => {
    const projectId = "fidelity-crash";
    const dir = join(dataDir, "crash");
    const first = await startFidelity({ dataDir: dir, projectId });
    await writeSample(first.client());
    const crashed = join(dataDir, "crash-copy");
    cpSync(dir, crashed, { recursive: true });
    await first.close();
    expect(existsSync(join(crashed, "firestore.json"))).toBe(false);

    const second = await startFidelity({ dataDir: crashed, projectId });
    await expectSample(second.client());
    await second.close();
  });

  it("flush() compacts the journal into the snapshot without stopping", async () => {
    const dir = join(dataDir, "flush");
    const fidelity = await startFidelity({ dataDir: dir });
    await fidelity.client().doc("c/d").set({ v: 1 });
    await fidelity.local.flush();
    expect(await readFile(join(dir, "firestore.json"), "utf8")).toContain(
      '"v":{"integer_value":1}',
    );
    await fidelity.close();
  });
});

describe("launcher", () => {
  it("listens on loopback and reports host:port", async () => {
    const local = await startLocalFirestore({});
    expect(local.host).toMatch(/^127\.0\.0\.1:\d+$/);
    await local.stop();
  });

  it("uses an existing FIRESTORE_EMULATOR_HOST instead of starting one", async () => {
    const previous = process.env.FIRESTORE_EMULATOR_HOST;
    process.env.FIRESTORE_EMULATOR_HOST = "127.0.0.1:1";
    try {
      const local = await startLocalFirestore({ dataDir: join(dataDir, "unused") });
      expect(local.host).toBe("127.0.0.1:1");
      await local.flush();
      await local.stop();
    } finally {
      if (previous === undefined) delete process.env.FIRESTORE_EMULATOR_HOST;
      else process.env.FIRESTORE_EMULATOR_HOST = previous;
    }
  });
});
