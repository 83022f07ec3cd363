import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { auth, sheets } from "@googleapis/sheets";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seedSmallNetwork, startTestStack, type TestStack } from "../support/test-stack.js";

/**
 * The Google Sheets sink through the API, with the real `@googleapis/sheets` client aimed (by its
 * `rootUrl`) at a local server that records what it receives and answers as the Sheets API would.
 * This is as far as a test can go here: Google offers no local Sheets API.
 */
interface Recorded {
  method: string;
  path: string;
  authorization: string | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: the JSON the client sent
  body: any;
}

const SPREADSHEET = "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
let recorded: Recorded[] = [];
let failBatch = false;
let recorder: Server;
let stack: TestStack;
let coordinator: string;
let staff: string;

beforeAll(async () => {
  recorder = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => {
      raw += chunk;
    });
    req.on("end", () => {
      const path = req.url ?? "";
      recorded.push({
        method: req.method ?? "",
        path,
        authorization: req.headers.authorization,
        body: raw ? JSON.parse(raw) : undefined,
      });
      res.setHeader("content-type", "application/json");
      if (req.method === "GET") {
        res.end(
          JSON.stringify({ sheets: [{ properties: { sheetId: 0, title: "Foglio1", index: 0 } }] }),
        );
      } else if (failBatch) {
        res.statusCode = 403;
        res.end(
          JSON.stringify({
            error: {
              code: 403,
              message: "The caller does not have permission",
              status: "PERMISSION_DENIED",
            },
          }),
        );
      } else {
        res.end(JSON.stringify({ spreadsheetId: SPREADSHEET, replies: [] }));
      }
    });
  });
  await new Promise<void>((resolve) => recorder.listen(0, "127.0.0.1", resolve));
  const rootUrl = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}/`;
  const credentials = new auth.OAuth2();
  credentials.setCredentials({ access_token: "test-access-token" });
  stack = await startTestStack({
    sheetsClient: () => sheets({ version: "v4", rootUrl, auth: credentials, retry: false }),
  });
  const seeded = await seedSmallNetwork(stack);
  coordinator = await stack.token(stack.coordinator);
  staff = await stack.token(seeded.rhoStaff);
  const month = await stack.call("PUT", `/v1/municipalities/${seeded.rho}/months/2025-01`, {
    token: coordinator,
    body: { procedures: [{ code: "A", name: "A", area: "anagrafe", total: 10, desk: 5 }] },
  });
  expect(month.status, month.text).toBe(200);
});
afterAll(async () => {
  await stack?.stop();
  await new Promise<void>((resolve) => recorder?.close(() => resolve()));
});
beforeEach(() => {
  recorded = [];
  failBatch = false;
});

const publish = (period: string) =>
  stack.call("POST", "/v1/reports", { token: coordinator, body: { period } });

describe("publishing into the network's Google Sheet", () => {
  it("writes nothing to Sheets while the network has no reportSpreadsheetId", async () => {
    const res = await publish("2025-01");
    expect(res.status, res.text).toBe(200);
    expect(res.body.sheets).toBeUndefined();
    expect(recorded).toEqual([]);
  });

  it("writes the period's tab in two API calls with the functions' credentials", async () => {
    const set = await stack.call("PUT", "/v1/network", {
      token: coordinator,
      body: { reportSpreadsheetId: SPREADSHEET },
    });
    expect(set.status, set.text).toBe(200);
    const res = await publish("2025-Q1");
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: "published", version: 1 });
    expect(res.body.sheets).toMatchObject({
      status: "written",
      spreadsheetId: SPREADSHEET,
      tab: "Report 2025-Q1",
      url: `https://docs.google.com/spreadsheets/d/${SPREADSHEET}/edit#gid=1`,
    });
    expect(recorded.map((r) => `${r.method} ${r.path.split("?")[0]}`)).toEqual([
      `GET /v4/spreadsheets/${SPREADSHEET}`,
      `POST /v4/spreadsheets/${SPREADSHEET}:batchUpdate`,
    ]);
    expect(recorded[0]?.path).toContain("fields=sheets.properties");
    expect(recorded.every((r) => r.authorization === "Bearer test-access-token")).toBe(true);
    const requests = recorded[1]?.body.requests as Record<string, unknown>[];
    expect(requests[0]).toMatchObject({
      addSheet: { properties: { sheetId: 1, title: "Report 2025-Q1" } },
    });
    // One chart per indicator of DESIGN §7, §11 (peaksPlannedAhead) and §12 (cardsCurrent).
    expect(requests.filter((r) => r.addChart)).toHaveLength(9);
    // Rho's filter rate 5/10 = 50 % is in the cells as a number.
    const rows = (
      requests.find((r) => r.updateCells) as {
        updateCells: { rows: { values?: { userEnteredValue?: Record<string, unknown> }[] }[] };
      }
    ).updateCells.rows;
    const rho = rows.find((r) => r.values?.[0]?.userEnteredValue?.stringValue === "Rho");
    expect(rho?.values?.[1]?.userEnteredValue).toEqual({ numberValue: 50 });
    // Members see the delivery in the version list.
    const versions = await stack.call("GET", "/v1/reports/2025-Q1", { token: staff });
    expect(versions.body.versions[0].sheets).toMatchObject({ status: "written" });
  });

  it("publishes even when the sheet write fails, records it, and retries on the next publication", async () => {
    failBatch = true;
    const res = await publish("2025-H1");
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: "published", version: 1 });
    expect(res.body.sheets).toMatchObject({ status: "failed", spreadsheetId: SPREADSHEET });
    expect(res.body.sheets.error).toContain("permission");
    const versions = await stack.call("GET", "/v1/reports/2025-H1", { token: staff });
    expect(versions.body.versions[0].sheets).toMatchObject({ status: "failed" });
    const json = await stack.call("GET", "/v1/reports/2025-H1/versions/1", { token: staff });
    expect(json.status).toBe(200);

    failBatch = false;
    recorded = [];
    const again = await publish("2025-H1");
    expect(again.body).toMatchObject({ status: "unchanged", version: 1 });
    expect(again.body.sheets).toMatchObject({ status: "written" });
    expect(recorded).toHaveLength(2);
    // Once written, an unchanged publication leaves the sheet alone.
    recorded = [];
    const third = await publish("2025-H1");
    expect(third.body.sheets).toMatchObject({ status: "written" });
    expect(recorded).toEqual([]);
  });
});
