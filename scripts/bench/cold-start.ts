/**
 * Cold start of the production functions, figures only. Each run is a fresh `node` process:
 *   - entry: loads the Functions Framework, imports the built entry (`dist/functions/index.js`)
 *     as its runner does, then serves the first requests: `GET /healthz` and a refused
 *     `GET /v1/me` (neither needs storage), and says whether the Firestore client got loaded;
 *   - client: builds the Firestore client with `createFirestore` and reads one document from a
 *     local emulator, over gRPC and, where the emulator speaks it, over REST
 *     (FIRESTORE_PREFER_REST=true, which the client reads).
 *
 *   tsx scripts/bench/cold-start.ts [runs] [entry.js …]   (default: builds and measures dist/)
 * Giving entries compares builds, e.g. one of an older commit against this one.
 */
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { startLocalFirestore } from "../local-firestore.js";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const ENTRY = resolve(ROOT, "dist/functions/index.js");
const CLIENT = resolve(ROOT, "dist/bench/firestore-client.js");

/**
 * What one fresh process reports. The Functions Framework loads first, as its runner does before
 * it imports our module; every figure after that counts from the start of our import.
 */
const ENTRY_PROBE = `
import { createRequire } from "node:module";
import { request } from "node:http";
const get = (url, headers = {}) => new Promise((done, fail) =>
  request(url, { headers }, (res) => { res.resume(); res.on("end", () => done(res.statusCode)); })
    .on("error", fail).end());
const { getTestServer } = await import("@google-cloud/functions-framework/testing");
await import("@google-cloud/functions-framework");
const started = performance.now();
await import(process.env.COLD_ENTRY);
const importMs = performance.now() - started;
const server = getTestServer("api");
await new Promise((done) => server.listen(0, "127.0.0.1", done));
const url = "http://127.0.0.1:" + server.address().port;
const health = await get(url + "/healthz");
const healthMs = performance.now() - started;
const refused = await get(url + "/v1/me", { authorization: "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln" });
const refusedMs = performance.now() - started;
const cache = createRequire(process.env.COLD_ENTRY).cache;
const firestoreLoaded = Object.keys(cache).some((p) => p.includes("@google-cloud/firestore/"));
console.log(JSON.stringify({ frameworkMs: started, importMs, health, healthMs, refused, refusedMs,
  firestoreLoaded }));
server.close();
`;

const CLIENT_PROBE = `
const { createFirestore } = await import(process.env.COLD_CLIENT);
const started = performance.now();
const db = createFirestore({ projectId: "cold-start", emulatorHost: process.env.COLD_EMULATOR });
const built = performance.now();
await db.getAll(db.doc("coldStart/probe"));
const first = performance.now();
await db.getAll(db.doc("coldStart/probe"));
const second = performance.now();
console.log(JSON.stringify({ buildMs: built - started, firstReadMs: first - built,
  secondReadMs: second - first }));
await db.terminate();
`;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const spread = (values: number[]) =>
  `${median(values).toFixed(0)} (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;

async function probe<T>(script: string, env: Record<string, string>): Promise<T> {
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
    cwd: ROOT,
    env: { ...process.env, POLINET_AUDIENCES: "", ...env },
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as T;
}

interface EntryFigures {
  frameworkMs: number;
  importMs: number;
  health: number;
  healthMs: number;
  refused: number;
  refusedMs: number;
  firestoreLoaded: boolean;
}

/** Runs every probe `runs` times and prints one line per case; returns nothing but figures. */
export async function coldStart(
  runs: number,
  log: (line: string) => void,
  entries: string[] = [],
): Promise<void> {
  if (entries.length === 0) {
    await run(process.execPath, ["--import", "tsx", "scripts/build.ts"], { cwd: ROOT });
    entries.push(ENTRY);
  }
  log(
    "entry | node + Functions Framework ms | entry import ms | → first /healthz answered | → first refused call answered | Firestore client loaded",
  );
  // Builds interleaved, run by run: on a busy machine each sees the same weather.
  const figuresOf = entries.map(() => [] as EntryFigures[]);
  for (let i = 0; i < runs; i++)
    for (const [e, entry] of entries.entries())
      figuresOf[e]?.push(
        await probe<EntryFigures>(ENTRY_PROBE, { COLD_ENTRY: pathToFileURL(entry).href }),
      );
  for (const [e, entry] of entries.entries()) {
    const figures = figuresOf[e] ?? [];
    const bad = figures.find((f) => f.health !== 200 || f.refused !== 401);
    if (bad) log(`  (unexpected answers: /healthz ${bad.health}, /v1/me ${bad.refused})`);
    log(
      [
        entry.replace(`${ROOT}/`, ""),
        spread(figures.map((f) => f.frameworkMs)),
        spread(figures.map((f) => f.importMs)),
        spread(figures.map((f) => f.healthMs)),
        spread(figures.map((f) => f.refusedMs)),
        figures.every((f) => f.firestoreLoaded)
          ? "yes"
          : figures.some((f) => f.firestoreLoaded)
            ? "sometimes"
            : "no",
      ].join(" | "),
    );
  }

  await build({
    entryPoints: [resolve(ROOT, "functions/src/store/firestore.ts")],
    outfile: CLIENT,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "warning",
  });
  const external = process.env.FIRESTORE_EMULATOR_HOST;
  const local = external ? undefined : await startLocalFirestore();
  const emulator = external ?? (local?.host as string);
  try {
    log(
      `\nFirestore client in a fresh process, against ${external ? `the emulator at ${external}` : "the embedded emulator"}`,
    );
    log("transport | build client ms | first read ms | second read ms");
    for (const transport of ["gRPC", "REST"] as const) {
      if (transport === "REST" && local) {
        log("REST | – | – | – (the embedded emulator serves gRPC only: no answer)");
        continue;
      }
      const figures: { buildMs: number; firstReadMs: number; secondReadMs: number }[] = [];
      for (let i = 0; i < runs; i++)
        figures.push(
          await probe(CLIENT_PROBE, {
            COLD_CLIENT: pathToFileURL(CLIENT).href,
            COLD_EMULATOR: emulator,
            FIRESTORE_PREFER_REST: transport === "REST" ? "true" : "false",
          }),
        );
      log(
        [
          transport,
          spread(figures.map((f) => f.buildMs)),
          spread(figures.map((f) => f.firstReadMs)),
          spread(figures.map((f) => f.secondReadMs)),
        ].join(" | "),
      );
    }
  } finally {
    await local?.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [runs, ...entries] = process.argv.slice(2);
  console.log(`Cold start, Node ${process.version}: median (min–max) of fresh processes`);
  await coldStart(
    Number(runs ?? 7),
    (line) => console.log(line),
    entries.map((e) => resolve(e)),
  );
}
