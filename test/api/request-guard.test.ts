import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths } from "../../functions/src/domain/period.js";
import {
  openMonth,
  sampleMonth,
  seedSmallNetwork,
  startTestStack,
  type TestStack,
} from "../support/test-stack.js";
import {
  gzipBomb,
  headersOnly,
  pieces,
  type RawResponse,
  rawRequest,
  rssGrowthDuring,
} from "./raw-http.js";

let stack: TestStack;
let token: string;
/** Where refused requests go: nothing may ever be stored there. */
let path: string;
/** Where the accepted variants go. */
let acceptedPath: string;
let bomb: Buffer;
const GiB = 1024 * 1024 * 1024;
const MB = 1024 * 1024;

beforeAll(async () => {
  stack = await startTestStack();
  const seeded = await seedSmallNetwork(stack);
  token = await stack.token(seeded.rhoStaff);
  path = `/v1/municipalities/${seeded.rho}/months/${openMonth()}`;
  acceptedPath = `/v1/municipalities/${seeded.rho}/months/${addMonths(openMonth(), -1)}`;
  bomb = await gzipBomb(GiB);
});
afterAll(async () => stack?.stop());

const json = (body: unknown) => Buffer.from(JSON.stringify(body));
const auth = () => ({ authorization: `Bearer ${token}` });

/** Our error shape, as JSON, and nothing of the server's insides. */
function expectError(response: RawResponse, status: number, code: string) {
  expect(response.status, response.text).toBe(status);
  expect(response.headers["content-type"]).toMatch(/^application\/json/);
  expect(response.json?.error?.code, response.text).toBe(code);
  expect(typeof response.json.error.message).toBe("string");
  // No HTML page, no stack frame ("at fn (file:line:col)"), no file path.
  expect(response.text).not.toMatch(/<html|<pre|\bat \S.*:\d+:\d+|\/node_modules\/|\/work\//i);
}

async function storedStatus() {
  return (await stack.call("GET", path, { token })).status;
}

describe("bodies the API accepts", () => {
  it("takes JSON with no charset or UTF-8 in any case, plain or gzip, deflate, br encoded", async () => {
    const variants: [Record<string, string>, Buffer][] = [
      [{ "content-type": "application/json" }, json(sampleMonth())],
      [{ "content-type": "Application/JSON; Charset=UTF-8" }, json(sampleMonth())],
      [{ "content-type": 'application/json;charset="utf-8"' }, json(sampleMonth())],
      [
        { "content-type": "application/json", "content-encoding": "gzip" },
        gzipSync(json(sampleMonth())),
      ],
      [
        { "content-type": "application/json", "content-encoding": "Deflate" },
        deflateSync(json(sampleMonth())),
      ],
      [
        { "content-type": "application/json", "content-encoding": "br" },
        brotliCompressSync(json(sampleMonth())),
      ],
    ];
    const statuses: string[] = [];
    for (const [headers, body] of variants) {
      const put = await rawRequest(stack.url, acceptedPath, {
        method: "PUT",
        headers: { ...auth(), ...headers },
        body,
      });
      statuses.push(`${put.status} ${put.json?.status}`);
    }
    // The first stores the month; the others decode to the same content.
    expect(statuses).toEqual(["200 stored", ...Array(5).fill("200 unchanged")]);
  });
});

describe("bodies the API refuses, in its error shape", () => {
  it("answers 415 for another charset, another media type or no media type", async () => {
    for (const contentType of [
      "application/json; charset=latin1",
      "application/json; charset=utf-16",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/json-patch+json",
      "application/json; charset",
    ]) {
      const put = await rawRequest(stack.url, path, {
        method: "PUT",
        headers: { ...auth(), "content-type": contentType },
        body: json(sampleMonth()),
      });
      expectError(put, 415, "unsupported_media_type");
    }
    const untyped = await rawRequest(stack.url, path, {
      method: "PUT",
      headers: auth(),
      body: json(sampleMonth()),
    });
    expectError(untyped, 415, "unsupported_media_type");
    expect(await storedStatus()).toBe(404);
  });

  it("answers 415 for a urlencoded body of over 1,000 fields (Express answered 413 in HTML)", async () => {
    const fields = Array.from({ length: 1500 }, (_, i) => `f${i}=${i}`).join("&");
    const put = await rawRequest(stack.url, path, {
      method: "PUT",
      headers: { ...auth(), "content-type": "application/x-www-form-urlencoded" },
      body: Buffer.from(fields),
    });
    expectError(put, 415, "unsupported_media_type");
  });

  it("answers 415 for an unknown or chained Content-Encoding", async () => {
    for (const encoding of ["xyz", "gzip, gzip", "compress", "zstd"]) {
      const put = await rawRequest(stack.url, path, {
        method: "PUT",
        headers: { ...auth(), "content-type": "application/json", "content-encoding": encoding },
        body: json(sampleMonth()),
      });
      expectError(put, 415, "unsupported_media_type");
    }
  });

  it("answers 400 for data that is not what its Content-Encoding says", async () => {
    for (const [encoding, body] of [
      ["gzip", Buffer.from("this is not gzip")],
      ["deflate", Buffer.from("nor deflate")],
      ["gzip", gzipSync(json(sampleMonth())).subarray(0, 30)],
    ] as const) {
      const put = await rawRequest(stack.url, path, {
        method: "PUT",
        headers: { ...auth(), "content-type": "application/json", "content-encoding": encoding },
        body,
      });
      expectError(put, 400, "invalid_argument");
    }
    expect(await storedStatus()).toBe(404);
  });

  it("answers 400 in our shape for malformed JSON: body-parser has left the request to us", async () => {
    const put = await rawRequest(stack.url, path, {
      method: "PUT",
      headers: { ...auth(), "content-type": "application/json" },
      body: Buffer.from('{"procedures": [{"code": '),
    });
    expectError(put, 400, "invalid_argument");
    // Our handler's message, not body-parser's: the framework did not parse the body first.
    expect(put.json.error.message).toMatch(/^Request body is not valid JSON/);
  });

  it("answers 400 for JSON nested far deeper than 32 levels", async () => {
    for (const deep of [
      `${"[".repeat(50_000)}${"]".repeat(50_000)}`,
      `{"procedures":${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}}`,
    ]) {
      const put = await rawRequest(stack.url, path, {
        method: "PUT",
        headers: { ...auth(), "content-type": "application/json" },
        body: Buffer.from(deep),
      });
      expectError(put, 400, "invalid_argument");
    }
  });

  it("answers 413 for a Content-Length over 512 KiB before reading any of it", async () => {
    const refused = await headersOnly(stack.url, path, "PUT", {
      ...auth(),
      "content-type": "application/json",
      "content-length": String(512 * 1024 + 1),
    });
    expectError(refused, 413, "payload_too_large");
  });

  it("answers 401 without a token before reading the body, and still reads public routes", async () => {
    const refused = await headersOnly(stack.url, path, "PUT", {
      "content-type": "application/json",
      "content-length": String(100 * MB),
    });
    expectError(refused, 401, "unauthenticated");
    const bogus = await rawRequest(stack.url, path, {
      method: "PUT",
      headers: { authorization: "Basic abc", "content-type": "application/json" },
      body: json(sampleMonth()),
    });
    expectError(bogus, 401, "unauthenticated");
    const health = await rawRequest(stack.url, "/healthz");
    expect(health.json).toEqual({ status: "ok" });
    const devToken = await rawRequest(stack.url, "/dev/token", {
      method: "POST",
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      body: gzipSync(json({ email: "staff@rho.test" })),
    });
    expect(devToken.status).toBe(200);
  });
});

describe("a gzip bomb (1 MB of gzip inflating to 1 GiB)", () => {
  it("is 1 MB and inflates to 1 GiB", () => {
    expect(bomb.length).toBeLessThan(1.1 * MB);
    expect(bomb.length).toBeGreaterThan(0.9 * MB);
  });

  it("without a token: 401, and the server does not grow", async () => {
    const { result, growth } = await rssGrowthDuring(() =>
      rawRequest(stack.url, path, {
        method: "PUT",
        headers: { "content-type": "application/json", "content-encoding": "gzip" },
        body: pieces(bomb),
      }),
    );
    console.log(`gzip bomb, no token: ${result.status}, RSS +${(growth / MB).toFixed(1)} MB`);
    expectError(result, 401, "unauthenticated");
    expect(growth).toBeLessThan(50 * MB);
  });

  it("with a token, chunked (no Content-Length): 413 at the cap while inflating", async () => {
    const { result, growth } = await rssGrowthDuring(() =>
      rawRequest(stack.url, path, {
        method: "PUT",
        headers: { ...auth(), "content-type": "application/json", "content-encoding": "gzip" },
        body: pieces(bomb),
      }),
    );
    console.log(`gzip bomb, chunked, token: ${result.status}, RSS +${(growth / MB).toFixed(1)} MB`);
    expectError(result, 413, "payload_too_large");
    expect(growth).toBeLessThan(50 * MB);
    expect(await storedStatus()).toBe(404);
  });

  it("with a token and its Content-Length: 413 at once", async () => {
    const { result, growth } = await rssGrowthDuring(() =>
      rawRequest(stack.url, path, {
        method: "PUT",
        headers: { ...auth(), "content-type": "application/json", "content-encoding": "gzip" },
        body: bomb,
      }),
    );
    console.log(`gzip bomb, sized, token: ${result.status}, RSS +${(growth / MB).toFixed(1)} MB`);
    expectError(result, 413, "payload_too_large");
    expect(growth).toBeLessThan(50 * MB);
  });

  it("a small gzip inflating past 512 KiB is refused too, and the connection stays usable", async () => {
    const small = await gzipBomb(8 * MB);
    expect(small.length).toBeLessThan(512 * 1024);
    const put = await rawRequest(stack.url, path, {
      method: "PUT",
      headers: { ...auth(), "content-type": "application/json", "content-encoding": "gzip" },
      body: small,
    });
    expectError(put, 413, "payload_too_large");
  });
});

describe("what Express itself would answer in HTML", () => {
  it("answers 400 in our shape for a path whose percent-escapes do not decode", async () => {
    for (const bad of [
      "/v1/municipalities/%E0%A4%A/months/2026-11",
      "/v1/municipalities/%/months/2026-11",
      "/v1/%C0%AF",
    ]) {
      const response = await rawRequest(stack.url, bad, { headers: auth() });
      expectError(response, 400, "invalid_argument");
    }
  });

  it("answers a path that is not a URL path, the framework's ignored routes and HEAD in JSON", async () => {
    expectError(await rawRequest(stack.url, "//[", { headers: auth() }), 400, "invalid_argument");
    expectError(await rawRequest(stack.url, "/favicon.ico"), 404, "not_found");
    expectError(await rawRequest(stack.url, "/ROBOTS.TXT/x"), 404, "not_found");
    const head = await rawRequest(stack.url, path, { method: "HEAD", headers: auth() });
    expect(head.headers["content-type"]).toMatch(/^application\/json/);
  });

  it("answers a request line over Node's header limit in JSON (431)", async () => {
    const long = await rawRequest(stack.url, `/v1/${"a".repeat(20_000)}`, { headers: auth() });
    expectError(long, 431, "headers_too_large");
  });
});

describe("the monthlyRecompute server", () => {
  const post = (headers: Record<string, string>, body?: Buffer) =>
    rawRequest(stack.jobsUrl, "/", { method: "POST", headers, ...(body ? { body } : {}) });

  it("refuses what is not a JSON CloudEvent, in our shape", async () => {
    expectError(
      await post({ "content-type": "text/plain" }, Buffer.from("run")),
      415,
      "unsupported_media_type",
    );
    expectError(
      await post({ "content-type": "application/cloudevents+json; charset=latin1" }, json({})),
      415,
      "unsupported_media_type",
    );
    expectError(
      await post({ "content-type": "application/json" }, Buffer.from("{not json")),
      400,
      "invalid_argument",
    );
    expectError(await post({}), 400, "invalid_argument");
    expectError(
      await post({ "content-type": "application/json" }, Buffer.from("[]")),
      400,
      "invalid_argument",
    );
    expectError(await rawRequest(stack.jobsUrl, "/"), 405, "method_not_allowed");
    const bomb8 = await gzipBomb(8 * MB);
    expectError(
      await post({ "content-type": "application/json", "content-encoding": "gzip" }, bomb8),
      413,
      "payload_too_large",
    );
  });
});
