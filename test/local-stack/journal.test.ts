// The local Firestore's journal: what a crash leaves behind is read back as it should be.
// A "crash" here is a copy of the data directory taken while the store runs (nothing flushed,
// nothing compacted): exactly the files a killed process leaves.
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Firestore } from "@google-cloud/firestore";
import { afterAll, describe, expect, it } from "vitest";
import { startLocalFirestore } from "../../scripts/local-firestore.js";

const root = mkdtempSync(join(tmpdir(), "polinet-journal-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const newDir = () => join(root, `d${dirs++}`);

async function open(dataDir: string, extra: { compactEntries?: number } = {}) {
  const logged: string[] = [];
  const local = await startLocalFirestore({ dataDir, log: (line) => logged.push(line), ...extra });
  const db = new Firestore({
    projectId: "journal-test",
    host: local.host,
    ssl: false,
    universeDomain: "googleapis.com",
  });
  return {
    local,
    db,
    logged,
    async close() {
      await db.terminate();
      await local.stop();
    },
  };
}

/** The files a crash at this instant would leave. */
function crashCopy(dataDir: string): string {
  const copy = newDir();
  cpSync(dataDir, copy, { recursive: true });
  return copy;
}

const journals = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".jsonl"));
const onlyJournal = (dir: string) => {
  const [file, ...others] = journals(dir);
  expect(others).toEqual([]);
  return join(dir, file ?? "");
};

describe.skipIf(process.env.FIRESTORE_EMULATOR_HOST)("the local Firestore journal", () => {
  it("has an acknowledged commit on disk before the client gets its answer", async () => {
    const dir = newDir();
    const store = await open(dir);
    try {
      await store.db.doc("sportelli/a").set({ visits: 1 });
      const batch = store.db.batch();
      batch.set(store.db.doc("sportelli/b"), { visits: 2 });
      batch.delete(store.db.doc("sportelli/a"));
      await batch.commit();
      // One line per commit, holding what each document became.
      const lines = readFileSync(onlyJournal(dir), "utf8").trimEnd().split("\n");
      expect(lines.map((line) => JSON.parse(line))).toEqual([
        {
          commit: [
            {
              name: "projects/journal-test/databases/(default)/documents/sportelli/a",
              fields: { visits: { integer_value: 1 } },
            },
          ],
        },
        {
          commit: [
            {
              name: "projects/journal-test/databases/(default)/documents/sportelli/b",
              fields: { visits: { integer_value: 2 } },
            },
            {
              name: "projects/journal-test/databases/(default)/documents/sportelli/a",
              deleted: true,
            },
          ],
        },
      ]);
    } finally {
      await store.close();
    }
  });

  it("ignores a torn last line, says so, and appends after it", async () => {
    const dir = newDir();
    const store = await open(dir);
    await store.db.doc("sportelli/a").set({ version: 1 });
    await store.db.doc("sportelli/a").set({ version: 2 });
    const crashed = crashCopy(dir);
    await store.close();

    // The second commit's line was being written when the process died.
    const journal = onlyJournal(crashed);
    const text = readFileSync(journal, "utf8");
    const secondLine = text.indexOf("\n") + 1;
    truncateSync(journal, secondLine + 20);
    const recovered = await open(crashed);
    expect(recovered.logged.join("\n")).toMatch(/unreadable last line \(20 bytes\)/);
    expect((await recovered.db.doc("sportelli/a").get()).data()).toEqual({ version: 1 });
    // The torn bytes are gone: the next line starts on a line of its own.
    await recovered.db.doc("sportelli/a").set({ version: 3 });
    const again = crashCopy(crashed);
    await recovered.close();
    const reopened = await open(again);
    try {
      expect(reopened.logged).toEqual([]);
      expect((await reopened.db.doc("sportelli/a").get()).data()).toEqual({ version: 3 });
    } finally {
      await reopened.close();
    }
  });

  it("ignores trailing zeros after the last line, as a crash can leave them", async () => {
    const dir = newDir();
    const store = await open(dir);
    await store.db.doc("sportelli/a").set({ version: 1 });
    const crashed = crashCopy(dir);
    await store.close();
    appendFileSync(onlyJournal(crashed), Buffer.alloc(4096));
    const recovered = await open(crashed);
    try {
      expect(recovered.logged.join("\n")).toMatch(/unreadable last line \(4096 bytes\)/);
      expect((await recovered.db.doc("sportelli/a").get()).data()).toEqual({ version: 1 });
    } finally {
      await recovered.close();
    }
  });

  it("refuses to start when a line before the last is unreadable", async () => {
    const dir = newDir();
    const store = await open(dir);
    await store.db.doc("sportelli/a").set({ version: 1 });
    await store.db.doc("sportelli/a").set({ version: 2 });
    const crashed = crashCopy(dir);
    await store.close();
    const journal = onlyJournal(crashed);
    const [first = "", ...rest] = readFileSync(journal, "utf8").split("\n");
    writeFileSync(journal, [first.slice(0, -5), ...rest].join("\n"));
    await expect(startLocalFirestore({ dataDir: crashed, log: () => {} })).rejects.toThrow(
      /corrupt: .*firestore-journal-0\.jsonl, line 1 is unreadable/,
    );
  });

  it("reads a data directory saved before the journal existed (a snapshot alone)", async () => {
    const dir = newDir();
    mkdirSync(dir);
    const name = "projects/journal-test/databases/(default)/documents/sportelli/a";
    writeFileSync(
      join(dir, "firestore.json"),
      `{"documents":[\n${JSON.stringify({ name, fields: { v: { double_value: 2 } } })}\n]}\n`,
    );
    const store = await open(dir);
    try {
      expect((await store.db.doc("sportelli/a").get()).data()).toEqual({ v: 2 });
      await store.db.doc("sportelli/b").set({ v: 3 });
    } finally {
      await store.close();
    }
    const reopened = await open(dir);
    try {
      const ids = (await reopened.db.collection("sportelli").get()).docs.map((d) => d.id);
      expect(ids).toEqual(["a", "b"]);
    } finally {
      await reopened.close();
    }
  });

  it("compacts into snapshots as it goes, and a crash at any of those points loses nothing", async () => {
    const dir = newDir();
    const store = await open(dir, { compactEntries: 5 });
    const crashes: { copy: string; written: number }[] = [];
    try {
      for (let i = 0; i < 23; i++) {
        await store.db.doc(`sportelli/s${i}`).set({ i });
        // Crash copies between commits, wherever the background snapshot has got to.
        if (i % 4 === 3) crashes.push({ copy: crashCopyStable(dir), written: i + 1 });
      }
      // 23 commits, a new journal every 5: generation 4 at least, whether or not its snapshot is done.
      const generations = journals(dir).map((f) => Number(/(\d+)/.exec(f)?.[1]));
      expect(Math.max(...generations)).toBeGreaterThanOrEqual(4);
    } finally {
      await store.close();
    }
    // A clean stop leaves one snapshot holding everything and one empty journal.
    expect(journals(dir).map((f) => readFileSync(join(dir, f), "utf8"))).toEqual([""]);
    const snapshot = JSON.parse(readFileSync(join(dir, "firestore.json"), "utf8"));
    expect(snapshot.documents).toHaveLength(23);

    for (const { copy, written } of [...crashes, { copy: dir, written: 23 }]) {
      const recovered = await open(copy);
      try {
        const ids = (await recovered.db.collection("sportelli").get()).docs.map((d) => d.id);
        expect(ids.length).toBe(written);
      } finally {
        await recovered.close();
      }
    }
  });
});

/**
 * A crash copy while a snapshot may be in progress: copy until two successive listings agree,
 * so that a file removed mid-copy (an old journal, once its snapshot is in place) is not half there.
 */
function crashCopyStable(dir: string): string {
  for (;;) {
    const before = readdirSync(dir).sort().join();
    try {
      const copy = crashCopy(dir);
      if (readdirSync(dir).sort().join() === before) return copy;
    } catch {
      // A file vanished during the copy: try again.
    }
  }
}
