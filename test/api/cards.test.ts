import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  sampleMonth,
  seedSmallNetwork,
  startTestStack,
  type TestStack,
} from "../support/test-stack.js";

// The API's clock, moved by the tests: cards are judged on the Italian calendar.
let now = new Date("2026-02-15T10:00:00Z");
let stack: TestStack;
let rho: string;
let este: string;
let rhoToken: string;
let esteToken: string;
let coordinator: string;

const card = (overrides: Record<string, unknown> = {}) => ({
  title: "Carta d'identità elettronica",
  office: "Servizi demografici",
  referent: "Maria Rossi",
  // Every 6 months: next review 1 April 2026, due from 2 March (30 days before).
  lastReviewed: "2025-10-01",
  reviewEveryMonths: 6,
  ...overrides,
});
const cardsOf = (istat: string) => `/v1/municipalities/${istat}/cards`;

beforeAll(async () => {
  stack = await startTestStack({ clock: () => now });
  const seeded = await seedSmallNetwork(stack);
  ({ rho, este } = seeded);
  rhoToken = await stack.token(seeded.rhoStaff);
  esteToken = await stack.token(seeded.esteStaff);
  coordinator = await stack.token(stack.coordinator);
  // Rho sends January 2026 with ANA-01 and TRI-01: the codes its cards may name.
  const month = await stack.call("PUT", `/v1/municipalities/${rho}/months/2026-01`, {
    token: rhoToken,
    body: sampleMonth(),
  });
  expect(month.status).toBe(200);
});
afterAll(async () => stack?.stop());

describe("procedure cards", () => {
  it("refuses bad cards in Italian, pointing at the field, and stores nothing", async () => {
    const cases: [string, Record<string, unknown>, (string | number)[], RegExp][] = [
      ["XYZ-99", card(), ["code"], /XYZ-99 non compare/],
      ["ANA-01", card({ reviewEveryMonths: 0 }), ["reviewEveryMonths"], /almeno 1 mese/],
      ["ANA-01", card({ reviewEveryMonths: 25 }), ["reviewEveryMonths"], /al massimo 24 mesi/],
      ["ANA-01", card({ reviewEveryMonths: 2.5 }), ["reviewEveryMonths"], /numero intero/],
      ["ANA-01", card({ lastReviewed: "2026-02-16" }), ["lastReviewed"], /nel futuro/],
      ["ANA-01", card({ lastReviewed: "2026-02-30" }), ["lastReviewed"], /non è una data/],
      ["ANA-01", card({ title: "   " }), ["title"], /Titolo della scheda mancante/],
      ["ANA-01", card({ notes: "x".repeat(2001) }), ["notes"], /massimo 2000 caratteri/],
      ["ANA-01", card({ sourceUrl: "intranet" }), ["sourceUrl"], /https:\/\//],
      ["ANA-01", card({ colour: "red" }), [], /Campo sconosciuto/],
    ];
    for (const [code, body, path, message] of cases) {
      const res = await stack.call("PUT", `${cardsOf(rho)}/${code}`, { token: rhoToken, body });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe("invalid_argument");
      expect(res.body.error.message).toMatch(/^La scheda del procedimento/);
      expect(res.body.error.issues).toContainEqual({
        path,
        message: expect.stringMatching(message),
      });
    }
    const list = await stack.call("GET", cardsOf(rho), { token: rhoToken });
    expect(list.body.cards).toEqual([]);
  });

  it("keeps cards to the municipality's staff and the coordinator", async () => {
    const put = await stack.call("PUT", `${cardsOf(rho)}/ANA-01`, {
      token: esteToken,
      body: card(),
    });
    expect(put.status).toBe(403);
    expect((await stack.call("GET", cardsOf(rho), { token: esteToken })).status).toBe(403);
    expect((await stack.call("GET", cardsOf(rho))).status).toBe(401);
    // Este has sent no month: no code is known there, even one Rho has.
    const esteCard = await stack.call("PUT", `${cardsOf(este)}/ANA-01`, {
      token: esteToken,
      body: card(),
    });
    expect(esteCard.status).toBe(400);
    expect(esteCard.body.error.issues[0].path).toEqual(["code"]);
  });

  it("accepts a review dated today in Italy while it is still yesterday in UTC", async () => {
    // 23:30 UTC on 15 February is 00:30 on 16 February in Rome.
    now = new Date("2026-02-15T23:30:00Z");
    const res = await stack.call("PUT", `${cardsOf(rho)}/TRI-01`, {
      token: rhoToken,
      body: card({ title: "TARI", lastReviewed: "2026-02-16", reviewEveryMonths: 12 }),
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ revision: 1, status: "stored" });
  });

  it("goes from current to due to stale as the clock moves (Europe/Rome)", async () => {
    now = new Date("2026-02-16T10:00:00Z");
    const put = await stack.call("PUT", `${cardsOf(rho)}/ANA-01`, {
      token: rhoToken,
      body: card(),
    });
    expect(put.body).toEqual({ revision: 1, status: "stored" });
    const statusOn = async (instant: string) => {
      now = new Date(instant);
      const res = await stack.call("GET", cardsOf(rho), { token: coordinator });
      expect(res.status).toBe(200);
      const ana = res.body.cards.find((c: { code: string }) => c.code === "ANA-01");
      return [res.body.today, ana.status, ana.nextReview];
    };
    expect(await statusOn("2026-02-16T10:00:00Z")).toEqual(["2026-02-16", "current", "2026-04-01"]);
    // 1 March, 23:30 UTC: already 2 March in Rome, 30 days before 1 April.
    expect(await statusOn("2026-03-01T22:30:00Z")).toEqual(["2026-03-01", "current", "2026-04-01"]);
    expect(await statusOn("2026-03-01T23:30:00Z")).toEqual(["2026-03-02", "due", "2026-04-01"]);
    expect(await statusOn("2026-03-31T21:59:00Z")).toEqual(["2026-03-31", "due", "2026-04-01"]);
    // Midnight in Rome (CEST from 29 March: UTC+2) on 1 April: six months have passed.
    expect(await statusOn("2026-03-31T22:00:00Z")).toEqual(["2026-04-01", "stale", "2026-04-01"]);
  });

  it("keeps every version: a new review is a revision, the same content again is unchanged", async () => {
    now = new Date("2026-04-02T08:00:00Z");
    const body = card({
      lastReviewed: "2026-04-01",
      sourceUrl: "https://www.comune.rho.mi.it/cie",
    });
    const first = await stack.call("PUT", `${cardsOf(rho)}/ANA-01`, { token: rhoToken, body });
    expect(first.body).toEqual({ revision: 2, status: "stored" });
    const again = await stack.call("PUT", `${cardsOf(rho)}/ANA-01`, { token: rhoToken, body });
    expect(again.body).toEqual({ revision: 2, status: "unchanged" });
    const stale = await stack.call("PUT", `${cardsOf(rho)}/ANA-01`, {
      token: rhoToken,
      body: { ...body, notes: "Nuovo modulo", baseRevision: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_revision");
    const history = await stack.call("GET", `${cardsOf(rho)}/ANA-01/revisions`, {
      token: rhoToken,
    });
    expect(
      history.body.revisions.map((r: { revision: number; lastReviewed: string }) => [
        r.revision,
        r.lastReviewed,
      ]),
    ).toEqual([
      [1, "2025-10-01"],
      [2, "2026-04-01"],
    ]);
    expect(history.body.revisions[1].updatedBy).toBe("staff@rho.test");
    const list = await stack.call("GET", cardsOf(rho), { token: rhoToken });
    const ana = list.body.cards.find((c: { code: string }) => c.code === "ANA-01");
    expect([ana.status, ana.nextReview, ana.sourceUrl]).toEqual([
      "current",
      "2026-10-01",
      "https://www.comune.rho.mi.it/cie",
    ]);
  });

  it("marks a card toCheck when an event of its procedure starts within 30 days and it was not reviewed in the 90 days before", async () => {
    now = new Date("2026-04-02T08:00:00Z");
    const calendar = await stack.call("PUT", `/v1/municipalities/${rho}/calendar/2026`, {
      token: rhoToken,
      body: {
        events: [
          // Starts 30 days after 2 April: within reach. TARI was reviewed 16 February, 75 days before.
          {
            id: "tari",
            title: "Rata TARI",
            kind: "window",
            procedures: ["TRI-01", "ANA-01"],
            start: "2026-05-02",
            end: "2026-05-20",
          },
          // 31 days after: not yet.
          {
            id: "tari-2",
            title: "Seconda rata TARI",
            kind: "window",
            procedures: ["TRI-01"],
            start: "2026-05-03",
            end: "2026-05-10",
          },
        ],
      },
    });
    expect(calendar.status).toBe(200);
    const toCheck = async () => {
      const res = await stack.call("GET", cardsOf(rho), { token: rhoToken });
      return Object.fromEntries(
        res.body.cards.map((c: { code: string; toCheck: boolean; events: { id: string }[] }) => [
          c.code,
          [c.toCheck, c.events.map((e) => e.id)],
        ]),
      );
    };
    // ANA-01 was reviewed 1 April: within 90 days of 2 May. TARI on 16 February: 75 days, too.
    expect(await toCheck()).toEqual({ "ANA-01": [false, []], "TRI-01": [false, []] });
    // Move TARI's review back to 1 February: 90 days before 2 May is 1 February, so still fine…
    await stack.call("PUT", `${cardsOf(rho)}/TRI-01`, {
      token: rhoToken,
      body: card({ title: "TARI", lastReviewed: "2026-02-01", reviewEveryMonths: 12 }),
    });
    expect(await toCheck()).toEqual({ "ANA-01": [false, []], "TRI-01": [false, []] });
    // …and to 31 January: not reviewed in the 90 days before the event.
    await stack.call("PUT", `${cardsOf(rho)}/TRI-01`, {
      token: rhoToken,
      body: card({ title: "TARI", lastReviewed: "2026-01-31", reviewEveryMonths: 12 }),
    });
    expect(await toCheck()).toEqual({ "ANA-01": [false, []], "TRI-01": [true, ["tari"]] });
    // A day later the second instalment is within 30 days too.
    now = new Date("2026-04-03T08:00:00Z");
    expect(await toCheck()).toEqual({
      "ANA-01": [false, []],
      "TRI-01": [true, ["tari", "tari-2"]],
    });
  });

  it("learns the codes of months stored before they were kept from a recomputation", async () => {
    now = new Date("2026-04-03T08:00:00Z");
    // As if Rho's months predated the procedure codes document.
    await stack.db.doc(`networks/${stack.network}/procedureCodes/${rho}`).delete();
    const body = card({ title: "TARI", lastReviewed: "2026-04-01", reviewEveryMonths: 12 });
    const before = await stack.call("PUT", `${cardsOf(rho)}/TRI-01`, { token: rhoToken, body });
    expect(before.status).toBe(400);
    expect(before.body.error.issues[0].path).toEqual(["code"]);
    const recompute = await stack.call("POST", "/v1/recompute", {
      token: coordinator,
      body: { period: "2026" },
    });
    expect(recompute.status, recompute.text).toBe(200);
    const after = await stack.call("PUT", `${cardsOf(rho)}/TRI-01`, { token: rhoToken, body });
    expect(after.status, after.text).toBe(200);
  });
});
