// The embedded Firestore: the patched @firestore-emulator/server (see patches/) on loopback in the
// calling thread, optionally durable in `<dataDir>` (firestore-journal.ts: every commit is on disk
// before the client gets its answer). scripts/local-firestore.ts runs it in a worker thread.
// A dependency of @firestore-emulator/server (pinned by it); needed to build the v1 Write we replay.
import { Write } from "@firestore-emulator/proto/dist/google/firestore/v1/write.js";
import { FirestoreServer, type FirestoreStateDocument } from "@firestore-emulator/server";
import { FirestoreJournal, type JournalEntry } from "./firestore-journal.js";

export interface EmbeddedFirestore {
  /** "127.0.0.1:PORT", the value for FIRESTORE_EMULATOR_HOST. */
  host: string;
  /**
   * Every acknowledged commit is already on disk; this also compacts the journal into the
   * snapshot (`<dataDir>/firestore.json`).
   */
  flush(): Promise<void>;
  /** Stops serving, then flushes. */
  stop(): Promise<void>;
}

export interface EmbeddedFirestoreOptions {
  /** Where to keep the data; none keeps it in memory only. */
  dataDir?: string;
  /** Compact the journal after this many commits (default 10,000; tests use small values). */
  compactEntries?: number;
  /** Where recovery notes go (a torn last journal line); default stderr. */
  log?: (line: string) => void;
}

export async function startEmbeddedFirestore(
  opts: EmbeddedFirestoreOptions = {},
): Promise<EmbeddedFirestore> {
  const opened = opts.dataDir
    ? await FirestoreJournal.open({
        dir: opts.dataDir,
        ...(opts.compactEntries ? { compactEntries: opts.compactEntries } : {}),
        ...(opts.log ? { log: opts.log } : {}),
      })
    : undefined;
  const journal = opened?.journal;
  const server = new FirestoreServer(
    journal ? { beforeCommitResponse: (documents) => journal.append(documents.map(toEntry)) } : {},
  );
  const { state } = server;
  // Without patches/ (e.g. `npm ci --ignore-scripts`) the emulator silently merges on set(),
  // ignores transactions, etc.: refuse to run rather than give misleading results.
  if (typeof state.nextCommitDate !== "function") {
    throw new Error("@firestore-emulator/server is not patched: run `npx patch-package`.");
  }
  if (opened) {
    // Replay before any client connects. writeV1Document keeps int vs double (the client would
    // turn 2.0 into 2); create/update times are not restored.
    const date = state.nextCommitDate();
    for (const { name, fields } of opened.documents) {
      state.writeV1Document(date, Write.fromObject({ update: { name, fields } }));
    }
  }
  const port = await server.start(0, "127.0.0.1");

  return {
    host: `127.0.0.1:${port}`,
    flush: async () => journal?.flush(),
    stop: async () => {
      server.stop();
      await journal?.close();
    },
  };
}

/** The document as this commit left it (called before anything else can change it). */
function toEntry(document: FirestoreStateDocument): JournalEntry {
  const name = document.getPath();
  if (!document.metadata.hasExist) return { name, deleted: true };
  const fields: Record<string, object> = {};
  for (const [key, field] of Object.entries(document.fields)) fields[key] = field.toV1ValueObject();
  return { name, fields };
}
