import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { http } from "@google-cloud/functions-framework";
import { getTestServer } from "@google-cloud/functions-framework/testing";
import { exportSPKI, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "../../functions/src/api/api-error.js";
import { createApi } from "../../functions/src/api/app.js";
import { createTokenVerifier } from "../../functions/src/api/token-verifier.js";
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from "../../scripts/local/dev-tokens.js";
import {
  openMonth,
  sampleMonth,
  seedSmallNetwork,
  startTestStack,
  type TestStack,
} from "../support/test-stack.js";

let stack: TestStack;
let seeded: Awaited<ReturnType<typeof seedSmallNetwork>>;
let rhoPath: string;

beforeAll(async () => {
  stack = await startTestStack();
  seeded = await seedSmallNetwork(stack);
  rhoPath = `/v1/municipalities/${seeded.rho}/months/${openMonth()}`;
  const coordinator = await stack.token(stack.coordinator);
  await stack.call("PUT", rhoPath, { token: coordinator, body: sampleMonth() });
});
afterAll(async () => stack?.stop());

/** A token with the right claims and the stack's `kid` (or `kid`), signed by a key the stack never made. */
async function forgedToken(email: string, realToken: string, kid?: string) {
  const header = JSON.parse(Buffer.from(realToken.split(".")[0] as string, "base64url").toString());
  const { privateKey } = await generateKeyPair("RS256");
  return new SignJWT({ email, email_verified: true })
    .setProtectedHeader({ alg: "RS256", kid: kid ?? header.kid })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(privateKey);
}

describe("who may do what", () => {
  it("answers /healthz without a token", async () => {
    const health = await stack.call("GET", "/healthz");
    expect(health.status).toBe(200);
  });

  it("refuses a request without a token (401)", async () => {
    const get = await stack.call("GET", rhoPath);
    expect(get.status).toBe(401);
    expect(get.body.error.code).toBe("unauthenticated");
  });

  it.each([
    ["garbage", async () => "not-a-jwt", /malformed \(not a JWT\)/],
    ["three segments of garbage", async () => "abc.def.ghi", /malformed/],
    [
      "a forged signature",
      async () => forgedToken(seeded.rhoStaff, await stack.token(seeded.rhoStaff)),
      /signature is invalid/,
    ],
    [
      "an unknown signing key",
      async () => forgedToken(seeded.rhoStaff, await stack.token(seeded.rhoStaff), "other-key"),
      /unknown key/,
    ],
    [
      "an expired token",
      async () => stack.token(seeded.rhoStaff, { expiresInSeconds: -3600 }),
      /has expired/,
    ],
    [
      "a wrong audience",
      async () => stack.token(seeded.rhoStaff, { audience: "someone-else" }),
      /another audience/,
    ],
  ])(
    "refuses %s (401), saying what failed without echoing the token",
    async (_name, makeToken, reason) => {
      const token = await makeToken();
      const get = await stack.call("GET", rhoPath, { token });
      expect(get.status).toBe(401);
      expect(get.body.error.code).toBe("unauthenticated");
      expect(get.body.error.message).toMatch(/^Invalid ID token: /);
      expect(get.body.error.message).toMatch(reason);
      for (const part of [token, ...token.split("."), seeded.rhoStaff, "someone-else", "kid"]) {
        if (part.length > 2) expect(get.text).not.toContain(part);
      }
      expect(get.body.error.message).not.toMatch(/[{}]/);
    },
  );

  it("refuses a verified e-mail that is not a member (403)", async () => {
    const get = await stack.call("GET", "/v1/me", {
      token: await stack.token("stranger@example.org"),
    });
    expect(get.status).toBe(403);
    expect(get.body.error.code).toBe("permission_denied");
  });

  it("tells a member who they are", async () => {
    const me = await stack.call("GET", "/v1/me", { token: await stack.token(seeded.rhoStaff) });
    expect(me.body).toEqual({
      email: seeded.rhoStaff,
      role: "staff",
      network: stack.network,
      municipality: seeded.rho,
    });
  });

  it("keeps staff to their own municipality, for reading and for writing (403)", async () => {
    const este = await stack.token(seeded.esteStaff);
    for (const [method, path] of [
      ["GET", rhoPath],
      ["GET", `${rhoPath}/revisions`],
      ["PUT", rhoPath],
    ] as const) {
      const call = await stack.call(method, path, {
        token: este,
        body: method === "PUT" ? sampleMonth() : undefined,
      });
      expect(call.status, `${method} ${path}`).toBe(403);
      expect(call.text).not.toContain("121");
    }
    const own = await stack.call("PUT", `/v1/municipalities/${seeded.este}/months/${openMonth()}`, {
      token: este,
      body: sampleMonth(),
    });
    expect(own.status).toBe(200);
  });

  it("lets the coordinator read and write every municipality", async () => {
    const coordinator = await stack.token(stack.coordinator);
    expect((await stack.call("GET", rhoPath, { token: coordinator })).status).toBe(200);
    const put = await stack.call("PUT", `/v1/municipalities/${seeded.este}/months/${openMonth()}`, {
      token: coordinator,
      body: sampleMonth({ service: { visits: 5 } }),
    });
    expect(put.status).toBe(200);
  });

  it("keeps network administration to the coordinator (403 for staff)", async () => {
    const staff = await stack.token(seeded.rhoStaff);
    const attempts = [
      [
        "PUT",
        "/v1/municipalities/015166",
        { name: "Paderno Dugnano", province: "MI", population: 47_500 },
      ],
      ["PUT", "/v1/members/someone@rho.test", { role: "coordinator" }],
      ["PUT", "/v1/areas/tributi", { name: "Tasse" }],
    ] as const;
    for (const [method, path, body] of attempts) {
      expect((await stack.call(method, path, { token: staff, body })).status, path).toBe(403);
    }
  });
});

describe("createTokenVerifier", () => {
  const audience = "poli-net-test";
  const issuer = "https://issuer.test";
  let keys: Awaited<ReturnType<typeof generateKeyPair>>;
  let publicPem: string;

  beforeAll(async () => {
    keys = await generateKeyPair("RS256");
    publicPem = await exportSPKI(keys.publicKey);
  });

  const sign = (claims: Record<string, unknown>, iss = issuer) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuer(iss)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(keys.privateKey);

  const verifier = () =>
    createTokenVerifier({
      audiences: [audience],
      issuers: [issuer],
      certificates: async () => ({ k1: publicPem }),
    });

  async function refusal(promise: Promise<unknown>): Promise<ApiError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }

  it("accepts a good token", async () => {
    const token = await sign({ email: "a@b.test", email_verified: true });
    expect(await verifier()(token)).toEqual({ email: "a@b.test" });
  });

  it("refuses a wrong issuer, naming the failure but not the issuer nor the e-mail", async () => {
    const token = await sign({ email: "a@b.test", email_verified: true }, "https://evil.test");
    const error = await refusal(verifier()(token));
    expect([error.status, error.code]).toEqual([401, "unauthenticated"]);
    expect(error.message).toBe(
      "Invalid ID token: the ID token was issued by an issuer that is not accepted.",
    );
  });

  it("refuses an unverified e-mail without echoing it", async () => {
    const error = await refusal(verifier()(await sign({ email: "a@b.test" })));
    expect(error.status).toBe(401);
    expect(error.message).not.toContain("a@b.test");
  });

  it("answers 503 unavailable with a retry delay when the signing keys cannot be fetched", async () => {
    const keysDown = createTokenVerifier({
      audiences: [audience],
      issuers: [issuer],
      certificates: () => Promise.reject(new Error("getaddrinfo EAI_AGAIN www.googleapis.com")),
    });
    const error = await refusal(keysDown(await sign({ email: "a@b.test", email_verified: true })));
    expect([error.status, error.code]).toEqual([503, "unavailable"]);
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.message).not.toMatch(/googleapis|EAI_AGAIN/);
  });

  it("sends that 503 over HTTP in the error shape with Retry-After", async () => {
    const keysDown = createTokenVerifier({
      audiences: [audience],
      issuers: [issuer],
      certificates: () => Promise.reject(new Error("socket hang up")),
    });
    http("apiWithKeysDown", createApi({ db: stack.db, verifyToken: keysDown }));
    const server: Server = getTestServer("apiWithKeysDown");
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/v1/me`, {
        headers: { authorization: `Bearer ${await sign({ email: "a@b.test" })}` },
      });
      expect(response.status).toBe(503);
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      const body = (await response.json()) as { error: { code: string } };
      expect(body.error.code).toBe("unavailable");
    } finally {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  });
});
