import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  FIRESTORE_RELEASE,
  RulesApiError,
  releaseFirestoreRules,
} from "../../scripts/deploy/firestore-rules-release.js";

/**
 * A loopback stand-in for the Firebase Rules API v1, as its reference documents it: rulesets are
 * immutable and named by the server, a release points at one, GET of a missing release is 404,
 * PATCH updates and POST creates. It is our reading of the documentation, not Google's service;
 * the real release has not run from this machine (no Google account here).
 */
const PROJECT = "polinet-sample";
const TOKEN = "ya29.secret-token";
const rulesets = new Map<string, string>();
const releases = new Map<string, string>();
const calls: string[] = [];
let refuse: number | undefined;

const server: Server = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk: Buffer) => {
    body += chunk.toString();
  });
  request.on("end", () => {
    const path = (request.url ?? "").replace(/^\/v1\//, "");
    calls.push(`${request.method} ${path}`);
    const send = (status: number, value: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(value));
    };
    if (
      request.headers.authorization !== `Bearer ${TOKEN}` ||
      request.headers["x-goog-user-project"] !== PROJECT
    ) {
      return send(401, {
        error: { code: 401, message: "Request had invalid authentication credentials." },
      });
    }
    if (refuse)
      return send(refuse, {
        error: { code: refuse, message: "The caller does not have permission" },
      });
    const json = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    const releasePath = `projects/${PROJECT}/releases/${FIRESTORE_RELEASE}`;
    if (request.method === "GET" && path === releasePath) {
      const rulesetName = releases.get(path);
      return rulesetName
        ? send(200, { name: path, rulesetName })
        : send(404, { error: { code: 404 } });
    }
    if (request.method === "GET" && rulesets.has(path)) {
      return send(200, {
        name: path,
        source: { files: [{ name: "firestore.rules", content: rulesets.get(path) }] },
      });
    }
    if (request.method === "POST" && path === `projects/${PROJECT}/rulesets`) {
      const name = `projects/${PROJECT}/rulesets/${rulesets.size + 1}-uuid`;
      const { source } = json as { source: { files: { content: string }[] } };
      rulesets.set(name, source.files[0]!.content);
      return send(200, { name, source });
    }
    if (request.method === "PATCH" && path === releasePath && releases.has(path)) {
      const { release } = json as { release: { name: string; rulesetName: string } };
      releases.set(path, release.rulesetName);
      return send(200, release);
    }
    if (request.method === "POST" && path === `projects/${PROJECT}/releases`) {
      const { name, rulesetName } = json as { name: string; rulesetName: string };
      if (releases.has(name)) return send(409, { error: { code: 409, message: "exists" } });
      releases.set(name, rulesetName);
      return send(200, json);
    }
    send(400, { error: { code: 400, message: `unexpected ${request.method} ${path}` } });
  });
});
let baseUrl = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const rules = readFileSync("firestore.rules", "utf8");
const release = (source: string) =>
  releaseFirestoreRules({ project: PROJECT, source, accessToken: TOKEN, baseUrl });

describe("releasing firestore.rules through the Firebase Rules API", () => {
  it("creates the release on a first deploy, does nothing on a second, updates on a change", async () => {
    calls.length = 0;
    const first = await release(rules);
    expect(first.outcome).toBe("created");
    expect(calls).toEqual([
      `GET projects/${PROJECT}/releases/cloud.firestore`,
      `POST projects/${PROJECT}/rulesets`,
      `POST projects/${PROJECT}/releases`,
    ]);

    calls.length = 0;
    expect(await release(rules)).toEqual({ outcome: "unchanged", ruleset: first.ruleset });
    expect(calls.filter((c) => !c.startsWith("GET"))).toEqual([]);

    const changed = await release(`${rules}\n// a comment\n`);
    expect(changed.outcome).toBe("updated");
    expect(releases.get(`projects/${PROJECT}/releases/cloud.firestore`)).toBe(changed.ruleset);
    expect(rulesets.size).toBe(2);
  });

  it("reports the API's refusal without echoing the token", async () => {
    refuse = 403;
    try {
      const error = (await release(rules).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(RulesApiError);
      expect(error.message).toContain("403 The caller does not have permission");
      expect(error.message).not.toContain(TOKEN);
    } finally {
      refuse = undefined;
    }
  });
});

const GCLOUD_BIN = "/usr/lib/google-cloud-sdk/bin";
describe.skipIf(!existsSync(`${GCLOUD_BIN}/gcloud`))(
  "the release step without a Google account",
  () => {
    it("stops with a message saying to log in, and releases nothing", () => {
      const config = mkdtempSync(join(tmpdir(), "polinet-gcloud-"));
      try {
        const run = spawnSync(
          process.execPath,
          [
            "--import",
            "tsx",
            "scripts/deploy/release-firestore-rules.ts",
            `--project=${PROJECT}`,
            "--rules=firestore.rules",
          ],
          {
            encoding: "utf8",
            timeout: 120_000,
            env: {
              PATH: `${GCLOUD_BIN}:${process.env.PATH}`,
              HOME: config,
              CLOUDSDK_CONFIG: config,
              CLOUDSDK_CORE_DISABLE_PROMPTS: "1",
              CLOUDSDK_CORE_CHECK_GCE_METADATA: "false",
            },
          },
        );
        expect(run.status).toBe(1);
        expect(run.stderr).toContain("You do not currently have an active account selected");
        expect(run.stderr).toContain("log in with `gcloud auth login`");
        expect(run.stdout).toBe("");
      } finally {
        rmSync(config, { recursive: true, force: true });
      }
    });
  },
);
