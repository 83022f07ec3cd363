// firestore.rules, proven on Google's Firestore emulator (the only engine that enforces rules).
// Only the functions read and write, with the server SDK under their service account, which rules
// do not apply to; no client SDK may touch anything, signed in or not, member or not, since raw
// figures of one municipality must never reach another. This starts its own emulator with the
// rules file, signs users in with emulator-mode (unsigned) ID tokens and tries every kind of read
// and write on every path the product uses. A control project with permissive rules shows that the
// same clients are otherwise served, so the denials do come from firestore.rules.
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { Firestore as ServerFirestore } from "@google-cloud/firestore";
import { deleteApp, type FirebaseApp, initializeApp } from "firebase/app";
import {
  collection,
  collectionGroup,
  connectFirestoreEmulator,
  deleteDoc,
  doc,
  type Firestore,
  getCountFromServer,
  getDoc,
  getDocs,
  getFirestore,
  onSnapshot,
  type Query,
  query,
  runTransaction,
  setDoc,
  setLogLevel,
  type Unsubscribe,
  updateDoc,
  where,
  writeBatch,
} from "firebase/firestore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GOOGLE_FIRESTORE_EMULATOR,
  type GoogleFirestoreEmulator,
  googleFirestoreEmulatorInstalled,
  startGoogleFirestoreEmulator,
} from "../../scripts/local/google-firestore-emulator.ts";

const RULES = resolve(import.meta.dirname, "../../firestore.rules");
// The sweeps make about 200 denied requests; a denied write costs the client SDK 0.1–0.5 s (its
// write stream is closed and reopened), so on a busy machine they need more than the default.
const SWEEP_TIMEOUT_MS = 180_000;
const installed = googleFirestoreEmulatorInstalled();

if (!installed) {
  it.skip(`firestore.rules not proven: Google's Firestore emulator is not installed (${GOOGLE_FIRESTORE_EMULATOR}); it is the only engine that enforces rules`, () => {});
}

// Every document path of the product (functions/src/store/paths.ts), seeded by the server SDK.
const network = "poli-net";
const municipality = `networks/${network}/municipalities/015182`;
const seeded: Record<string, Record<string, unknown>> = {
  "members/staff@rho.test": { role: "staff", network, municipality: "015182" },
  "members/coordinatore@poli-net.test": { role: "coordinator", network },
  [`networks/${network}`]: { name: "POLI-NET", lockDays: 60 },
  [municipality]: { name: "Rho", province: "MI", population: 51_000 },
  [`${municipality}/months/2026-10`]: { revision: 1, procedures: [{ code: "ANA-01", total: 120 }] },
  [`${municipality}/months/2026-10/revisions/000001`]: { revision: 1 },
  [`networks/${network}/summaryYears/2026/summaries/015182`]: { months: { "2026-10": { n: 1 } } },
  [`networks/${network}/periodIndicators/2026-10`]: { version: "abc" },
  [`networks/${network}/periodIndicators/2026-10/chunks/abc-0`]: { data: "gzip" },
  [`networks/${network}/runs/run-1`]: { done: true },
};
const collections = [
  "members",
  "networks",
  `networks/${network}/municipalities`,
  `${municipality}/months`,
  `${municipality}/months/2026-10/revisions`,
  `networks/${network}/summaryYears/2026/summaries`,
  `networks/${network}/periodIndicators`,
  `networks/${network}/periodIndicators/2026-10/chunks`,
  `networks/${network}/runs`,
];
const groups = ["months", "revisions", "summaries", "chunks", "municipalities"];

// Who tries: emulator-mode ID tokens carry the claims rules could look at (uid, verified e-mail).
const users = {
  staff: { sub: "uid-staff", email: "staff@rho.test", email_verified: true },
  coordinator: { sub: "uid-coord", email: "coordinatore@poli-net.test", email_verified: true },
  stranger: { sub: "uid-stranger", email: "someone@example.com", email_verified: true },
  anonymous: undefined,
} as const;
type User = keyof typeof users;

let emulator: GoogleFirestoreEmulator;
let server: ServerFirestore;
let projectId: string;
const apps: FirebaseApp[] = [];

/** A client SDK instance (as a web page would have it) signed in as `user`. */
function clientAs(user: User, project = projectId): Firestore {
  const app = initializeApp({ projectId: project }, `${user}-${project}-${apps.length}`);
  apps.push(app);
  const db = getFirestore(app);
  const [host, port] = emulator.host.split(":") as [string, string];
  const token = users[user];
  connectFirestoreEmulator(db, host, Number(port), token ? { mockUserToken: token } : {});
  return db;
}

/** The error code of an attempt: "ok" when it was allowed. */
const codeOf = (attempt: Promise<unknown>) =>
  attempt.then(
    () => "ok",
    (err: { code?: string }) => err.code ?? String(err),
  );

describe.runIf(installed)("firestore.rules on Google's Firestore emulator", () => {
  beforeAll(async () => {
    // The client SDK logs every denied RPC; the assertions say what matters.
    setLogLevel("silent");
    emulator = await startGoogleFirestoreEmulator({ rules: RULES });
    projectId = `rules-${randomUUID().slice(0, 8)}`;
    // ssl: false makes the server SDK send the emulator's admin credentials ("Bearer owner"),
    // which bypass rules like the functions' service account does in production.
    server = new ServerFirestore({
      projectId,
      host: emulator.host,
      ssl: false,
      universeDomain: "googleapis.com",
    });
    const batch = server.batch();
    for (const [path, data] of Object.entries(seeded)) batch.set(server.doc(path), data);
    await batch.commit();
  });

  afterAll(async () => {
    try {
      await Promise.allSettled(apps.map((app) => deleteApp(app)));
      await server?.terminate();
    } finally {
      // Whatever happened to the clients, leave no emulator behind.
      await emulator?.stop();
    }
  });

  const everyUser = Object.keys(users) as User[];

  it(
    "denies get, set, set merge, update and delete of every document, to every client",
    async () => {
      const attempts = await Promise.all(
        everyUser.map(async (user) => {
          const db = clientAs(user);
          const results: string[] = [];
          for (const path of Object.keys(seeded)) {
            const ref = doc(db, path);
            const ops: Record<string, () => Promise<unknown>> = {
              get: () => getDoc(ref),
              set: () => setDoc(ref, { role: "coordinator" }),
              "set merge": () => setDoc(ref, { role: "coordinator" }, { merge: true }),
              update: () => updateDoc(ref, { role: "coordinator" }),
              delete: () => deleteDoc(ref),
            };
            for (const [op, run] of Object.entries(ops)) {
              results.push(`${user} ${op} ${path}: ${await codeOf(run())}`);
            }
          }
          // A new document anywhere: a member enrolling itself, a month of its own municipality.
          for (const path of ["members/new@example.com", `${municipality}/months/2026-11`]) {
            results.push(
              `${user} create ${path}: ${await codeOf(setDoc(doc(db, path), { a: 1 }))}`,
            );
          }
          return results;
        }),
      );
      const results = attempts.flat();
      expect(results).toHaveLength(everyUser.length * (Object.keys(seeded).length * 5 + 2));
      expect(results.filter((r) => !r.endsWith(": permission-denied"))).toEqual([]);
    },
    SWEEP_TIMEOUT_MS,
  );

  it(
    "denies collections, queries, collection groups and counts, to every client",
    async () => {
      const attempts = await Promise.all(
        everyUser.map(async (user) => {
          const db = clientAs(user);
          const queries: [string, Query][] = [
            ...collections.map((path) => [path, collection(db, path)] as [string, Query]),
            ...groups.map((id) => [`group ${id}`, collectionGroup(db, id)] as [string, Query]),
            [
              "members where municipality",
              query(collection(db, "members"), where("municipality", "==", "015182")),
            ],
          ];
          const results: string[] = [];
          for (const [name, q] of queries) {
            results.push(`${user} list ${name}: ${await codeOf(getDocs(q))}`);
            results.push(`${user} count ${name}: ${await codeOf(getCountFromServer(q))}`);
          }
          return results;
        }),
      );
      const results = attempts.flat();
      expect(results).toHaveLength(everyUser.length * (collections.length + groups.length + 1) * 2);
      expect(results.filter((r) => !r.endsWith(": permission-denied"))).toEqual([]);
    },
    SWEEP_TIMEOUT_MS,
  );

  it("denies listeners on documents and queries", async () => {
    const db = clientAs("staff");
    // Resolves with "ok" on a first snapshot, or with the listener's error code.
    const listen = (
      subscribe: (next: () => void, error: (err: { code: string }) => void) => Unsubscribe,
    ) =>
      new Promise<string>((settle) => {
        const stop = subscribe(
          () => {
            stop();
            settle("ok");
          },
          (err) => settle(err.code),
        );
      });
    const month = doc(db, `${municipality}/months/2026-10`);
    expect(await listen((next, error) => onSnapshot(month, next, error))).toBe("permission-denied");
    const months = collection(db, `${municipality}/months`);
    expect(await listen((next, error) => onSnapshot(months, next, error))).toBe(
      "permission-denied",
    );
    const summaries = collectionGroup(db, "summaries");
    expect(await listen((next, error) => onSnapshot(summaries, next, error))).toBe(
      "permission-denied",
    );
  });

  it("denies batches and transactions", async () => {
    const db = clientAs("coordinator");
    const batch = writeBatch(db);
    batch.set(doc(db, `${municipality}/months/2026-12`), { revision: 1 });
    batch.update(doc(db, `networks/${network}`), { lockDays: 0 });
    expect(await codeOf(batch.commit())).toBe("permission-denied");
    const transaction = runTransaction(db, async (tx) => {
      const snap = await tx.get(doc(db, `networks/${network}`));
      tx.update(doc(db, `networks/${network}`), { lockDays: (snap.get("lockDays") ?? 0) + 1 });
    });
    expect(await codeOf(transaction)).toBe("permission-denied");
    const blindWrite = runTransaction(db, async (tx) => {
      tx.set(doc(db, "members/intruder@example.com"), { role: "coordinator", network });
    });
    expect(await codeOf(blindWrite)).toBe("permission-denied");
  });

  it("the server SDK (admin, as the functions use) still reads and writes, and no client write landed", async () => {
    for (const [path, data] of Object.entries(seeded)) {
      expect((await server.doc(path).get()).data(), path).toEqual(data);
    }
    for (const path of [
      "members/new@example.com",
      "members/intruder@example.com",
      `${municipality}/months/2026-11`,
      `${municipality}/months/2026-12`,
    ]) {
      expect((await server.doc(path).get()).exists, path).toBe(false);
    }
    const month = server.doc(`${municipality}/months/2026-11`);
    await month.create({ revision: 1 });
    await month.update({ revision: 2 });
    expect((await month.get()).data()).toEqual({ revision: 2 });
    expect((await server.collectionGroup("months").get()).size).toBe(2);
    await month.delete();
    expect((await month.get()).exists).toBe(false);
  });

  it("control: with permissive rules the same clients are served (the denials come from firestore.rules)", async () => {
    const permissive = `permissive-${randomUUID().slice(0, 8)}`;
    const response = await fetch(
      `http://${emulator.host}/emulator/v1/projects/${permissive}:securityRules`,
      {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          rules: {
            files: [
              {
                name: "permissive.rules",
                content:
                  "rules_version = '2';\nservice cloud.firestore { match /databases/{d}/documents { match /{doc=**} { allow read, write: if request.auth.token.email_verified == true; } } }",
              },
            ],
          },
        }),
      },
    );
    expect(response.status).toBe(200);
    const staff = clientAs("staff", permissive);
    const ref = doc(staff, `${municipality}/months/2026-10`);
    expect(await codeOf(setDoc(ref, { revision: 1 }))).toBe("ok");
    expect((await getDoc(ref)).data()).toEqual({ revision: 1 });
    expect(await codeOf(getDocs(collectionGroup(staff, "months")))).toBe("ok");
    // The anonymous client has no token: even these rules refuse it.
    const anonymous = clientAs("anonymous", permissive);
    expect(await codeOf(getDoc(doc(anonymous, `${municipality}/months/2026-10`)))).toBe(
      "permission-denied",
    );
  });
});
