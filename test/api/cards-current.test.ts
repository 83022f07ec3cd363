import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSmallNetwork, startTestStack, type TestStack } from "../support/test-stack.js";

// The API's clock: 10 February 2026, so January and February 2026 can be sent.
const NOW = new Date("2026-02-10T10:00:00Z");
let stack: TestStack;
let rho: string;
let este: string;
let rhoToken: string;
let esteToken: string;
let coordinator: string;

const row = (code: string, area: string, total: number, desk: number) => ({
  code,
  name: `Procedimento ${code}`,
  area,
  total,
  desk,
});
const card = (lastReviewed: string, reviewEveryMonths: number) => ({
  title: "Scheda",
  office: "Ufficio",
  referent: "Referente",
  lastReviewed,
  reviewEveryMonths,
});

beforeAll(async () => {
  stack = await startTestStack({ clock: () => NOW });
  const seeded = await seedSmallNetwork(stack);
  ({ rho, este } = seeded);
  rhoToken = await stack.token(seeded.rhoStaff);
  esteToken = await stack.token(seeded.esteStaff);
  coordinator = await stack.token(stack.coordinator);
  const send = async (istat: string, token: string, month: string, procedures: unknown[]) => {
    const res = await stack.call("PUT", `/v1/municipalities/${istat}/months/${month}`, {
      token,
      body: { procedures, service: { visits: 100 } },
    });
    expect(res.status, res.text).toBe(200);
  };
  // Rho: ANA-01 and TRI-01 had desk cases, ANA-02 none.
  const rhoRows = [
    row("ANA-01", "anagrafe", 120, 95),
    row("TRI-01", "tributi", 40, 10),
    row("ANA-02", "anagrafe", 30, 0),
  ];
  await send(rho, rhoToken, "2026-01", rhoRows);
  await send(rho, rhoToken, "2026-02", rhoRows);
  await send(este, esteToken, "2026-01", [
    row("ANA-01", "anagrafe", 50, 20),
    row("TRI-01", "tributi", 10, 5),
  ]);
  const put = async (code: string, body: unknown) => {
    const res = await stack.call("PUT", `/v1/municipalities/${rho}/cards/${code}`, {
      token: rhoToken,
      body,
    });
    expect(res.status, res.text).toBe(200);
  };
  // ANA-01: reviewed 1 December, every 6 months: current on 31 January (until 1 June).
  await put("ANA-01", card("2025-12-01", 6));
  // TRI-01: reviewed 15 January 2025, every 12 months: stale from 15 January 2026…
  await put("TRI-01", card("2025-01-15", 12));
  // …then reviewed again on 5 February: current from then on, not on 31 January.
  await put("TRI-01", card("2026-02-05", 12));
  // ANA-02 has a current card but no desk case: it does not count either way.
  await put("ANA-02", card("2026-01-20", 12));
});
afterAll(async () => stack?.stop());

const cardsCurrent = async (period: string, token = coordinator) => {
  const res = await stack.call("GET", `/v1/indicators/${period}?indicators=cardsCurrent`, {
    token,
  });
  expect(res.status, res.text).toBe(200);
  return res.body.indicators.cardsCurrent;
};

describe("cardsCurrent", () => {
  it("counts the procedures with desk cases whose card was current at the period's end", async () => {
    const january = await cardsCurrent("2026-01");
    // Rho: ANA-01 current, TRI-01 stale on 31 January: 1 / 2. Este: no card, 0 / 2.
    expect(january.municipalities[rho]).toMatchObject({
      value: 50,
      numerator: 1,
      denominator: 2,
      rank: 1,
    });
    expect(january.municipalities[este]).toMatchObject({
      value: 0,
      numerator: 0,
      denominator: 2,
      rank: 2,
    });
    // Pooled (1 + 0) / (2 + 2); mean of 50 and 0.
    expect(january.pooled).toBe(25);
    expect(january.mean).toBe(25);
    // On 28 February TRI-01's review of 5 February counts: 2 / 2. Este sent no February.
    const february = await cardsCurrent("2026-02");
    expect(february.municipalities[rho]).toMatchObject({
      value: 100,
      numerator: 2,
      denominator: 2,
    });
    expect(february.municipalities[este]).toMatchObject({ value: null, rank: null });
    // The network: 100 in February against 25 in January.
    expect(february.pooled).toBe(100);
    expect(february.change.previousPeriod).toEqual({ period: "2026-01", pooled: 25, delta: 75 });
  });

  it("shows staff the others' value and rank only, as every rate", async () => {
    const seen = await cardsCurrent("2026-01", esteToken);
    expect(seen.municipalities[rho]).toEqual({
      value: 50,
      rank: 1,
      smallDenominator: true,
      change: expect.any(Object),
    });
    expect(seen.municipalities[este]).toMatchObject({ numerator: 0, denominator: 2 });
    expect(seen.numerator).toBeUndefined();
    expect(seen.interval).toBeUndefined();
  });

  it("joins the published report", async () => {
    const posted = await stack.call("POST", "/v1/reports", {
      token: coordinator,
      body: { period: "2026-01" },
    });
    expect(posted.status, posted.text).toBe(200);
    const version = await stack.call("GET", `/v1/reports/2026-01/versions/${posted.body.version}`, {
      token: rhoToken,
    });
    const indicator = version.body.report.indicators.find(
      (i: { indicator: string }) => i.indicator === "cardsCurrent",
    );
    expect(indicator.label).toBe("Schede procedimento aggiornate");
    expect(indicator.network.pooled).toBe(25);
    expect(
      indicator.municipalities.map((m: { istat: string; value: number }) => [m.istat, m.value]),
    ).toEqual([
      [rho, 50],
      [este, 0],
    ]);
  });
});
