import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, type Month } from "../../functions/src/domain/period.js";
import { seedSmallNetwork, startTestStack, type TestStack } from "../support/test-stack.js";

let stack: TestStack;
let rho: string;
let rhoToken: string;
let esteToken: string;
let coordinator: string;

// The API's clock: 5 January 2026, so the forecast starts with January 2026.
const NOW = new Date("2026-01-05T09:00:00Z");

/** Two years of Rho, 2024 and 2025 alike: enrolments 500 in January (100 otherwise), tax
 * procedures 300 in June and December (100 otherwise), identity cards a flat 100. */
function month(m: Month) {
  const calendarMonth = Number(m.slice(5));
  const row = (code: string, area: string, total: number) => ({
    code,
    name: code,
    area,
    total,
    desk: Math.floor(total / 2),
  });
  return {
    procedures: [
      row("ANA-01", "anagrafe", 100),
      row("SCU-01", "servizi-educativi", calendarMonth === 1 ? 500 : 100),
      row("TRI-01", "tributi", calendarMonth === 6 || calendarMonth === 12 ? 300 : 100),
    ],
  };
}

beforeAll(async () => {
  stack = await startTestStack({ clock: () => NOW });
  const seeded = await seedSmallNetwork(stack);
  rho = seeded.rho;
  rhoToken = await stack.token(seeded.rhoStaff);
  esteToken = await stack.token(seeded.esteStaff);
  coordinator = await stack.token(stack.coordinator);
  const months = Array.from({ length: 24 }, (_, i) => addMonths("2024-01", i));
  for (const m of months) {
    const put = await stack.call("PUT", `/v1/municipalities/${rho}/months/${m}`, {
      token: coordinator,
      body: month(m),
    });
    expect(put.status, m).toBe(200);
  }
});
afterAll(async () => stack?.stop());

const forecastPath = (istat: string, query = "") => `/v1/municipalities/${istat}/forecast${query}`;

describe("load forecast", () => {
  it("forecasts each area from its own seasonality and flags the unplanned January peak", async () => {
    const get = await stack.call("GET", forecastPath(rho, "?months=3"), { token: rhoToken });
    expect(get.status).toBe(200);
    expect(get.body).toMatchObject({ municipality: rho, from: "2026-01", months: 3 });
    const byArea = Object.fromEntries(
      get.body.areas.map((a: { area: string; months: { expected: number; peak: boolean }[] }) => [
        a.area,
        a.months,
      ]),
    );
    expect(Object.keys(byArea)).toEqual(["anagrafe", "servizi-educativi", "tributi"]);
    // Two identical years: January 500 and then 100 for enrolments; 100 flat for the others
    // (tributi: level 1600 / 12, ratio 0.75 outside June and December).
    const expected = (area: string) => byArea[area].map((m: { expected: number }) => m.expected);
    const enrolments = expected("servizi-educativi");
    for (const [i, v] of [500, 100, 100].entries()) expect(enrolments[i]).toBeCloseTo(v, 0);
    for (const area of ["anagrafe", "tributi"])
      for (const v of expected(area)) expect(v).toBeCloseTo(100, 6);
    expect(byArea["servizi-educativi"].map((m: { peak: boolean }) => m.peak)).toEqual([
      true,
      false,
      false,
    ]);
    expect(byArea["servizi-educativi"][0].usual).toBeCloseTo(1600 / 12, 6);
    expect(get.body.unplanned).toEqual([
      {
        area: "servizi-educativi",
        month: "2026-01",
        expected: expect.closeTo(500, 0),
        usual: expect.closeTo(1600 / 12, 6),
      },
    ]);
  });

  it("no longer lists the peak once an event of its area covers that month", async () => {
    const put = await stack.call("PUT", `/v1/municipalities/${rho}/calendar/2026`, {
      token: rhoToken,
      body: {
        events: [
          {
            id: "iscrizioni",
            title: "Iscrizioni scolastiche",
            kind: "window",
            area: "servizi-educativi",
            start: "2026-01-13",
            end: "2026-02-10",
            measures: ["Postazione assistita"],
          },
        ],
      },
    });
    expect(put.status).toBe(200);
    const get = await stack.call("GET", forecastPath(rho), { token: rhoToken });
    expect(get.body.months).toBe(3);
    expect(get.body.unplanned).toEqual([]);
  });

  it("gives an empty forecast to a municipality without history", async () => {
    const get = await stack.call("GET", forecastPath("028037", "?months=12"), { token: esteToken });
    expect(get.body).toMatchObject({ areas: [], unplanned: [] });
  });

  it("refuses other municipalities' staff and bad horizons", async () => {
    expect((await stack.call("GET", forecastPath(rho), { token: esteToken })).status).toBe(403);
    for (const q of ["?months=0", "?months=13", "?months=abc", "?months=1.5", "?months=3&months=4"])
      expect((await stack.call("GET", forecastPath(rho, q), { token: rhoToken })).status, q).toBe(
        400,
      );
    expect((await stack.call("GET", forecastPath("999999"), { token: coordinator })).status).toBe(
      404,
    );
  });
});
