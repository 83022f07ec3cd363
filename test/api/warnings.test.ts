import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSmallNetwork, startTestStack, type TestStack } from "../support/test-stack.js";

// The API's clock: 10 March 2026, so February 2026 is open for staff.
const NOW = new Date("2026-03-10T10:00:00Z");
let stack: TestStack;
let rho: string;
let este: string;
let rhoToken: string;
let esteToken: string;
let coordinator: string;

// The ids as DESIGN §12 wants them: the month, the remark and what it is about, hashed.
const id = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 12);
const jump = id("2026-02|filter-rate-jump|ANA-01/desk");
const missing = id("2026-02|procedure-missing|TRI-01");
const noService = id("2026-02|no-service-metrics|service");

const ana = (desk: number) => ({ code: "ANA-01", name: "CIE", area: "anagrafe", total: 100, desk });
const tri = { code: "TRI-01", name: "TARI", area: "tributi", total: 40, desk: 10 };
const service = { visits: 1000 };
const justify = (warning: string, body: unknown, token = rhoToken, istat = rho) =>
  stack.call("PUT", `/v1/municipalities/${istat}/months/2026-02/warnings/${warning}`, {
    token,
    body,
  });
const send = (body: unknown) =>
  stack.call("PUT", `/v1/municipalities/${rho}/months/2026-02`, { token: rhoToken, body });
const states = async (query = "", token = coordinator) => {
  const res = await stack.call("GET", `/v1/warnings?year=2026${query}`, { token });
  expect(res.status, res.text).toBe(200);
  return res.body.warnings.map((w: { month: string; id: string; state: string }) => [
    w.month,
    w.id,
    w.state,
  ]);
};

beforeAll(async () => {
  stack = await startTestStack({ clock: () => NOW });
  const seeded = await seedSmallNetwork(stack);
  ({ rho, este } = seeded);
  rhoToken = await stack.token(seeded.rhoStaff);
  esteToken = await stack.token(seeded.esteStaff);
  coordinator = await stack.token(stack.coordinator);
  const january = await stack.call("PUT", `/v1/municipalities/${rho}/months/2026-01`, {
    token: rhoToken,
    body: { procedures: [ana(90), tri], service },
  });
  expect(january.body.warnings).toEqual([]);
  // February: the desk's share of ANA-01 drops from 90 % to 30 %, TARI and the service are gone.
  const february = await send({ procedures: [ana(30)] });
  expect(february.status).toBe(200);
  expect(february.body.warnings.map((w: { id: string; code: string }) => [w.code, w.id])).toEqual([
    ["filter-rate-jump", jump],
    ["procedure-missing", missing],
    ["no-service-metrics", noService],
  ]);
});
afterAll(async () => stack?.stop());

describe("justify or correct", () => {
  it("refuses empty or oversized text, unknown ids and other municipalities, storing nothing", async () => {
    const empty = await justify(jump, { justification: "  " });
    expect(empty.status).toBe(400);
    expect(empty.body.error.issues).toEqual([
      { path: ["justification"], message: expect.stringMatching(/^Giustificazione mancante/) },
    ]);
    const long = await justify(jump, { justification: "x".repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.body.error.issues[0].message).toMatch(/massimo 2000 caratteri/);
    expect((await justify(jump, {})).status).toBe(400);
    expect((await justify("000000000000", { justification: "ok" })).status).toBe(404);
    expect((await justify("not-an-id", { justification: "ok" })).status).toBe(404);
    // Este's staff cannot answer Rho's warning; nor can Rho's staff answer it under Este.
    const foreign = await justify(jump, { justification: "ok" }, esteToken);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe("permission_denied");
    expect((await justify(jump, { justification: "ok" }, rhoToken, este)).status).toBe(403);
    // Este has no February at all.
    expect((await justify(jump, { justification: "ok" }, esteToken, este)).status).toBe(404);
    expect(await states("&state=justified")).toEqual([]);
  });

  it("stores a justification with author and time, keeping earlier texts", async () => {
    const first = await justify(jump, {
      justification: "Nuovo sportello online:\nmeno pratiche allo sportello.",
    });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({
      warningId: jump,
      state: "justified",
      status: "stored",
      revision: 1,
      by: "staff@rho.test",
      at: NOW.toISOString(),
    });
    const same = await justify(jump, {
      justification: "Nuovo sportello online:\nmeno pratiche allo sportello.",
    });
    expect(same.body).toMatchObject({ status: "unchanged", revision: 1 });
    const second = await justify(
      jump,
      { justification: "Servizio online attivato a febbraio." },
      coordinator,
    );
    expect(second.body).toMatchObject({ status: "stored", revision: 2, by: stack.coordinator });
    expect(await states()).toEqual([
      ["2026-02", jump, "justified"],
      ["2026-02", missing, "open"],
      ["2026-02", noService, "open"],
    ]);
  });

  it("calls a remark corrected when a later revision no longer makes it; the same remark keeps its id", async () => {
    // TARI and the service back (rows are kept in code order): the jump stays on ANA-01.
    const revision = await send({ procedures: [tri, ana(30)], service });
    expect(revision.body.revision).toBe(2);
    expect(
      revision.body.warnings.map((w: { id: string; path: unknown }) => [w.id, w.path]),
    ).toEqual([[jump, ["procedures", 0, "desk"]]]);
    expect(await states()).toEqual([
      ["2026-02", jump, "justified"],
      ["2026-02", missing, "corrected"],
      ["2026-02", noService, "corrected"],
    ]);
    expect(await states("&state=open")).toEqual([]);
    expect(await states("&state=corrected")).toHaveLength(2);
    const late = await justify(noService, { justification: "ok" });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("warning_corrected");
  });

  it("shows staff their own municipality's warnings only", async () => {
    expect(await states("", rhoToken)).toHaveLength(3);
    expect(await states("", esteToken)).toEqual([]);
    const other = await stack.call("GET", `/v1/warnings?municipality=${rho}`, { token: esteToken });
    expect(other.status).toBe(403);
    expect(
      (await stack.call("GET", "/v1/warnings?state=closed", { token: coordinator })).status,
    ).toBe(400);
  });

  it("keeps the states through a recomputation of the shards", async () => {
    const recompute = await stack.call("POST", "/v1/recompute", {
      token: coordinator,
      body: { period: "2026-02" },
    });
    expect(recompute.status, recompute.text).toBe(200);
    expect(await states()).toEqual([
      ["2026-02", jump, "justified"],
      ["2026-02", missing, "corrected"],
      ["2026-02", noService, "corrected"],
    ]);
  });

  it("puts the real state in the report's notes", async () => {
    const posted = await stack.call("POST", "/v1/reports", {
      token: coordinator,
      body: { period: "2026-02" },
    });
    expect(posted.status, posted.text).toBe(200);
    const version = await stack.call("GET", `/v1/reports/2026-02/versions/${posted.body.version}`, {
      token: coordinator,
    });
    expect(
      version.body.report.notes.map((n: { code: string; state: string }) => [n.code, n.state]),
    ).toEqual([
      ["filter-rate-jump", "justified"],
      ["procedure-missing", "corrected"],
      ["no-service-metrics", "corrected"],
    ]);
  });
});
