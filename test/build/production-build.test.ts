import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFirestore, LAZY_PACKAGES } from "../../functions/src/store/firestore.js";
import { createStores } from "../../functions/src/store/stores.js";
import { type LocalFirestore, startLocalFirestore } from "../../scripts/local-firestore.js";
import { type RawResponse, rawRequest } from "../api/raw-http.js";
import { installedCopy, npmRunBuild, type ServedFunction, serveBuilt } from "./built-functions.js";

/**
 * `npm run build`, then its output deployed as Cloud Run functions would run it: dependencies
 * installed from the built package-lock.json alone (offline), the framework's CLI started with npx
 * in that folder, a local Firestore behind FIRESTORE_EMULATOR_HOST. Nothing from the repository's
 * node_modules, tsx or patches/ is involved.
 */
const ROOT = resolve(import.meta.dirname, "../..");
const BUILT = join(ROOT, "dist/functions");
const PROJECT = "poli-net-build-test";
const rootManifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const rootLock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8"));

let firestore: LocalFirestore;
let deployed: string;
let api: ServedFunction;
let job: ServedFunction;

beforeAll(async () => {
  await npmRunBuild(ROOT);
  [firestore, deployed] = await Promise.all([startLocalFirestore(), installedCopy(BUILT)]);
  const env = {
    GOOGLE_CLOUD_PROJECT: PROJECT,
    FIRESTORE_EMULATOR_HOST: firestore.host,
    POLINET_AUDIENCES: "1234567890-addon.apps.googleusercontent.com",
  };
  [api, job] = await Promise.all([
    serveBuilt(deployed, "api", "http", env),
    serveBuilt(deployed, "monthlyRecompute", "cloudevent", env),
  ]);
}, 300_000);

afterAll(async () => {
  await Promise.all([api?.stop(), job?.stop()]);
  await firestore?.stop();
  if (deployed) rmSync(deployed, { recursive: true, force: true });
});

function expectError(response: RawResponse, status: number, code: string) {
  expect(response.status, response.text).toBe(status);
  expect(response.headers["content-type"]).toMatch(/^application\/json/);
  expect(response.json?.error?.code, response.text).toBe(code);
  expect(response.text).not.toMatch(/<html|<pre|\bat \S.*:\d+:\d+|\/node_modules\//i);
}

/** Every package the bundle loads: static imports, re-exports, import() and require(). */
function bundleImports(code: string): Set<string> {
  const specifiers = [
    ...code.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)"/gm),
    ...code.matchAll(/^\s*import\s*"([^"]+)"/gm),
    ...code.matchAll(/\b(?:import|require)\(\s*"([^"]+)"\s*\)/g),
  ].map((match) => match[1] as string);
  return new Set(specifiers);
}

describe("npm run build", () => {
  const manifest = () => JSON.parse(readFileSync(join(BUILT, "package.json"), "utf8"));

  it("yields the deployable folder and nothing else", () => {
    expect(readdirSync(BUILT).sort()).toEqual([
      ".gcloudignore",
      "index.js",
      "index.js.map",
      "package-lock.json",
      "package.json",
    ]);
    expect(readFileSync(join(BUILT, ".gcloudignore"), "utf8")).toMatch(/^node_modules\/$/m);
  });

  it("writes a package.json with production dependencies at the root lock's versions, no scripts", () => {
    const built = manifest();
    expect(built).toMatchObject({ type: "module", main: "index.js", engines: { node: ">=22" } });
    expect(built.scripts).toBeUndefined();
    expect(built.devDependencies).toBeUndefined();
    expect(Object.keys(built.dependencies)).toContain("@google-cloud/functions-framework");
    for (const [name, version] of Object.entries(built.dependencies)) {
      expect(rootManifest.dependencies[name], name).toBeDefined();
      expect(version, name).toBe(rootLock.packages[`node_modules/${name}`].version);
    }
    for (const file of ["package.json", "package-lock.json", "index.js"]) {
      expect(readFileSync(join(BUILT, file), "utf8"), file).not.toMatch(/patch-package/);
    }
  });

  it("has a bundle whose every import is a Node built-in or a dependency of that package.json", () => {
    const imports = bundleImports(readFileSync(join(BUILT, "index.js"), "utf8"));
    const dependencies = Object.keys(manifest().dependencies);
    expect(imports.size).toBeGreaterThan(0);
    for (const specifier of imports) {
      if (specifier.startsWith("node:")) continue;
      expect(specifier, "no file outside the bundle").not.toMatch(/^[./]/);
      const name = specifier
        .split("/")
        .slice(0, specifier.startsWith("@") ? 2 : 1)
        .join("/");
      expect(dependencies, specifier).toContain(name);
    }
    // Everything declared is used: a dependency the bundle drops is dropped from the deploy too.
    // The lazily required packages are loaded at run time (the job tests below use them).
    const used = [...imports, ...LAZY_PACKAGES].map((s) =>
      s
        .split("/")
        .slice(0, s.startsWith("@") ? 2 : 1)
        .join("/"),
    );
    for (const name of dependencies) expect(used, name).toContain(name);
  });

  it("installs offline from its own lock, with no devDependency in node_modules", () => {
    for (const name of Object.keys(rootManifest.devDependencies)) {
      if (rootLock.packages[`node_modules/${name}`]?.dev) {
        expect(existsSync(join(deployed, "node_modules", name)), name).toBe(false);
      }
    }
    expect(existsSync(join(deployed, "node_modules/patch-package"))).toBe(false);
    expect(existsSync(join(deployed, "node_modules/.bin/functions-framework"))).toBe(true);
  });
});

describe("the built api under `npx functions-framework --target=api`", () => {
  const month = "/v1/municipalities/015182/months/2026-01";
  const bearer = { authorization: "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln" };

  it("answers the health check", async () => {
    const health = await rawRequest(api.url, "/healthz");
    expect(health.status, health.text).toBe(200);
    expect(health.json).toEqual({ status: "ok" });
  });

  it("answers a request without a token 401 in our JSON shape", async () => {
    const response = await rawRequest(api.url, month, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: Buffer.from('{"procedures":[]}'),
    });
    expectError(response, 401, "unauthenticated");
  });

  it("answers malformed JSON with a bearer in our JSON shape, never body-parser's HTML", async () => {
    // Without the request guard, body-parser answers this before any route with an HTML 400.
    const response = await rawRequest(api.url, "/v1/me", {
      method: "POST",
      headers: { ...bearer, "content-type": "application/json" },
      body: Buffer.from('{"procedures": ['),
    });
    expectError(response, 405, "method_not_allowed");
    const latin1 = await rawRequest(api.url, month, {
      method: "PUT",
      headers: { ...bearer, "content-type": "application/json; charset=latin1" },
      body: Buffer.from('{"procedures": [', "latin1"),
    });
    expectError(latin1, 415, "unsupported_media_type");
  });
});

describe("the built job under `npx functions-framework --target=monthlyRecompute`", () => {
  /** A Pub/Sub message as Cloud Scheduler publishes it, as a binary-mode CloudEvent. */
  const deliver = (id: string) =>
    rawRequest(job.url, "/", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "ce-id": id,
        "ce-specversion": "1.0",
        "ce-type": "google.cloud.pubsub.topic.v1.messagePublished",
        "ce-source": `//pubsub.googleapis.com/projects/${PROJECT}/topics/monthly-recompute`,
        "ce-time": "2026-02-01T04:00:00Z",
      },
      body: Buffer.from(
        JSON.stringify({
          message: { data: Buffer.from("monthly").toString("base64"), messageId: id },
        }),
      ),
    });

  it("runs on an empty Firestore (no networks) and answers 2xx", async () => {
    const response = await deliver("build-empty");
    expect(response.status, response.text).toBeGreaterThanOrEqual(200);
    expect(response.status, job.output()).toBeLessThan(300);
  });

  it("recomputes a network through the installed Firestore client and records the run", async () => {
    const db = createFirestore({ projectId: PROJECT, emulatorHost: firestore.host });
    try {
      await createStores(db).networks.ensure("poli-net");
      const response = await deliver("build-1");
      expect(response.status, job.output()).toBeLessThan(300);
      const run = (await db.doc("networks/poli-net/runs/build-1").get()).data();
      expect(run, job.output()).toMatchObject({ status: "done", month: "2026-01", errors: [] });
    } finally {
      await db.terminate();
    }
  });

  it("answers a malformed event in our JSON shape", async () => {
    const response = await rawRequest(job.url, "/", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: Buffer.from("{"),
    });
    expectError(response, 400, "invalid_argument");
  });
});
