import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSmallNetwork, startTestStack, type TestStack } from "../support/test-stack.js";

let stack: TestStack;
let coordinator: string;
let staff: string;
let seeded: Awaited<ReturnType<typeof seedSmallNetwork>>;

const row = (code: string, total: number, desk: number) => ({
  code,
  name: code,
  area: "anagrafe",
  total,
  desk,
});
const put = (istat: string, month: string, body: unknown) =>
  stack.call("PUT", `/v1/municipalities/${istat}/months/${month}`, { token: coordinator, body });
const publish = (body: unknown, token = coordinator) =>
  stack.call("POST", "/v1/reports", { token, body });
const get = (path: string, token = staff) => stack.call("GET", path, { token });

/** Every key in a JSON value. */
function keysIn(value: unknown): string[] {
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...keysIn(inner)]);
}

beforeAll(async () => {
  stack = await startTestStack();
  seeded = await seedSmallNetwork(stack);
  coordinator = await stack.token(stack.coordinator);
  staff = await stack.token(seeded.esteStaff);
  for (const [istat, month, body] of [
    [
      seeded.rho,
      "2025-01",
      {
        procedures: [row("ANA", 100, 80)],
        service: { visits: 1000, meanWaitMinutes: 12.5, surveyResponses: 10, surveySatisfied: 9 },
      },
    ],
    [seeded.rho, "2025-02", { procedures: [row("ANA", 200, 100)] }],
    [seeded.este, "2025-01", { procedures: [row("A1", 40, 40)] }],
  ] as const) {
    const res = await put(istat, month, body);
    expect(res.status, res.text).toBe(200);
  }
});
afterAll(async () => stack?.stop());

describe("POST /v1/reports and the versions", () => {
  it("publishes version 1, then answers unchanged while the content is the same", async () => {
    const first = await publish({ period: "2025-H1" });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({
      period: "2025-H1",
      version: 1,
      status: "published",
      links: {
        versions: "/v1/reports/2025-H1",
        json: "/v1/reports/2025-H1/versions/1",
        html: "/v1/reports/2025-H1/versions/1.html",
      },
    });
    expect(first.body.links.openData).toBeUndefined();
    const again = await publish({ period: "2025-H1" });
    expect(again.body).toMatchObject({ version: 1, status: "unchanged", documentsWritten: 0 });
  });

  it("lets staff read the frozen report (worked by hand), with no count in it", async () => {
    const res = await get("/v1/reports/2025-H1/versions/1");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ period: "2025-H1", version: 1, by: stack.coordinator });
    const report = res.body.report;
    expect(report.period).toMatchObject({ key: "2025-H1", previous: "2024-H2" });
    // Rho (80 + 100) / 300 = 60 %, Este 40/40 = 100 %: PERCENTILE.INC p25 70, median 80, p75 90.
    const filter = report.indicators.find(
      (i: { indicator: string }) => i.indicator === "filterRate",
    );
    expect(filter.network.distribution).toEqual({
      n: 2,
      min: 60,
      p25: 70,
      median: 80,
      p75: 90,
      max: 100,
    });
    expect(filter.network.pooled).toBeCloseTo((100 * 220) / 340, 10);
    expect(filter.municipalities).toEqual([
      {
        istat: seeded.rho,
        name: "Rho",
        value: 60,
        rank: 2,
        quartile: 4,
        smallDenominator: false,
        change: { previousPeriod: null, yearBefore: null },
      },
      {
        istat: seeded.este,
        name: "Este",
        value: 100,
        rank: 1,
        quartile: 1,
        smallDenominator: false,
        change: { previousPeriod: null, yearBefore: null },
      },
    ]);
    // 2 municipalities × 6 months; 3 sent, all long after the due day.
    expect(report.completeness).toEqual({
      expected: 12,
      reporting: 3,
      rate: 25,
      onTime: 0,
      onTimeRate: 0,
    });
    expect(report.trend).toHaveLength(24);
    expect(report.trend.at(-6)).toMatchObject({ month: "2025-01" });
    expect(report.trend.at(-6).pooled.filterRate).toBeCloseTo((100 * 120) / 140, 10);
    // Months without service figures are noted (Este's January, Rho's February), and Rho's ANA
    // going from 80 % to 50 % at the desk (a jump over 25 points).
    expect(
      report.notes.map((n: { month: string; istat: string; code: string }) => [
        n.month,
        n.istat,
        n.code,
      ]),
    ).toEqual([
      ["2025-01", seeded.este, "no-service-metrics"],
      ["2025-02", seeded.rho, "filter-rate-jump"],
      ["2025-02", seeded.rho, "no-service-metrics"],
    ]);
    const counts = keysIn(res.body).filter((k) =>
      ["numerator", "denominator", "interval"].includes(k),
    );
    expect(counts).toEqual([]);
  });

  it("freezes a correction as version 2, keeps version 1, and the diff shows what changed", async () => {
    const corrected = await put(seeded.este, "2025-01", { procedures: [row("A1", 40, 20)] });
    expect(corrected.status).toBe(200);
    const second = await publish({ period: "2025-H1" });
    expect(second.body).toMatchObject({ version: 2, status: "published" });
    const v1 = await get("/v1/reports/2025-H1/versions/1");
    const esteV1 = v1.body.report.indicators[0].municipalities[1];
    expect(esteV1).toMatchObject({ istat: seeded.este, value: 100 });

    const list = await get("/v1/reports/2025-H1");
    expect(list.status).toBe(200);
    expect(
      list.body.versions.map((v: { version: number; by: string }) => [v.version, v.by]),
    ).toEqual([
      [1, stack.coordinator],
      [2, stack.coordinator],
    ]);

    const diff = await get("/v1/reports/2025-H1/diff?from=1&to=2");
    expect(diff.status).toBe(200);
    const changes = diff.body.changes as {
      municipality: { istat: string } | null;
      indicator: string;
      area: string | null;
      field: string;
      old: unknown;
      new: unknown;
    }[];
    const find = (istat: string | null, indicator: string, area: string | null, field: string) =>
      changes.find(
        (c) =>
          (c.municipality?.istat ?? null) === istat &&
          c.indicator === indicator &&
          c.area === area &&
          c.field === field,
      );
    // Este 40/40 → 20/40: 100 % → 50 %, now below Rho's 60 %.
    expect(find(seeded.este, "filterRate", null, "value")).toMatchObject({
      municipality: { istat: seeded.este, name: "Este" },
      old: 100,
      new: 50,
    });
    expect(find(seeded.este, "filterRate", null, "rank")).toMatchObject({ old: 1, new: 2 });
    expect(find(seeded.rho, "filterRate", null, "rank")).toMatchObject({ old: 2, new: 1 });
    expect(find(seeded.este, "filterRate", "anagrafe", "value")).toMatchObject({
      old: 100,
      new: 50,
    });
    expect(find(null, "filterRate", null, "distribution.max")).toMatchObject({
      old: 100,
      new: 60,
    });
    // Rho's value did not change, nor did anything of the satisfaction rate.
    expect(find(seeded.rho, "filterRate", null, "value")).toBeUndefined();
    expect(changes.filter((c) => c.indicator === "satisfactionRate")).toEqual([]);
    // The same version against itself: nothing changed.
    const none = await get("/v1/reports/2025-H1/diff?from=2&to=2");
    expect(none.body.changes).toEqual([]);
  });

  it("lists the periods published", async () => {
    const res = await get("/v1/reports");
    expect(res.status).toBe(200);
    expect(res.body.reports).toEqual([
      { period: "2025-H1", latest: 2, publishedAt: expect.any(String) },
    ]);
  });

  it.each([
    ["staff", () => publish({ period: "2025-H1" }, staff), 403],
    ["a bad period", () => publish({ period: "2025-H3" }), 400],
    ["a month 13", () => publish({ period: "2025-13" }), 400],
    ["no period", () => publish({}), 400],
    ["an unknown field", () => publish({ period: "2025-Q1", html: true }), 400],
    ["a period before the network began", () => publish({ period: "2010-H2" }), 400],
    ["a period not started yet", () => publish({ period: "2999" }), 400],
    ["a body that is not JSON", () => publish("period=2025"), 400],
  ])("refuses %s with the error shape and stores nothing", async (_what, call, status) => {
    const res = await call();
    expect(res.status).toBe(status);
    expect(Object.keys(res.body.error).sort()).toEqual(expect.arrayContaining(["code", "message"]));
    const periods = await get("/v1/reports");
    expect(periods.body.reports.map((r: { period: string }) => r.period)).toEqual(["2025-H1"]);
  });

  it.each([
    ["/v1/reports/2025-H3", 400],
    ["/v1/reports/2025-H1/versions/3", 404],
    ["/v1/reports/2025-H1/versions/0", 400],
    ["/v1/reports/2025-H1/versions/x", 400],
    ["/v1/reports/2025-Q2/versions/1", 404],
    ["/v1/reports/2025-H1/diff?from=2&to=1", 400],
    ["/v1/reports/2025-H1/diff?from=1&to=3", 404],
    ["/v1/reports/2025-H1/diff?from=1", 400],
    ["/v1/reports/2025-H1/diff?from=a&to=2", 400],
  ])("GET %s answers %i in the error shape", async (path, status) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    expect(typeof res.body.error.code).toBe("string");
    expect(typeof res.body.error.message).toBe("string");
  });

  it("needs a token to read reports", async () => {
    const res = await stack.call("GET", "/v1/reports/2025-H1");
    expect(res.status).toBe(401);
  });
});
