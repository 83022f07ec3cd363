import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logError, setLogSink } from "../../functions/src/services/log.js";
import {
  openMonth,
  sampleMonth,
  seedSmallNetwork,
  startTestStack,
  type TestStack,
} from "../support/test-stack.js";

let stack: TestStack;
let seeded: Awaited<ReturnType<typeof seedSmallNetwork>>;
const lines: string[] = [];
let restore: () => void;

beforeAll(async () => {
  stack = await startTestStack();
  seeded = await seedSmallNetwork(stack);
  restore = setLogSink((line) => lines.push(line));
});
afterAll(async () => {
  restore?.();
  await stack?.stop();
});

const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe("logs for Cloud Logging", () => {
  it("writes one JSON request line per request, with the trace, and never a token, an e-mail or a submitted figure", async () => {
    lines.length = 0;
    const token = await stack.token(seeded.rhoStaff);
    const trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    // Figures no log line could contain by chance.
    const body = sampleMonth({
      procedures: [
        { code: "ANA-01", name: "Carta d'identità", area: "anagrafe", total: 7919, desk: 7907 },
      ],
    });
    const put = await stack.call("PUT", `/v1/municipalities/${seeded.rho}/months/${openMonth()}`, {
      token,
      body,
      headers: { "x-cloud-trace-context": `${trace}/1;o=1` },
    });
    expect(put.status).toBe(200);
    const denied = await stack.call(
      "GET",
      `/v1/municipalities/${seeded.este}/months/${openMonth()}`,
      {
        token,
        headers: { traceparent: `00-${trace}-00f067aa0ba902b7-01` },
      },
    );
    expect(denied.status).toBe(403);
    const bad = await stack.call("GET", "/v1/me", { token: `${token.slice(0, -4)}AAAA` });
    expect(bad.status).toBe(401);

    const entries = parsed();
    const requests = entries.filter((e) => e.httpRequest);
    expect(requests.map((e) => e.message)).toEqual([
      "PUT /v1/municipalities/:istat/months/:month 200",
      "GET /v1/municipalities/:istat/months/:month 403",
      "GET /v1/me 401",
    ]);
    for (const entry of requests) {
      expect(entry.severity).toMatch(/^(INFO|WARNING)$/);
      expect((entry.httpRequest as { latency: string }).latency).toMatch(/^\d+\.\d{3}s$/);
    }
    expect(requests[0]?.["logging.googleapis.com/trace"]).toMatch(
      new RegExp(`^projects/.+/traces/${trace}$`),
    );
    expect(requests[1]?.["logging.googleapis.com/trace"]).toBe(
      requests[0]?.["logging.googleapis.com/trace"],
    );
    const all = lines.join("\n");
    expect(all).not.toContain(token.slice(0, 20));
    expect(all).not.toMatch(/eyJ[\w-]{10,}/);
    expect(all).not.toMatch(/@/);
    expect(all).not.toMatch(/7919|7907/);
  });

  it("gives an error its stack trace, for Error Reporting", () => {
    lines.length = 0;
    logError("Something broke", new Error("boom"), { route: "/v1/me" });
    const [entry] = parsed();
    expect(entry).toMatchObject({ severity: "ERROR", message: "Something broke", route: "/v1/me" });
    expect(String(entry?.stack_trace)).toMatch(/^Error: boom\n\s+at /);
  });
});
