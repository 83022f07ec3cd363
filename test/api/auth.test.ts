import { generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

/** A token with the right claims and the stack's `kid`, signed by a key the stack never made. */
async function forgedToken(email: string, realToken: string) {
  const header = JSON.parse(Buffer.from(realToken.split(".")[0] as string, "base64url").toString());
  const { privateKey } = await generateKeyPair("RS256");
  return new SignJWT({ email, email_verified: true })
    .setProtectedHeader({ alg: "RS256", kid: header.kid })
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
    ["garbage", async () => "not-a-jwt"],
    [
      "a forged signature",
      async () => forgedToken(seeded.rhoStaff, await stack.token(seeded.rhoStaff)),
    ],
    ["an expired token", async () => stack.token(seeded.rhoStaff, { expiresInSeconds: -3600 })],
    ["a wrong audience", async () => stack.token(seeded.rhoStaff, { audience: "someone-else" })],
  ])("refuses %s (401)", async (_name, makeToken) => {
    const get = await stack.call("GET", rhoPath, { token: await makeToken() });
    expect(get.status).toBe(401);
    expect(get.body.error.code).toBe("unauthenticated");
  });

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
