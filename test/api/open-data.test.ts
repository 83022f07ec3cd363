import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSmallNetwork, startTestStack, type TestStack } from "../support/test-stack.js";

let stack: TestStack;
let coordinator: string;
let seeded: Awaited<ReturnType<typeof seedSmallNetwork>>;

/** The raw bytes: `Response.text()` would drop the byte-order mark this test looks for. */
async function open(path: string) {
  const response = await fetch(`${stack.url}${path}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes };
}

beforeAll(async () => {
  stack = await startTestStack();
  seeded = await seedSmallNetwork(stack);
  coordinator = await stack.token(stack.coordinator);
  const month = (istat: string, body: unknown) =>
    stack.call("PUT", `/v1/municipalities/${istat}/months/2025-01`, { token: coordinator, body });
  await month(seeded.rho, {
    procedures: [{ code: "ANA", name: "CIE", area: "anagrafe", total: 100, desk: 80 }],
    service: { visits: 1000, meanWaitMinutes: 12.5 },
  });
  await month(seeded.este, {
    procedures: [{ code: "A1", name: "CIE", area: "anagrafe", total: 40, desk: 30 }],
  });
  const published = await stack.call("POST", "/v1/reports", {
    token: coordinator,
    body: { period: "2025-01" },
  });
  expect(published.body.status).toBe("published");
});
afterAll(async () => stack?.stop());

describe("GET /open/{network}/{period}.csv and .json", () => {
  it("is 404 while the network's openData setting is off, without a token", async () => {
    for (const ext of ["csv", "json"]) {
      const res = await open(`/open/${stack.network}/2025-01.${ext}`);
      expect(res.status).toBe(404);
      expect(JSON.parse(res.bytes.toString()).error.code).toBe("not_found");
    }
  });

  it("serves the latest version as CSV for Italian spreadsheets once openData is on", async () => {
    const on = await stack.call("PUT", "/v1/network", {
      token: coordinator,
      body: { openData: true },
    });
    expect(on.status).toBe(200);
    const res = await open(`/open/${stack.network}/2025-01.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    // UTF-8 byte-order mark, then CRLF line ends and `;` between fields.
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.bytes.subarray(3).toString("utf8");
    const lines = text.split("\r\n");
    expect(lines.at(-1)).toBe("");
    expect(text.replaceAll("\r\n", "")).not.toContain("\n");
    expect(lines[0]).toBe(
      '"codice_istat";"comune";"periodo";"indicatore";"area";"valore";"posizione"',
    );
    // Rho 80/100 = 80 %, Este 30/40 = 75 %; Rho waits 12.5 minutes, Este sent no wait;
    // Rho: 1,000 visits over 51,000 inhabitants = 19.6078431… per 1,000, six decimals, comma.
    expect(lines).toContain('"015182";"Rho";"2025-01";"filterRate";"";80;1');
    expect(lines).toContain('"028037";"Este";"2025-01";"filterRate";"";75;2');
    expect(lines).toContain('"015182";"Rho";"2025-01";"meanWaitMinutes";"";12,5;1');
    expect(lines).toContain('"028037";"Este";"2025-01";"meanWaitMinutes";"";;');
    expect(lines).toContain('"015182";"Rho";"2025-01";"visitsPer1000Inhabitants";"";19,607843;1');
    expect(lines).toContain('"028037";"Este";"2025-01";"filterRate";"anagrafe";75;2');
    // 2 municipalities × 9 indicators (the 7 of the months, peaksPlannedAhead, cardsCurrent),
    // + 2 × 1 area, + the header, + the final empty line.
    expect(lines).toHaveLength(2 * 9 + 2 + 2);
  });

  it("serves the latest version as JSON, without the data-quality notes", async () => {
    const res = await open(`/open/${stack.network}/2025-01.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = JSON.parse(res.bytes.toString("utf8"));
    expect(body).toMatchObject({ period: "2025-01", version: 1 });
    expect(body.report.period.key).toBe("2025-01");
    expect(body.report).not.toHaveProperty("notes");
    expect(body.report.indicators[0].municipalities[0]).toMatchObject({
      istat: "015182",
      value: 80,
    });
  });

  it("follows a new version", async () => {
    await stack.call("PUT", `/v1/municipalities/${seeded.este}/months/2025-01`, {
      token: coordinator,
      body: { procedures: [{ code: "A1", name: "CIE", area: "anagrafe", total: 40, desk: 40 }] },
    });
    const second = await stack.call("POST", "/v1/reports", {
      token: coordinator,
      body: { period: "2025-01" },
    });
    expect(second.body).toMatchObject({
      version: 2,
      links: {
        openData: {
          csv: `/open/${stack.network}/2025-01.csv`,
          json: `/open/${stack.network}/2025-01.json`,
        },
      },
    });
    const text = (await open(`/open/${stack.network}/2025-01.csv`)).bytes.toString("utf8");
    expect(text).toContain('"028037";"Este";"2025-01";"filterRate";"";100;1\r\n');
    const json = JSON.parse((await open(`/open/${stack.network}/2025-01.json`)).bytes.toString());
    expect(json.version).toBe(2);
  });

  it.each([
    ["an unknown network", "/open/no-such-network/2025-01.csv", 404],
    ["a period never published", "/open/NETWORK/2025-02.csv", 404],
    ["a bad period", "/open/NETWORK/2025-13.csv", 400],
    ["another format", "/open/NETWORK/2025-01.xml", 404],
  ])("answers %s in the error shape", async (_what, path, status) => {
    const res = await open(path.replace("NETWORK", stack.network));
    expect(res.status).toBe(status);
    const body = JSON.parse(res.bytes.toString("utf8"));
    expect(typeof body.error.message).toBe("string");
  });

  it("turns off again with the setting", async () => {
    await stack.call("PUT", "/v1/network", { token: coordinator, body: { openData: false } });
    expect((await open(`/open/${stack.network}/2025-01.csv`)).status).toBe(404);
  });
});
