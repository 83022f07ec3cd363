// Local Firestore for development and tests: the patched @firestore-emulator/server (see
// patches/) in-process on loopback, optionally persisted to `<dataDir>/firestore.json`.
import { mkdirSync } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
// A dependency of @firestore-emulator/server (pinned by it); needed to build the v1 Write we replay.
import { Write } from "@firestore-emulator/proto/dist/google/firestore/v1/write.js";
import { FirestoreServer, type FirestoreStateDocument } from "@firestore-emulator/server";

export interface LocalFirestore {
  /** "127.0.0.1:PORT", the value for FIRESTORE_EMULATOR_HOST. */
  host: string;
  /** Resolves once every write made so far is on disk. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

const SAVE_DELAY_MS = 100;

export async function startLocalFirestore(
  opts: { dataDir?: string } = {},
): Promise<LocalFirestore> {
  const external = process.env.FIRESTORE_EMULATOR_HOST;
  if (external) {
    // Someone else runs Firestore (e.g. the official emulator): use it, own nothing.
    return { host: external, flush: async () => {}, stop: async () => {} };
  }

  const server = new FirestoreServer();
  const { state } = server;
  // Without patches/ (e.g. `npm ci --ignore-scripts`) the emulator silently merges on set(),
  // ignores transactions, etc.: refuse to run rather than give misleading results.
  if (typeof state.nextCommitDate !== "function") {
    throw new Error("@firestore-emulator/server is not patched: run `npx patch-package`.");
  }
  const file = opts.dataDir ? join(opts.dataDir, "firestore.json") : undefined;
  // Documents ever written; the snapshot keeps those that still exist.
  const known = new Set<FirestoreStateDocument>();

  if (file && opts.dataDir) {
    mkdirSync(opts.dataDir, { recursive: true });
    // Replay before any client connects. writeV1Document keeps int vs double (the client would
    // turn 2.0 into 2); create/update times are not restored.
    const date = state.nextCommitDate();
    for (const { name, fields } of await readSnapshot(file)) {
      state.writeV1Document(date, Write.fromObject({ update: { name, fields } }));
      known.add(state.getDocument(name));
    }
  }
  const port = await server.start(0, "127.0.0.1");

  let dirty = false;
  let timer: NodeJS.Timeout | undefined;
  let saving: Promise<void> = Promise.resolve();
  // Saves run one after another; each writes the state as it is when it starts. A failed save
  // was reported to its caller and must not block the next one.
  const save = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    saving = saving
      .catch(() => {})
      .then(async () => {
        if (!file || !dirty) return;
        dirty = false;
        try {
          await writeSnapshot(file, [...known]);
        } catch (err) {
          dirty = true;
          throw err;
        }
      });
    return saving;
  };
  const changed = () => {
    dirty = true;
    timer ??= setTimeout(() => {
      save().catch((err) => console.error("local-firestore: saving failed", err));
    }, SAVE_DELAY_MS);
  };
  const onWrite = ({ document }: { document: FirestoreStateDocument }) => {
    known.add(document);
    changed();
  };
  if (file) {
    state.emitter.on("create-document", onWrite);
    state.emitter.on("update-document", onWrite);
    state.emitter.on("delete-document", onWrite);
    state.emitter.on("clear-all-projects", () => {
      known.clear();
      changed();
    });
  }

  return {
    host: `127.0.0.1:${port}`,
    flush: save,
    stop: async () => {
      server.stop();
      await save();
    },
  };
}

// Every existing document as {name, fields}, one per line, sorted: small diffs between snapshots.
async function writeSnapshot(file: string, documents: FirestoreStateDocument[]): Promise<void> {
  const lines = documents
    .filter((document) => document.metadata.hasExist)
    .map((document) => {
      const { name, fields } = document.toV1DocumentObject();
      return JSON.stringify({ name, fields }, toJson);
    })
    .sort();
  // Write then rename: a crash mid-write never leaves a truncated snapshot.
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `{"documents":[\n${lines.join(",\n")}\n]}\n`);
  await rename(tmp, file);
}

interface SavedDocument {
  name: string;
  // v1 Value objects, e.g. { integer_value: 2 } or { double_value: 2 }.
  fields: Record<string, object>;
}

async function readSnapshot(file: string): Promise<SavedDocument[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  return (JSON.parse(text, fromJson) as { documents: SavedDocument[] }).documents;
}

// JSON has no bytes, NaN or Infinity: tag them so they survive the round trip.
function toJson(this: Record<string, unknown>, key: string, value: unknown): unknown {
  // `value` has been through toJSON() already (a Buffer becomes {type, data}): look at the original.
  const raw = this[key];
  if (raw instanceof Uint8Array) return { $bytes: Buffer.from(raw).toString("base64") };
  if (typeof value === "number" && !Number.isFinite(value)) return { $number: String(value) };
  return value;
}

function fromJson(_key: string, value: unknown): unknown {
  if (value && typeof value === "object") {
    if ("$bytes" in value) return new Uint8Array(Buffer.from(String(value.$bytes), "base64"));
    if ("$number" in value) return Number(value.$number);
  }
  return value;
}
