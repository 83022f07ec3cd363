import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStores } from "../../functions/src/store/stores.js";
import { seedSmallNetwork, startTestStack, type TestStack } from "../support/test-stack.js";

let stack: TestStack;
let rho: string;
let este: string;
let rhoToken: string;
let coordinator: string;

// Calendars sent on 1 May 2026: more than 30 days before every June peak below.
const NOW = new Date("2026-05-01T10:00:00Z");

beforeAll(async () => {
  stack = await startTestStack({ clock: () => NOW });
  const seeded = await seedSmallNetwork(stack);
  ({ rho, este } = seeded);
  rhoToken = await stack.token(seeded.rhoStaff);
  const esteToken = await stack.token(seeded.esteStaff);
  coordinator = await stack.token(stack.coordinator);
  const peak = { kind: "deadline", expectedUsers: 250 };
  const puts = await Promise.all([
    stack.call("PUT", `/v1/municipalities/${rho}/calendar/2026`, {
      token: rhoToken,
      body: {
        events: [
          { ...peak, id: "imu", title: "IMU", date: "2026-06-16", measures: ["Sabato aperto"] },
          { ...peak, id: "cie", title: "CIE", date: "2026-06-09" },
          // Under the network's threshold of 100: not a peak.
          { ...peak, id: "small", title: "Piccola", date: "2026-06-10", expectedUsers: 20 },
        ],
      },
    }),
    stack.call("PUT", `/v1/municipalities/${este}/calendar/2026`, {
      token: esteToken,
      body: {
        events: [
          { ...peak, id: "tari", title: "TARI", date: "2026-06-30", measures: ["Due operatori"] },
        ],
      },
    }),
    // Network events do not count for any municipality.
    stack.call("PUT", "/v1/calendar/2026", {
      token: coordinator,
      body: { events: [{ ...peak, id: "net", title: "Rete", date: "2026-06-15" }] },
    }),
  ]);
  for (const put of puts) expect(put.status).toBe(200);
});
afterAll(async () => stack?.stop());

describe("peaksPlannedAhead in GET /v1/indicators", () => {
  it("gives each municipality its share of peaks planned 30 days ahead, pooled as a ratio of sums", async () => {
    const get = await stack.call("GET", "/v1/indicators/2026-06", { token: coordinator });
    expect(get.status).toBe(200);
    const block = get.body.indicators.peaksPlannedAhead;
    // Rho 1 of 2, Este 1 of 1; pooled 2 / 3.
    expect(block.municipalities[rho]).toMatchObject({
      value: 50,
      rank: 2,
      numerator: 1,
      denominator: 2,
    });
    expect(block.municipalities[este]).toMatchObject({
      value: 100,
      rank: 1,
      numerator: 1,
      denominator: 1,
    });
    expect(block.pooled).toBeCloseTo(200 / 3, 10);
    expect(block.distribution).toMatchObject({ n: 2, min: 50, median: 75, max: 100 });
    // A year before nothing was calendared: no value, no change.
    expect(block.change.yearBefore.delta).toBeNull();
  });

  it("shows staff other municipalities' rates and ranks but no counts", async () => {
    const get = await stack.call("GET", "/v1/indicators/2026-06", { token: rhoToken });
    const block = get.body.indicators.peaksPlannedAhead;
    expect(block.municipalities[rho]).toMatchObject({ numerator: 1, denominator: 2 });
    expect(block.municipalities[este].value).toBe(100);
    expect(block.municipalities[este].rank).toBe(1);
    expect(block.municipalities[este]).not.toHaveProperty("numerator");
    expect(block.municipalities[este]).not.toHaveProperty("denominator");
    expect(block).not.toHaveProperty("numerator");
    expect(block).not.toHaveProperty("interval");
    const selected = await stack.call(
      "GET",
      "/v1/indicators/2026-06?indicators=peaksPlannedAhead",
      {
        token: rhoToken,
      },
    );
    expect(Object.keys(selected.body.indicators)).toEqual(["peaksPlannedAhead"]);
  });

  it("persists the same figures when the period is recomputed", async () => {
    const post = await stack.call("POST", "/v1/recompute", {
      token: coordinator,
      body: { period: "2026-06" },
    });
    expect(post.status).toBe(200);
    const persisted = await createStores(stack.db).periodIndicators.get(stack.network, "2026-06");
    expect(persisted?.indicators.peaksPlannedAhead?.pooled).toBeCloseTo(200 / 3, 10);
  });
});
