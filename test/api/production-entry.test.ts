import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gzipBomb, pieces, type RawResponse, rawRequest } from "./raw-http.js";

/**
 * The production entry point served as Cloud Run serves it: the Functions Framework's own CLI
 * (`functions-framework --target=…`) loads functions/src/index.ts (through tsx, as the built
 * bundle would be loaded) and creates the server itself. Nothing of the local stack is involved,
 * so what is seen here is what the request guard does when index.ts installs it.
 */
// The package's `bin` (build/src/main.js), next to its main module; its exports hide the path.
const frameworkCli = join(
  dirname(createRequire(import.meta.url).resolve("@google-cloud/functions-framework")),
  "main.js",
);
const MB = 1024 * 1024;
const children: ChildProcess[] = [];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `functions-framework --target=<target>` and waits for its "Serving function" banner. */
async function serve(target: string): Promise<{ url: string; pid: number }> {
  const port = await freePort();
  // Outside production the framework's error pages carry stacks: the worst case for leaks.
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "development" };
  delete env.POLINET_AUDIENCES;
  delete env.FUNCTION_TARGET;
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      frameworkCli,
      `--target=${target}`,
      "--source=functions/src/index.ts",
      `--port=${port}`,
    ],
    { env, stdio: ["ignore", "pipe", "pipe"] },
  );
  children.push(child);
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`URL: http://localhost:${port}/`)) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`framework exited with ${code}:\n${output}`)));
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid as number };
}

/** Peak resident memory of a process so far (Linux), in bytes. */
function peakRss(pid: number): number {
  const line = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(line?.[1]) * 1024;
}

function expectError(response: RawResponse, status: number, code: string) {
  expect(response.status, response.text).toBe(status);
  expect(response.headers["content-type"]).toMatch(/^application\/json/);
  expect(response.json?.error?.code, response.text).toBe(code);
  expect(response.text).not.toMatch(/<html|<pre|\bat \S.*:\d+:\d+|\/node_modules\/|\/work\//i);
}

let api: { url: string; pid: number };
let jobs: { url: string; pid: number };
let bomb: Buffer;

beforeAll(async () => {
  [api, jobs, bomb] = await Promise.all([
    serve("api"),
    serve("monthlyRecompute"),
    gzipBomb(1024 * MB),
  ]);
});
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
});

const anyToken = { authorization: "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln" };
const month = "/v1/municipalities/015182/months/2026-01";

describe("the production entry point under the framework's CLI (target api)", () => {
  it("has no /dev/token route", async () => {
    const response = await rawRequest(api.url, "/dev/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: Buffer.from(JSON.stringify({ email: "coordinatore@poli-net.test" })),
    });
    expectError(response, 404, "not_found");
  });

  it("answers the health check and refuses every token when no audience is configured", async () => {
    expect((await rawRequest(api.url, "/healthz")).status).toBe(200);
    const me = await rawRequest(api.url, "/v1/me", { headers: anyToken });
    expectError(me, 401, "unauthenticated");
    expect(me.json.error.message).toMatch(/POLINET_AUDIENCES/);
  });

  it("answers a gzip bomb (1 MB → 1 GiB) 401 without a token and 413 with one, without growing", async () => {
    const before = peakRss(api.pid);
    const noToken = await rawRequest(api.url, month, {
      method: "PUT",
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      body: bomb,
    });
    // With a token and no Content-Length the guard must inflate to find out: it stops at the cap.
    const withToken = await rawRequest(api.url, month, {
      method: "PUT",
      headers: { ...anyToken, "content-type": "application/json", "content-encoding": "gzip" },
      body: pieces(bomb),
    });
    const growth = peakRss(api.pid) - before;
    console.log(
      `production entry, gzip bomb: ${noToken.status} / ${withToken.status}, peak RSS +${(growth / MB).toFixed(1)} MB`,
    );
    expectError(noToken, 401, "unauthenticated");
    expectError(withToken, 413, "payload_too_large");
    expect(growth).toBeLessThan(50 * MB);
  });

  it("answers latin1 JSON 415 and malformed JSON in our shape, never Express's HTML", async () => {
    const latin1 = await rawRequest(api.url, month, {
      method: "PUT",
      headers: { ...anyToken, "content-type": "application/json; charset=latin1" },
      body: Buffer.from('{"procedures":[]}', "latin1"),
    });
    expectError(latin1, 415, "unsupported_media_type");
    // Without the guard body-parser answers this 400 with an HTML page and a stack; through the
    // guard it reaches the API, which authenticates first (no audience: 401).
    const malformed = await rawRequest(api.url, month, {
      method: "PUT",
      headers: { ...anyToken, "content-type": "application/json" },
      body: Buffer.from('{"procedures": ['),
    });
    expectError(malformed, 401, "unauthenticated");
    const malformedPublic = await rawRequest(api.url, "/dev/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: Buffer.from("{"),
    });
    expectError(malformedPublic, 404, "not_found");
    const badEscape = await rawRequest(api.url, "/v1/municipalities/%E0%A4%A/months/2026-11", {
      headers: anyToken,
    });
    expectError(badEscape, 400, "invalid_argument");
  });
});

describe("the production entry point under the framework's CLI (target monthlyRecompute)", () => {
  it("gets the event server's guard: JSON CloudEvents only, in our error shape", async () => {
    const post = (headers: Record<string, string>, body: Buffer) =>
      rawRequest(jobs.url, "/", { method: "POST", headers, body });
    expectError(
      await post({ "content-type": "text/plain" }, Buffer.from("run")),
      415,
      "unsupported_media_type",
    );
    expectError(
      await post({ "content-type": "application/json" }, Buffer.from("{")),
      400,
      "invalid_argument",
    );
    expectError(
      await post({ "content-type": "application/json", "content-encoding": "gzip" }, bomb),
      413,
      "payload_too_large",
    );
  });
});
