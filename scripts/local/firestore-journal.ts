// Durable storage of the embedded Firestore: a snapshot plus a journal of the commits since.
//
//   firestore.json                 {"journal":G,"documents":[ one {name, fields} per line, sorted ]}
//   firestore-journal-<G>.jsonl    one line per commit: {"commit":[{name, fields} | {name, deleted:true}]}
//
// A commit is acknowledged only once its line is written and fdatasync'ed (commits that arrive
// while a sync runs share the next one: group commit). Every line holds the whole new state of
// each document it names, so replaying a line twice changes nothing.
//
// Compaction never stalls commits: between two syncs the journal switches to generation G+1, and
// the state as of that instant (kept here as serialized documents) is written to a temporary
// snapshot in the background, fsynced, renamed over firestore.json (which then names G+1), the
// directory fsynced; only then are the older journal files removed. A crash at any point leaves
// either the old snapshot with journals G and G+1, or the new snapshot with journal G+1.
//
// On open: load the snapshot, replay the journals from its generation on. An unreadable last
// line of the last journal is what a crash during a write leaves: it was never acknowledged, so
// it is logged, cut off the file, and ignored. An unreadable line anywhere else is corruption:
// opening fails rather than serve a store that silently lost data.
import { mkdirSync } from "node:fs";
import { type FileHandle, open, readdir, readFile, rename, rm, truncate } from "node:fs/promises";
import { join } from "node:path";

/** A document as the emulator's v1 API spells it: fields are v1 Value objects. */
export interface SavedDocument {
  name: string;
  fields: Record<string, object>;
}

/** What one commit did to one document. */
export type JournalEntry = SavedDocument | { name: string; deleted: true };

export interface JournalOptions {
  dir: string;
  /** Compact after this many commits since the last snapshot (default 10,000)… */
  compactEntries?: number;
  /** …or this many journal bytes (default 32 MiB), whichever comes first. */
  compactBytes?: number;
  log?: (line: string) => void;
}

const SNAPSHOT = "firestore.json";
const JOURNAL = /^firestore-journal-(\d+)\.jsonl$/;
const journalFile = (generation: number) => `firestore-journal-${generation}.jsonl`;

interface Pending {
  line: string;
  /** name → serialized document, or undefined when the commit deleted it. */
  changes: [string, string | undefined][];
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class FirestoreJournal {
  readonly #dir: string;
  readonly #compactEntries: number;
  readonly #compactBytes: number;
  readonly #log: (line: string) => void;
  #fd: FileHandle;
  #generation: number;
  /** Generation named by the snapshot on disk. */
  #snapshotGeneration: number;
  /** The state the files on disk describe: name → serialized {name, fields}. */
  readonly #documents: Map<string, string>;
  #entries: number;
  #bytes: number;
  #queue: Pending[] = [];
  #scheduled = false;
  /** File work (appends, switching journals, closing) runs one task at a time, in order. */
  #chain: Promise<void> = Promise.resolve();
  #compacting: Promise<void> | undefined;
  #failure: Error | undefined;
  #closed = false;
  #syncs = 0;

  private constructor(
    options: JournalOptions,
    state: {
      fd: FileHandle;
      generation: number;
      snapshotGeneration: number;
      documents: Map<string, string>;
      entries: number;
      bytes: number;
    },
  ) {
    this.#dir = options.dir;
    this.#compactEntries = options.compactEntries ?? 10_000;
    this.#compactBytes = options.compactBytes ?? 32 * 1024 * 1024;
    this.#log = options.log ?? ((line) => console.warn(line));
    this.#fd = state.fd;
    this.#generation = state.generation;
    this.#snapshotGeneration = state.snapshotGeneration;
    this.#documents = state.documents;
    this.#entries = state.entries;
    this.#bytes = state.bytes;
  }

  /** Opens (or creates) the store in `dir`; `documents` is its content, to load before serving. */
  static async open(
    options: JournalOptions,
  ): Promise<{ journal: FirestoreJournal; documents: SavedDocument[] }> {
    const { dir } = options;
    const log = options.log ?? ((line: string) => console.warn(line));
    mkdirSync(dir, { recursive: true });
    const snapshot = await readSnapshot(join(dir, SNAPSHOT));
    const documents = new Map(snapshot.documents.map((document) => [document.name, document]));

    const generations = (await readdir(dir))
      .map((file) => JOURNAL.exec(file)?.[1])
      .filter((generation) => generation !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    // Journals older than the snapshot are already in it (a crash came before their removal).
    for (const generation of generations.filter((g) => g < snapshot.generation)) {
      await rm(join(dir, journalFile(generation)), { force: true });
    }
    const live = generations.filter((g) => g >= snapshot.generation);
    live.forEach((generation, i) => {
      if (generation !== snapshot.generation + i) {
        throw new Error(
          `local Firestore store in ${dir} is incomplete: ${journalFile(snapshot.generation + i)} is missing (not starting).`,
        );
      }
    });

    let entries = 0;
    let bytes = 0;
    for (const [i, generation] of live.entries()) {
      const file = join(dir, journalFile(generation));
      const replayed = replayJournal(await readFile(file), file, i === live.length - 1, documents);
      entries += replayed.entries;
      bytes += replayed.validBytes;
      if (replayed.tornAt !== undefined) {
        log(
          `local-firestore: ${file}: ignoring its unreadable last line (${replayed.tornBytes} bytes), a write interrupted by a crash and never acknowledged.`,
        );
        // Cut it off, so that the next append starts on a line of its own.
        await truncate(file, replayed.tornAt);
        await syncFile(file);
      }
    }

    const generation = live.at(-1) ?? snapshot.generation;
    const fd = await open(join(dir, journalFile(generation)), "a");
    await syncDirectory(dir);
    const serialized = new Map<string, string>();
    for (const [name, document] of documents) serialized.set(name, serialize(document));
    const journal = new FirestoreJournal(options, {
      fd,
      generation,
      snapshotGeneration: snapshot.generation,
      documents: serialized,
      entries,
      bytes,
    });
    return { journal, documents: [...documents.values()] };
  }

  /**
   * Records one commit; resolves once it is on disk. Serializes synchronously, so the caller may
   * let the documents change as soon as this returns.
   */
  append(entries: JournalEntry[]): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#closed) return Promise.reject(new Error("local Firestore journal is closed"));
    if (entries.length === 0) return Promise.resolve();
    const changes = entries.map((entry): [string, string | undefined] => [
      entry.name,
      "deleted" in entry ? undefined : serialize(entry),
    ]);
    const line = `{"commit":[${changes
      .map(([name, text]) => text ?? JSON.stringify({ name, deleted: true }))
      .join(",")}]}\n`;
    return new Promise((resolve, reject) => {
      this.#queue.push({ line, changes, resolve, reject });
      this.#schedule();
    });
  }

  /** How many times the journal was synced: commits per sync shows the group commit (bench). */
  get syncs(): number {
    return this.#syncs;
  }

  /** Resolves once every commit so far is on disk and compacted into the snapshot. */
  async flush(): Promise<void> {
    await this.#serial(async () => {
      await this.#drain();
      if (this.#failure) throw this.#failure;
      await this.#compacting;
      if (this.#entries > 0 || this.#generation !== this.#snapshotGeneration) {
        await this.#switchJournal();
      }
    });
    await this.#compacting;
    if (this.#generation !== this.#snapshotGeneration) {
      throw new Error("local Firestore: the snapshot could not be written (see the log)");
    }
  }

  /** Flushes, then closes the files; later appends fail. */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      this.#closed = true;
      await this.#serial(() => this.#fd.close());
    }
  }

  #serial(task: () => Promise<void>): Promise<void> {
    const run = this.#chain.then(task);
    this.#chain = run.catch(() => {});
    return run;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.#serial(async () => {
      this.#scheduled = false;
      await this.#drain();
    }).catch((err) => this.#log(`local-firestore: journal: ${err}`));
  }

  /** Writes and syncs what is queued, in batches, until the queue is empty. */
  async #drain(): Promise<void> {
    while (this.#queue.length > 0 && !this.#failure) {
      const batch = this.#queue.splice(0);
      const text = Buffer.from(batch.map((pending) => pending.line).join(""));
      try {
        await writeAll(this.#fd, text);
        await this.#fd.datasync();
        this.#syncs++;
      } catch (err) {
        // The state in memory is now ahead of the disk: refuse every later commit rather than
        // acknowledge writes a restart would not find.
        this.#failure = new Error(`local Firestore journal write failed: ${String(err)}`);
        this.#log(`local-firestore: ${this.#failure.message}; refusing further commits.`);
        for (const pending of [...batch, ...this.#queue.splice(0)]) pending.reject(this.#failure);
        return;
      }
      for (const { changes } of batch) {
        for (const [name, document] of changes) {
          if (document === undefined) this.#documents.delete(name);
          else this.#documents.set(name, document);
        }
      }
      this.#entries += batch.length;
      this.#bytes += text.length;
      for (const pending of batch) pending.resolve();
      if (
        !this.#compacting &&
        (this.#entries >= this.#compactEntries || this.#bytes >= this.#compactBytes)
      ) {
        // Not being able to compact now costs disk space, not data: keep journaling.
        await this.#switchJournal().catch((err) =>
          this.#log(`local-firestore: compaction could not start: ${err}`),
        );
      }
    }
  }

  /**
   * Starts journal generation G+1 and writes, in the background, the snapshot of the state the
   * journals up to G describe. Runs between two syncs (inside #serial), so that state is exact.
   */
  async #switchJournal(): Promise<void> {
    const lines = [...this.#documents.values()];
    const generation = this.#generation + 1;
    const fd = await open(join(this.#dir, journalFile(generation)), "a");
    try {
      await syncDirectory(this.#dir);
    } catch (err) {
      await fd.close();
      throw err;
    }
    await this.#fd.close();
    this.#fd = fd;
    this.#generation = generation;
    this.#entries = 0;
    this.#bytes = 0;
    this.#compacting = this.#writeSnapshot(lines, generation)
      .catch((err) => this.#log(`local-firestore: compaction failed, journals kept: ${err}`))
      .finally(() => {
        this.#compacting = undefined;
      });
  }

  async #writeSnapshot(lines: string[], generation: number): Promise<void> {
    lines.sort();
    const file = join(this.#dir, SNAPSHOT);
    const tmp = `${file}.tmp`;
    const fd = await open(tmp, "w");
    try {
      await writeAll(fd, Buffer.from(`{"journal":${generation},"documents":[\n`));
      // In chunks of about 1 MiB: never one string as large as the whole store.
      let chunk: string[] = [];
      let size = 0;
      for (const [i, line] of lines.entries()) {
        chunk.push(i < lines.length - 1 ? `${line},\n` : `${line}\n`);
        size += line.length;
        if (size > 1 << 20) {
          await writeAll(fd, Buffer.from(chunk.join("")));
          chunk = [];
          size = 0;
        }
      }
      await writeAll(fd, Buffer.from(`${chunk.join("")}]}\n`));
      await fd.sync();
    } finally {
      await fd.close();
    }
    await rename(tmp, file);
    await syncDirectory(this.#dir);
    this.#snapshotGeneration = generation;
    for (const file of await readdir(this.#dir)) {
      const older = JOURNAL.exec(file)?.[1];
      if (older !== undefined && Number(older) < generation) {
        await rm(join(this.#dir, file), { force: true });
      }
    }
  }
}

/** Applies a journal file's lines to `documents`; only the last file may end in a torn line. */
function replayJournal(
  data: Buffer,
  file: string,
  isLastFile: boolean,
  documents: Map<string, SavedDocument>,
): { entries: number; validBytes: number; tornAt?: number; tornBytes?: number } {
  let offset = 0;
  let entries = 0;
  for (let lineNumber = 1; offset < data.length; lineNumber++) {
    const newline = data.indexOf(10, offset);
    const end = newline === -1 ? data.length : newline + 1;
    const commit = parseCommit(data.subarray(offset, newline === -1 ? end : newline));
    // Every line is written with its newline: a line without one was cut short, even if it parses.
    if (!commit || newline === -1) {
      // Torn: nothing follows it but what a crash leaves (zeros, blanks).
      const lastLine = isLastFile && data.subarray(end).every((byte) => byte <= 32);
      if (!lastLine) {
        throw new Error(
          `local Firestore store is corrupt: ${file}, line ${lineNumber} is unreadable (not starting).`,
        );
      }
      return { entries, validBytes: offset, tornAt: offset, tornBytes: data.length - offset };
    }
    for (const entry of commit) {
      if ("deleted" in entry) documents.delete(entry.name);
      else documents.set(entry.name, entry);
    }
    entries++;
    offset = end;
  }
  return { entries, validBytes: offset };
}

function parseCommit(line: Buffer): JournalEntry[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.toString("utf8"), fromJson);
  } catch {
    return undefined;
  }
  const commit = (parsed as { commit?: unknown })?.commit;
  if (!Array.isArray(commit)) return undefined;
  const valid = commit.every(
    (entry) =>
      typeof entry?.name === "string" &&
      (entry.deleted === true || (typeof entry.fields === "object" && entry.fields !== null)),
  );
  return valid ? (commit as JournalEntry[]) : undefined;
}

async function readSnapshot(
  file: string,
): Promise<{ generation: number; documents: SavedDocument[] }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { generation: 0, documents: [] };
    throw err;
  }
  // Written to a temporary file and renamed: a snapshot is whole or absent, never torn.
  let parsed: { journal?: number; documents: SavedDocument[] };
  try {
    parsed = JSON.parse(text, fromJson);
  } catch (err) {
    throw new Error(
      `local Firestore store is corrupt: ${file} is unreadable (not starting): ${err}`,
    );
  }
  // Snapshots from before the journal have no generation: they pair with journal 0 (none).
  return { generation: parsed.journal ?? 0, documents: parsed.documents };
}

function serialize(document: SavedDocument): string {
  const saved = { name: document.name, fields: document.fields };
  // The replacer costs as much again as the serialization: only documents that need it get it.
  return needsTags(document.fields) ? JSON.stringify(saved, toJson) : JSON.stringify(saved);
}

/** Whether a value holds bytes, NaN or ±Infinity, which plain JSON would lose. */
function needsTags(value: unknown): boolean {
  if (typeof value === "number") return !Number.isFinite(value);
  if (value === null || typeof value !== "object") return false;
  if (value instanceof Uint8Array) return true;
  if (Array.isArray(value)) return value.some(needsTags);
  for (const key in value) if (needsTags((value as Record<string, unknown>)[key])) return true;
  return false;
}

async function writeAll(fd: FileHandle, data: Buffer): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const { bytesWritten } = await fd.write(data, offset, data.length - offset);
    offset += bytesWritten;
  }
}

async function syncFile(path: string): Promise<void> {
  const fd = await open(path, "r+");
  try {
    await fd.sync();
  } finally {
    await fd.close();
  }
}

/** A new, renamed or removed file survives a crash only once its directory is synced. */
async function syncDirectory(dir: string): Promise<void> {
  const fd = await open(dir, "r");
  try {
    await fd.sync();
  } finally {
    await fd.close();
  }
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
