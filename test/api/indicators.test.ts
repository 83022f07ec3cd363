import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStores } from "../../functions/src/store/stores.js";
import { seedSmallNetwork, startTestStack, type TestStack } from "../support/test-stack.js";

let stack: TestStack;
let coordinator: string;
let esteStaff: string;
let seeded: Awaited<ReturnType<typeof seedSmallNetwork>>;

const row = (code: string, area: string, total: number, desk: number) => ({
  code,
  name: code,
  area,
  total,
  desk,
});
const put = (istat: string, month: string, body: unknown) =>
  stack.call("PUT", `/v1/municipalities/${istat}/months/${month}`, { token: coordinator, body });

beforeAll(async () => {
  stack = await startTestStack();
  seeded = await seedSmallNetwork(stack);
  coordinator = await stack.token(stack.coordinator);
  esteStaff = await stack.token(seeded.esteStaff);
  await put(seeded.rho, "2025-01", {
    procedures: [row("ANA", "anagrafe", 100, 80), row("TRI", "tributi", 50, 10)],
    service: { visits: 1000, surveyResponses: 10, surveySatisfied: 9 },
  });
  await put(seeded.rho, "2025-02", {
    procedures: [row("ANA", "anagrafe", 200, 100)],
    service: { visits: 500 },
  });
  await put(seeded.este, "2025-01", {
    procedures: [row("A1", "anagrafe", 40, 40)],
    service: { visits: 300 },
  });
  await put(seeded.rho, "2024-01", { procedures: [row("ANA", "anagrafe", 100, 50)] });
});
afterAll(async () => stack?.stop());

describe("GET /v1/indicators/{period}", () => {
  it("answers a quarter with pooled ratios of sums, distribution, ranks and completeness (worked by hand)", async () => {
    const res = await stack.call("GET", "/v1/indicators/2025-Q1", { token: coordinator });
    expect(res.status).toBe(200);
    expect(res.body.period).toBe("2025-Q1");
    // Two municipalities × three months; Rho sent two months, Este one; all sent long after the 10th.
    expect(res.body.completeness).toEqual({ expected: 6, reporting: 3, rate: 50, onTime: 0 });
    const filter = res.body.indicators.filterRate;
    // Rho: (80 + 10 + 100) / (100 + 50 + 200) = 190/350; Este 40/40; pooled 230/390.
    expect(filter.municipalities[seeded.rho]).toMatchObject({
      value: (100 * 190) / 350,
      rank: 2,
      numerator: 190,
      denominator: 350,
    });
    expect(filter.municipalities[seeded.este]).toMatchObject({
      value: 100,
      rank: 1,
      numerator: 40,
      denominator: 40,
    });
    expect(filter.pooled).toBeCloseTo((100 * 230) / 390, 10);
    expect(filter.mean).toBeCloseTo(((100 * 190) / 350 + 100) / 2, 10);
    expect(filter.distribution).toMatchObject({ n: 2, min: (100 * 190) / 350, max: 100 });
    expect(res.body.areas.tributi.filterRate.pooled).toBe(20);
    // A year before: Rho's January 2024 only, 50 %.
    expect(filter.change.yearBefore).toMatchObject({ period: "2024-Q1", pooled: 50 });
    expect(filter.change.previousPeriod).toMatchObject({
      period: "2024-Q4",
      pooled: null,
      delta: null,
    });
    // Satisfaction on 10 answers: flagged as a small denominator.
    expect(res.body.indicators.satisfactionRate.municipalities[seeded.rho]).toMatchObject({
      value: 90,
      smallDenominator: true,
    });
  });

  it("answers a month and a year", async () => {
    const month = await stack.call("GET", "/v1/indicators/2025-02", { token: coordinator });
    expect(month.body.indicators.filterRate.pooled).toBe(50);
    expect(month.body.completeness).toMatchObject({ expected: 2, reporting: 1 });
    const year = await stack.call("GET", "/v1/indicators/2025", { token: coordinator });
    expect(year.body.completeness).toMatchObject({ expected: 24, reporting: 3 });
    expect(year.body.indicators.filterRate.pooled).toBeCloseTo((100 * 230) / 390, 10);
  });

  it("answers a semester, against the previous semester and the same half a year before", async () => {
    const res = await stack.call("GET", "/v1/indicators/2025-H1", { token: coordinator });
    expect(res.status).toBe(200);
    expect(res.body.period).toBe("2025-H1");
    // Two municipalities × six months; Rho sent January and February, Este January.
    expect(res.body.completeness).toEqual({ expected: 12, reporting: 3, rate: 25, onTime: 0 });
    const filter = res.body.indicators.filterRate;
    // The same months as the first quarter: Rho 190/350, Este 40/40, pooled 230/390.
    expect(filter.municipalities[seeded.rho].value).toBe((100 * 190) / 350);
    expect(filter.pooled).toBeCloseTo((100 * 230) / 390, 10);
    // 2024-H2 holds nothing; 2024-H1 holds Rho's January 2024: 50/100.
    expect(filter.change.previousPeriod).toEqual({ period: "2024-H2", pooled: null, delta: null });
    expect(filter.change.yearBefore.period).toBe("2024-H1");
    expect(filter.change.yearBefore.pooled).toBe(50);
    expect(filter.change.yearBefore.delta).toBeCloseTo((100 * 230) / 390 - 50, 10);
    expect(filter.municipalities[seeded.rho].change.yearBefore).toBeCloseTo(
      (100 * 190) / 350 - 50,
      10,
    );
    const bad = await stack.call("GET", "/v1/indicators/2025-H3", { token: coordinator });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("YYYY-H1");
  });

  it("is never older than the latest accepted submission", async () => {
    await put(seeded.este, "2025-03", { procedures: [row("A1", "anagrafe", 60, 0)] });
    const after = await stack.call("GET", "/v1/indicators/2025-Q1", { token: coordinator });
    expect(after.body.indicators.filterRate.municipalities[seeded.este]).toMatchObject({
      numerator: 40,
      denominator: 100,
    });
    expect(after.body.completeness.reporting).toBe(4);
  });

  it("shows staff the counts of their own municipality only", async () => {
    const res = await stack.call("GET", "/v1/indicators/2025-Q1", { token: esteStaff });
    expect(res.status).toBe(200);
    const filter = res.body.indicators.filterRate;
    expect(filter.municipalities[seeded.este]).toHaveProperty("numerator");
    expect(filter.municipalities[seeded.rho]).not.toHaveProperty("numerator");
    expect(filter.municipalities[seeded.rho]).not.toHaveProperty("denominator");
    expect(filter.municipalities[seeded.rho]).not.toHaveProperty("interval");
    expect(filter.municipalities[seeded.rho].value).toBeCloseTo((100 * 190) / 350, 10);
    expect(filter).not.toHaveProperty("numerator");
    for (const block of [
      ...Object.values(res.body.indicators),
      ...Object.values(res.body.areas).map((a) => (a as { filterRate: unknown }).filterRate),
    ]) {
      const other = (block as { municipalities: Record<string, object> }).municipalities[
        seeded.rho
      ];
      if (other)
        expect(Object.keys(other).sort()).toEqual(
          [
            "change",
            "rank",
            "value",
            ...("smallDenominator" in other ? ["smallDenominator"] : []),
          ].sort(),
        );
    }
  });

  it("selects indicators, areas and municipalities on request", async () => {
    const res = await stack.call(
      "GET",
      "/v1/indicators/2025-Q1?indicators=filterRate,satisfactionRate&areas=tributi&municipalities=own",
      { token: esteStaff },
    );
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.indicators).sort()).toEqual(["filterRate", "satisfactionRate"]);
    expect(Object.keys(res.body.areas)).toEqual(["tributi"]);
    expect(Object.keys(res.body.indicators.filterRate.municipalities)).toEqual([seeded.este]);
    // The network figures stay whole: the selection trims municipalities, never the pooled value.
    const whole = await stack.call("GET", "/v1/indicators/2025-Q1", { token: coordinator });
    expect(res.body.indicators.filterRate.pooled).toBe(whole.body.indicators.filterRate.pooled);
    expect(res.body.indicators.filterRate.distribution).toEqual(
      whole.body.indicators.filterRate.distribution,
    );
    const none = await stack.call("GET", "/v1/indicators/2025-Q1?areas=none&municipalities=none", {
      token: coordinator,
    });
    expect(none.body.areas).toEqual({});
    expect(none.body.indicators.filterRate.municipalities).toEqual({});
    const unknown = await stack.call("GET", "/v1/indicators/2025-Q1?indicators=happiness", {
      token: coordinator,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/happiness/);
  });

  it("refuses malformed periods", async () => {
    for (const period of ["2025-Q5", "2025-13", "25", "2025-Q"]) {
      expect(
        (await stack.call("GET", `/v1/indicators/${period}`, { token: coordinator })).status,
        period,
      ).toBe(400);
    }
  });
});

describe("POST /v1/recompute", () => {
  it("rebuilds and persists a period; running it twice gives identical documents, equal to what GET shows", async () => {
    const first = await stack.call("POST", "/v1/recompute", {
      token: coordinator,
      body: { period: "2025-Q1" },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ period: "2025-Q1", municipalities: 2 });
    const stored = createStores(stack.db).periodIndicators;
    const once = await stored.get(stack.network, "2025-Q1");
    const second = await stack.call("POST", "/v1/recompute", {
      token: coordinator,
      body: { period: "2025-Q1" },
    });
    expect(second.body).toMatchObject({ status: "unchanged", version: first.body.version });
    const twice = await stored.get(stack.network, "2025-Q1");
    expect(twice).toEqual(once);
    const get = await stack.call("GET", "/v1/indicators/2025-Q1", { token: coordinator });
    expect(get.body).toEqual(once);
  });

  it("is for the coordinator only and needs a period", async () => {
    expect(
      (await stack.call("POST", "/v1/recompute", { token: esteStaff, body: { period: "2025-Q1" } }))
        .status,
    ).toBe(403);
    expect(
      (await stack.call("POST", "/v1/recompute", { token: coordinator, body: {} })).status,
    ).toBe(400);
  });
});

describe("data-quality warnings on submission", () => {
  it("returns them in the PUT response and keeps them with the revision", async () => {
    const months = ["2024-03", "2024-04", "2024-05", "2024-06", "2024-07"];
    for (const [i, month] of months.entries()) {
      await put(seeded.este, month, {
        procedures: [row("A1", "anagrafe", 20 + i, 10)],
        service: { visits: 100 },
      });
    }
    const res = await put(seeded.este, "2024-08", {
      procedures: [row("A1", "anagrafe", 400, 200)],
    });
    expect(res.status).toBe(200);
    const codes = res.body.warnings.map(
      (w: { code: string; severity: string }) => `${w.severity}:${w.code}`,
    );
    expect(codes).toEqual(["warning:outlier", "info:no-service-metrics"]);
    const stored = await stack.call("GET", `/v1/municipalities/${seeded.este}/months/2024-08`, {
      token: coordinator,
    });
    expect(stored.body.warnings).toEqual(res.body.warnings);
  });

  it("refuses a total that can only be a typo, with the cell to fix", async () => {
    const res = await put(seeded.este, "2024-09", {
      procedures: [row("A1", "anagrafe", 25_000, 10)],
      service: { visits: 100 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("data_quality_error");
    expect(res.body.error.issues[0].path).toEqual(["procedures", 0, "total"]);
    expect(
      (
        await stack.call("GET", `/v1/municipalities/${seeded.este}/months/2024-09`, {
          token: coordinator,
        })
      ).status,
    ).toBe(404);
  });
});
