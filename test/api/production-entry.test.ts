import { getTestServer } from "@google-cloud/functions-framework/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type ErrorBody = { error: { code: string; message: string } };

let url: string;
let close: () => void;

beforeAll(async () => {
  delete process.env.POLINET_AUDIENCES;
  // Loading the production entry registers the `api` function exactly as Cloud Run does.
  await import("../../functions/src/index.js");
  const server = getTestServer("api");
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as { port: number };
  url = `http://127.0.0.1:${address.port}`;
  close = () => server.close();
});
afterAll(() => close?.());

describe("the production entry point", () => {
  it("has no /dev/token route", async () => {
    const response = await fetch(`${url}/dev/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "coordinatore@poli-net.test" }),
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as ErrorBody).error.code).toBe("not_found");
  });

  it("answers the health check and refuses every token when no audience is configured", async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const me = await fetch(`${url}/v1/me`, {
      headers: { authorization: "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln" },
    });
    expect(me.status).toBe(401);
    expect(((await me.json()) as ErrorBody).error.message).toMatch(/POLINET_AUDIENCES/);
  });
});
