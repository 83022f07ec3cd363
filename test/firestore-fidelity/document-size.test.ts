// Firestore's 1 MiB document limit: production refuses a bigger document, so the local engine
// must too, or a design that outgrows it passes every test here and fails in production.
// Sizes follow https://cloud.google.com/firestore/docs/storage-size, computed in this file from
// the documented rules (not by the engine under test); Google's emulator agrees to the byte.
import {
  DocumentReference,
  type Firestore,
  GeoPoint,
  type GrpcStatus,
  Timestamp,
} from "@google-cloud/firestore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Code, type Fidelity, fresh, startFidelity } from "./support.ts";

const MAX = 1_048_576;

let fidelity: Fidelity;
let db: Firestore;
beforeAll(async () => {
  fidelity = await startFidelity();
  db = fidelity.client();
});
afterAll(() => fidelity.close());

// The documented sizes: a string is its UTF-8 bytes + 1; a document name the sum of its
// collection and document ids as strings + 16; a document its name + fields + 32.
const stringSize = (text: string) => Buffer.byteLength(text, "utf8") + 1;
const nameSize = (path: string) =>
  path.split("/").reduce((size, segment) => size + stringSize(segment), 16);
function valueSize(value: unknown): number {
  if (value === null || typeof value === "boolean") return 1;
  if (typeof value === "number" || value instanceof Timestamp) return 8;
  if (typeof value === "string") return stringSize(value);
  if (value instanceof GeoPoint) return 16;
  if (Buffer.isBuffer(value)) return value.length;
  if (value instanceof DocumentReference) return nameSize(value.path);
  if (Array.isArray(value)) return value.reduce((size, item) => size + valueSize(item), 0);
  return fieldsSize(value as Record<string, unknown>);
}
const fieldsSize = (fields: Record<string, unknown>) =>
  Object.entries(fields).reduce(
    (size, [key, value]) => size + stringSize(key) + valueSize(value),
    0,
  );
const documentSize = (path: string, fields: Record<string, unknown>) =>
  nameSize(path) + fieldsSize(fields) + 32;

/** Every kind of value once, then text padding that brings the document to exactly `size`. */
function documentOfSize(path: string, size: number): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    count: 7,
    rate: 2.5,
    open: true,
    none: null,
    when: Timestamp.fromMillis(1_700_000_000_123),
    where: new GeoPoint(45.53, 9.04),
    bytes: Buffer.alloc(1000, 7),
    ref: db.doc("comuni/015182"),
    nested: { list: [1, "città", { deep: [false, null] }], map: { a: { b: "c" } } },
    // Each padding string stays under the 1,048,487-byte limit of a single value.
    padA: "",
    padB: "",
  };
  const missing = size - documentSize(path, fields);
  const half = Math.floor(missing / 2);
  fields.padA = "x".repeat(half);
  fields.padB = "y".repeat(missing - half);
  expect(documentSize(path, fields)).toBe(size);
  return fields;
}

const refusal = async (write: Promise<unknown>) => {
  const err = (await write.then(
    () => undefined,
    (e: unknown) => e,
  )) as { code?: GrpcStatus; details?: string } | undefined;
  return { code: err?.code, details: err?.details };
};

describe("the 1 MiB document limit", () => {
  it("accepts a document of exactly 1,048,576 bytes and refuses one of 1,048,577", async () => {
    const ref = db.collection(fresh("size")).doc("d");
    const exact = documentOfSize(ref.path, MAX);
    await ref.set(exact);
    expect((await ref.get()).data()).toEqual(exact);

    const over = documentOfSize(ref.path, MAX + 1);
    const { code, details } = await refusal(ref.set(over));
    expect(code).toBe(Code.INVALID_ARGUMENT);
    // Google's emulator says "maximum entity size is 1048576 bytes"; production (and ours) as below.
    expect(details).toMatch(/1,?048,?576 bytes/);
    if (!process.env.FIRESTORE_EMULATOR_HOST) {
      expect(details).toBe(
        `Document 'projects/${fidelity.projectId}/databases/(default)/documents/${ref.path}' cannot be written because its size (1,048,577 bytes) exceeds the maximum allowed size of 1,048,576 bytes.`,
      );
    }
    expect((await ref.get()).data()).toEqual(exact);
  });

  it("counts multi-byte characters in bytes: 1 MiB of text is fewer characters than bytes", async () => {
    const ref = db.collection(fresh("size")).doc("d");
    // "è" is 2 bytes in UTF-8: 600,000 of them (1,200,001 bytes) make a document too big.
    const { code } = await refusal(
      ref.set({ text: "è".repeat(300_000), more: "è".repeat(300_000) }),
    );
    expect(code).toBe(Code.INVALID_ARGUMENT);
    expect((await ref.get()).exists).toBe(false);
  });

  it("refuses an update that grows a document past the limit, and leaves it as it was", async () => {
    const ref = db.collection(fresh("size")).doc("d");
    const before = { a: "a".repeat(600_000) };
    await ref.set(before);
    const { code } = await refusal(ref.update({ b: "b".repeat(500_000) }));
    expect(code).toBe(Code.INVALID_ARGUMENT);
    expect((await ref.get()).data()).toEqual(before);
  });

  it("refuses a batch holding one oversized document, and applies none of its writes", async () => {
    const collection = db.collection(fresh("size"));
    const batch = db.batch();
    batch.set(collection.doc("small"), { v: 1 });
    batch.set(collection.doc("big"), documentOfSize(`${collection.path}/big`, MAX + 1000));
    const { code } = await refusal(batch.commit());
    expect(code).toBe(Code.INVALID_ARGUMENT);
    expect((await collection.doc("small").get()).exists).toBe(false);
    expect((await collection.doc("big").get()).exists).toBe(false);
  });
});
