import http from "node:http";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths } from "../../functions/src/domain/period.js";
import {
  openMonth,
  sampleMonth,
  seedSmallNetwork,
  startTestStack,
  type TestStack,
} from "../support/test-stack.js";
import { rawRequest } from "./raw-http.js";

/**
 * Mutated requests, generated from a fixed seed, against the local stack: whatever arrives, the
 * answer is never a 5xx (but 503 with Retry-After), every refusal is our JSON error shape, and no
 * body shows a stack frame or a file path.
 */
const SEED = 20_260_701;
const RUNS = 1_200;

let stack: TestStack;
let tokens: Record<string, string>;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  stack = await startTestStack();
  const seeded = await seedSmallNetwork(stack);
  const valid = {
    rhoStaff: await stack.token(seeded.rhoStaff),
    esteStaff: await stack.token(seeded.esteStaff),
    coordinator: await stack.token(stack.coordinator),
    nonMember: await stack.token("nobody@else.test"),
  };
  const expired = await stack.token(seeded.rhoStaff, { expiresInSeconds: -120 });
  const otherAudience = await stack.token(seeded.rhoStaff, { audience: "someone-else" });
  tokens = {
    ...valid,
    expired,
    otherAudience,
    tampered: `${valid.rhoStaff.slice(0, -4)}AAAA`,
    garbage: "not.a.jwt",
    unsigned: "eyJhbGciOiJub25lIn0.eyJlbWFpbCI6ImNvb3JkaW5hdG9yZUBwb2xpLW5ldC50ZXN0In0.",
  };
});
afterAll(async () => {
  agent.destroy();
  await stack?.stop();
});

// ---- paths ---------------------------------------------------------------------------------

const month = fc.oneof(
  fc.constantFrom(
    openMonth(),
    addMonths(openMonth(), -1),
    addMonths(openMonth(), 3),
    "2011-03",
    "2011-04",
    "0000-01",
    "0001-01",
    "9999-12",
    "2026-13",
    "2026-00",
    "2026-1",
  ),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }))
    .map(([y, m]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}`),
);
const period = fc.oneof(
  month,
  fc.integer({ min: 0, max: 9999 }).map((y) => String(y).padStart(4, "0")),
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.constantFrom("Q0", "Q1", "Q4", "Q5", "H1", "H2", "H3"),
    )
    .map(([y, p]) => `${String(y).padStart(4, "0")}-${p}`),
);
const badEscape = fc.constantFrom("%E0%A4%A", "%", "%zz", "%C0%AF", "%00", "%FF%FE", "%ED%A0%80");
const oddSegment = fc.oneof(
  badEscape,
  fc.string({ unit: "grapheme", maxLength: 12 }).map(encodeURIComponent),
  fc.string({ unit: "binary", maxLength: 8 }).map(encodeURIComponent),
  // Raw bytes 0x80-0xff: node:http sends them as they are (latin1), no escaping.
  fc.string({
    unit: fc.integer({ min: 0xa1, max: 0xff }).map((c) => String.fromCharCode(c)),
    minLength: 1,
    maxLength: 6,
  }),
  fc.integer({ min: 200, max: 20_000 }).map((n) => "x".repeat(n)),
  fc.constantFrom("", "..", ".", "%2F", "%2e%2e", "015182", "028037", "999999", "00000a"),
);
const istat = fc.oneof(fc.constantFrom("015182", "028037", "000000"), oddSegment);
const segment = (valid: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 3, arbitrary: valid }, oddSegment);

const path = fc
  .tuple(
    fc.oneof(
      fc.constantFrom("/healthz", "/v1/me", "/v1/municipalities", "/v1/areas", "/v1/recompute"),
      fc.constantFrom("/dev/token", "/feeds/x", "/open/data", "/", "/favicon.ico", "/v2/me"),
      segment(istat).map((i) => `/v1/municipalities/${i}`),
      segment(fc.constantFrom("staff@rho.test", "new@x.test")).map((e) => `/v1/members/${e}`),
      segment(fc.constantFrom("anagrafe", "tributi", "nuova-area")).map((c) => `/v1/areas/${c}`),
      fc
        .tuple(segment(istat), segment(month), fc.boolean())
        .map(([i, m, r]) => `/v1/municipalities/${i}/months/${m}${r ? "/revisions" : ""}`),
      segment(period).map((p) => `/v1/indicators/${p}`),
      fc.array(oddSegment, { minLength: 1, maxLength: 4 }).map((s) => `/${s.join("/")}`),
    ),
    fc.option(fc.string({ maxLength: 30 }).map(encodeURIComponent), { nil: undefined }),
    fc.constantFrom("", "", "", "/", "//"),
  )
  .map(([p, query, slash]) => `${slash === "//" ? `/${p}` : p + slash}${query ? `?${query}` : ""}`);

// ---- bodies --------------------------------------------------------------------------------

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

const weird = fc.oneof(
  fc.constantFrom(null, true, false, "", "NaN", "Infinity", "-Infinity", "1e999", "0x10", "-0"),
  fc.constantFrom(
    " 12 ",
    "١٢٣",
    "12abc",
    "\u0000",
    "ANA-\ud800",
    "\u202eevil",
    "\u200b",
    "💥".repeat(50),
  ),
  fc.constantFrom(-1, 0.5, 1e21, 1e308, -1e308, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, 10_000_001),
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer({ min: 1, max: 300 }).map(nested),
  fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

const template = fc.oneof(
  { weight: 4, arbitrary: fc.constant(sampleMonth()) },
  fc.constant(sampleMonth({ service: undefined, baseRevision: 1 })),
  fc.constant({ name: "Rho", province: "MI", population: 51_000 }),
  fc.constant({ role: "staff", municipality: "015182" }),
  fc.constant({ name: "Anagrafe" }),
  fc.constant({ period: "2025-Q1" }),
  fc.constant({ email: "staff@rho.test" }),
);

/** Paths to the values inside a JSON document, the root included (not below 20 levels). */
function valuePaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const paths = [prefix];
  if (prefix.length >= 20 || !value || typeof value !== "object") return paths;
  for (const [key, child] of Object.entries(value)) {
    paths.push(...valuePaths(child, [...prefix, Array.isArray(value) ? Number(key) : key]));
  }
  return paths;
}

function mutate(document: unknown, mutations: [number, unknown][]): unknown {
  let root = structuredClone(document);
  for (const [pick, replacement] of mutations) {
    const paths = valuePaths(root);
    const target = paths[pick % paths.length] as (string | number)[];
    if (target.length === 0) {
      root = replacement;
      continue;
    }
    let parent = root as Record<string | number, unknown>;
    for (const key of target.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    parent[target[target.length - 1] as string | number] = replacement;
  }
  return root;
}

const body = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: "none" as const }) },
  {
    weight: 2,
    arbitrary: template.map((t) => ({ kind: "json" as const, text: JSON.stringify(t) })),
  },
  {
    weight: 6,
    arbitrary: fc
      .tuple(template, fc.array(fc.tuple(fc.nat(), weird), { minLength: 1, maxLength: 3 }))
      .map(([t, m]) => ({ kind: "json" as const, text: JSON.stringify(mutate(t, m)) ?? "" })),
  },
  fc.tuple(template, fc.double({ min: 0, max: 1, noNaN: true })).map(([t, cut]) => {
    const text = JSON.stringify(t);
    return { kind: "json" as const, text: text.slice(0, Math.floor(text.length * cut)) };
  }),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ kind: "bytes" as const, bytes })),
  // Nesting far deeper than any recursive serialiser goes: built as text.
  fc.integer({ min: 1_000, max: 100_000 }).map((depth) => ({
    kind: "json" as const,
    text: `{"procedures":${"[".repeat(depth)}${"]".repeat(depth)}}`,
  })),
  fc
    .integer({ min: 520 * 1024, max: 700 * 1024 })
    .map((n) => ({ kind: "json" as const, text: JSON.stringify({ procedures: "x".repeat(n) }) })),
);

// ---- headers -------------------------------------------------------------------------------

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant("application/json") },
  fc.constantFrom(
    undefined,
    "application/json; charset=utf-8",
    "APPLICATION/JSON; CHARSET=UTF-8",
    "application/json; charset=latin1",
    "application/json; charset",
    "application/json;;",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=zz",
    "application/cloudevents+json",
    "*/*",
    "garbage",
  ),
);
const contentEncoding = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  fc.constantFrom("gzip", "deflate", "br", "identity", "GZIP", "xyz", "gzip, gzip", "compress", ""),
);
const authorization = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .constantFrom("rhoStaff", "esteStaff", "coordinator")
      .map((t) => ({ kind: "token" as const, name: t })),
  },
  fc
    .constantFrom("nonMember", "expired", "otherAudience", "tampered", "garbage", "unsigned")
    .map((t) => ({ kind: "token" as const, name: t })),
  fc
    .constantFrom("", "Bearer", "Bearer ", "Basic dXNlcjpwdw==", "bearer x y", "Bearer \t.")
    .map((raw) => ({ kind: "raw" as const, raw })),
  fc.constant({ kind: "none" as const }),
);

/** Anything with anything: mostly refusals at the edge. */
const anyRequest = fc.record({
  method: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom("GET", "PUT", "POST") },
    fc.constantFrom("DELETE", "PATCH", "OPTIONS", "HEAD", "PROPFIND", "get"),
  ),
  path,
  body,
  contentType,
  contentEncoding,
  /** Whether an encoded body is really encoded, or only says it is. */
  encodeTruthfully: fc.boolean(),
  authorization,
  chunked: fc.boolean(),
});

/** A month sent as the add-on would, by someone allowed, with a few values mutated: the core. */
const monthSubmission = fc.record({
  method: fc.constant("PUT"),
  path: fc
    .tuple(
      fc.constantFrom("015182", "028037"),
      fc.oneof(
        {
          weight: 3,
          arbitrary: fc.integer({ min: -3, max: 0 }).map((n) => addMonths(openMonth(), n)),
        },
        month,
      ),
    )
    .map(([i, m]) => `/v1/municipalities/${i}/months/${m}`),
  body: fc
    .tuple(
      fc.constant(sampleMonth()),
      fc.array(fc.tuple(fc.nat(), weird), { minLength: 0, maxLength: 2 }),
    )
    .map(([t, m]) => ({ kind: "json" as const, text: JSON.stringify(mutate(t, m)) ?? "" })),
  contentType: fc.constant("application/json"),
  contentEncoding: fc.constantFrom(undefined, "gzip"),
  encodeTruthfully: fc.constant(true),
  authorization: fc
    .constantFrom("rhoStaff", "coordinator")
    .map((t) => ({ kind: "token" as const, name: t })),
  chunked: fc.boolean(),
});

const request = fc.oneof({ weight: 3, arbitrary: anyRequest }, monthSubmission);

type Generated = typeof request extends fc.Arbitrary<infer T> ? T : never;

function build(generated: Generated) {
  const headers: Record<string, string> = {};
  const auth = generated.authorization;
  if (auth.kind === "token") headers.authorization = `Bearer ${tokens[auth.name]}`;
  if (auth.kind === "raw") headers.authorization = auth.raw;
  if (generated.contentType !== undefined) headers["content-type"] = generated.contentType;
  let payload: Buffer | undefined;
  if (generated.body.kind === "json") payload = Buffer.from(generated.body.text);
  if (generated.body.kind === "bytes") payload = Buffer.from(generated.body.bytes);
  if (payload && generated.contentEncoding !== undefined) {
    headers["content-encoding"] = generated.contentEncoding;
    if (generated.encodeTruthfully) {
      const encoding = generated.contentEncoding.toLowerCase();
      if (encoding === "gzip") payload = gzipSync(payload);
      if (encoding === "deflate") payload = deflateSync(payload);
      if (encoding === "br") payload = brotliCompressSync(payload);
    }
  }
  const sent = payload && generated.chunked ? [payload] : payload;
  return { method: generated.method, path: generated.path, headers, body: sent };
}

/** A stack frame ("at fn (file:line:col)"), an HTML page or a file path of the server. */
const LEAK = /<html|<pre|\bat \S.*:\d+:\d+|\/node_modules\/|\/work\//i;

describe(`fuzz: ${RUNS} mutated requests (seed ${SEED})`, () => {
  it("never answers 5xx (but 503 with Retry-After), nor anything but our JSON error shape", {
    timeout: 300_000,
  }, async () => {
    const generated = fc.sample(request, { seed: SEED, numRuns: RUNS });
    const counts = new Map<string, number>();
    const failures: string[] = [];
    for (const [index, g] of generated.entries()) {
      const sent = build(g);
      const describe = () =>
        `#${index} ${sent.method} ${sent.path.slice(0, 120)} ${JSON.stringify(sent.headers).slice(0, 200)} body=${
          Array.isArray(sent.body) ? "chunked " : ""
        }${JSON.stringify(g.body).slice(0, 160)}`;
      let response: Awaited<ReturnType<typeof rawRequest>>;
      try {
        response = await rawRequest(stack.url, sent.path, {
          method: sent.method,
          headers: sent.headers,
          ...(sent.body ? { body: sent.body } : {}),
          agent,
          // A hang guard so that one stuck request shows up as a failure instead of stalling all.
          timeoutMs: 30_000,
        });
      } catch (error) {
        failures.push(`${describe()} → ${(error as Error).message}`);
        continue;
      }
      const { status, text, json } = response;
      counts.set(String(status), (counts.get(String(status)) ?? 0) + 1);
      const problems: string[] = [];
      if (status >= 500 && !(status === 503 && response.headers["retry-after"])) {
        problems.push("5xx");
      }
      if (status >= 300 && sent.method.toUpperCase() !== "HEAD") {
        if (typeof json?.error?.code !== "string" || typeof json?.error?.message !== "string") {
          problems.push("not our error shape");
        }
      }
      if (LEAK.test(text)) problems.push("leaks internals");
      if (problems.length > 0) {
        failures.push(`${describe()} → ${status} ${problems.join(", ")}: ${text.slice(0, 300)}`);
      }
    }
    const table = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b));
    console.log(
      `fuzz: ${generated.length} requests, responses per status: ${table
        .map(([status, n]) => `${status}×${n}`)
        .join(" ")}`,
    );
    if (failures.length > 0) console.log(failures.join("\n"));
    expect(generated.length).toBeGreaterThanOrEqual(1_000);
    expect(failures).toEqual([]);
  });
});
