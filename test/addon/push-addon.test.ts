/**
 * `npm run push:addon` refuses what would give a broken add-on (missing or placeholder values,
 * http, a project number instead of a client ID, a build folder that is the project itself)
 * before building or pushing, and otherwise builds into .clasp.json's rootDir and runs
 * `clasp push --force`. Google is never called: a fake `clasp` first on PATH records its call.
 */
import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { PLACEHOLDER_API_URL, PLACEHOLDER_AUDIENCE } from "../../scripts/addon/build-addon.js";

const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");
const PUSH = join(ROOT, "scripts/addon/push-addon.ts");
const CLIENT_ID = "123456789012-a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6.apps.googleusercontent.com";

interface Pushed {
  code: number;
  stdout: string;
  stderr: string;
  /** What the fake clasp was called with ("<cwd> | <args>"), one line per call. */
  claspCalls: string[];
  project: string;
}

/** Runs the push script in a project folder of its own with the given .clasp.json and variables. */
async function push(
  clasp: Record<string, string>,
  variables: Record<string, string>,
): Promise<Pushed> {
  const project = mkdtempSync(join(tmpdir(), "polinet-push-"));
  writeFileSync(join(project, ".clasp.json"), JSON.stringify(clasp));
  const bin = mkdtempSync(join(tmpdir(), "polinet-fake-clasp-"));
  const log = join(bin, "calls.log");
  writeFileSync(join(bin, "clasp"), `#!/bin/sh\necho "$PWD | $*" >> "${log}"\n`);
  chmodSync(join(bin, "clasp"), 0o755);
  const env: NodeJS.ProcessEnv = { PATH: `${bin}${delimiter}${process.env.PATH}`, ...variables };
  let code = 0;
  let stdout = "";
  let stderr = "";
  try {
    ({ stdout, stderr } = await promisify(execFile)(TSX, [PUSH], { cwd: project, env }));
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    ({ code, stdout, stderr } = failed);
  }
  const claspCalls = existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : [];
  return { code, stdout, stderr, claspCalls, project };
}

const PROJECT = { scriptId: "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", rootDir: "build" };

describe("npm run push:addon", () => {
  it("refuses to run without POLINET_API_URL and POLINET_AUDIENCE", async () => {
    const run = await push(PROJECT, {});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Set POLINET_API_URL");
    expect(run.stderr).toContain("Set POLINET_AUDIENCE");
    expect(run.claspCalls).toEqual([]);
    expect(existsSync(join(run.project, "build"))).toBe(false);
  });

  it("refuses the placeholders of the URL, the audience and the script ID, all in one report", async () => {
    const run = await push(
      { ...PROJECT, scriptId: "REPLACE_WITH_THE_ADD_ON_SCRIPT_ID" },
      { POLINET_API_URL: PLACEHOLDER_API_URL, POLINET_AUDIENCE: PLACEHOLDER_AUDIENCE },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("POLINET_API_URL is the placeholder");
    expect(run.stderr).toContain("POLINET_AUDIENCE is the placeholder");
    expect(run.stderr).toContain("Set scriptId in .clasp.json");
    expect(run.claspCalls).toEqual([]);
  });

  it("refuses http, a project number given as the audience, and a build folder that is the project", async () => {
    const run = await push(
      { ...PROJECT, rootDir: "." },
      { POLINET_API_URL: "http://api.example.org/", POLINET_AUDIENCE: "123456789012" },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("POLINET_API_URL must be an https URL");
    expect(run.stderr).toContain("is not an OAuth client ID");
    expect(run.stderr).toContain("rootDir in .clasp.json must be a folder inside");
    expect(run.claspCalls).toEqual([]);
    expect(existsSync(join(run.project, ".clasp.json"))).toBe(true);
  });

  it("bakes both values, says the client ID must be in POLINET_AUDIENCES, then runs clasp push --force", async () => {
    const run = await push(PROJECT, {
      POLINET_API_URL: "https://api-7f3k2x9q-ew.a.run.app",
      POLINET_AUDIENCE: CLIENT_ID,
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `OAuth client ID baked in: ${CLIENT_ID}. It must be listed in the API's POLINET_AUDIENCES`,
    );
    expect(run.claspCalls).toEqual([`${run.project} | push --force`]);
    const built = join(run.project, "build");
    const manifest = JSON.parse(readFileSync(join(built, "appsscript.json"), "utf8"));
    expect(manifest.urlFetchWhitelist).toEqual(["https://api-7f3k2x9q-ew.a.run.app/"]);
    const code = readFileSync(join(built, "Code.js"), "utf8");
    expect(code).toContain(JSON.stringify(CLIENT_ID));
    expect(existsSync(join(built, "settings.html"))).toBe(true);
  });
});
