import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  openMonth,
  sampleMonth,
  seedSmallNetwork,
  startTestStack,
  type TestStack,
} from "../support/test-stack.js";

let stack: TestStack;
let rho: string;
let este: string;
let rhoToken: string;
let esteToken: string;
let coordinator: string;

beforeAll(async () => {
  stack = await startTestStack();
  const seeded = await seedSmallNetwork(stack);
  ({ rho, este } = seeded);
  rhoToken = await stack.token(seeded.rhoStaff);
  esteToken = await stack.token(seeded.esteStaff);
  coordinator = await stack.token(stack.coordinator);
  // Rho's patron, San Vittore, on 8 May.
  const put = await stack.call("PUT", `/v1/municipalities/${rho}`, {
    token: coordinator,
    body: { name: "Rho", province: "MI", population: 51_000, patronDay: "05-08" },
  });
  expect(put.status).toBe(200);
});
afterAll(async () => stack?.stop());

const local = (istat: string, year: string | number) =>
  `/v1/municipalities/${istat}/calendar/${year}`;

// Weekdays worked by hand from Thursday 1 January 2026.
const networkEvents = [
  {
    id: "imu-acconto",
    title: "IMU acconto",
    kind: "deadline",
    area: "tributi",
    date: "2026-06-16",
  },
  // Friday 8 May: Rho's patron day, a business day in Este.
  { id: "scadenza-maggio", title: "Scadenza di maggio", kind: "deadline", date: "2026-05-08" },
  // Saturday 26 December (Santo Stefano), then Sunday: Monday 28.
  { id: "fine-anno", title: "Scadenza di fine anno", kind: "deadline", date: "2026-12-26" },
];
const rhoEvents = [
  {
    id: "iscrizioni-nidi",
    title: "Iscrizioni ai nidi",
    kind: "window",
    area: "servizi-educativi",
    // Saturday 10 January: a window is not moved.
    start: "2026-01-10",
    end: "2026-02-10",
    expectedUsers: 400,
    measures: ["Postazione assistita per le domande online"],
    liaison: "Ufficio scuola",
  },
  // Tuesday 2 June, Festa della Repubblica: Wednesday 3.
  { id: "tari-1", title: "TARI prima rata", kind: "deadline", area: "tributi", date: "2026-06-02" },
];

describe("network and local calendars", () => {
  it("stores the network's events (coordinator) with revisions, unchanged and stale rules", async () => {
    const put = await stack.call("PUT", "/v1/calendar/2026", {
      token: coordinator,
      body: { events: networkEvents },
    });
    expect(put).toMatchObject({ status: 200, body: { revision: 1, status: "stored" } });
    const again = await stack.call("PUT", "/v1/calendar/2026", {
      token: coordinator,
      body: { events: [...networkEvents].reverse() },
    });
    expect(again.body).toEqual({ revision: 1, status: "unchanged" });
    const stale = await stack.call("PUT", "/v1/calendar/2026", {
      token: coordinator,
      body: { events: networkEvents.slice(1), baseRevision: 0 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_revision");
    const read = await stack.call("GET", "/v1/calendar/2026", { token: rhoToken });
    expect(read.body.revision).toBe(1);
    expect(read.body.events).toHaveLength(3);
  });

  it("refuses staff writing the network calendar", async () => {
    const put = await stack.call("PUT", "/v1/calendar/2026", {
      token: rhoToken,
      body: { events: [] },
    });
    expect(put.status).toBe(403);
  });

  it("merges network and local events at their effective dates, with the patron day", async () => {
    const put = await stack.call("PUT", local(rho, 2026), {
      token: rhoToken,
      body: { events: rhoEvents },
    });
    expect(put.body).toEqual({ revision: 1, status: "stored" });
    const get = await stack.call("GET", local(rho, 2026), { token: rhoToken });
    expect(get.status).toBe(200);
    expect(get.body).toMatchObject({
      municipality: rho,
      year: "2026",
      revision: 1,
      networkRevision: 1,
      patronDay: "05-08",
    });
    expect(
      get.body.events.map((e: Record<string, string>) => [
        e.id,
        e.source,
        e.effectiveDate,
        e.effectiveStart,
        e.effectiveEnd,
      ]),
    ).toEqual([
      ["iscrizioni-nidi", "local", undefined, "2026-01-10", "2026-02-10"],
      ["scadenza-maggio", "network", "2026-05-11", "2026-05-11", "2026-05-11"],
      ["tari-1", "local", "2026-06-03", "2026-06-03", "2026-06-03"],
      ["imu-acconto", "network", "2026-06-16", "2026-06-16", "2026-06-16"],
      ["fine-anno", "network", "2026-12-28", "2026-12-28", "2026-12-28"],
    ]);
    expect(get.body.events[0]).toMatchObject({
      measures: ["Postazione assistita per le domande online"],
      liaison: "Ufficio scuola",
      expectedUsers: 400,
    });
    // Este has no patron day set: 8 May stays, and Rho's own events are not there.
    const esteGet = await stack.call("GET", local(este, 2026), { token: esteToken });
    expect(esteGet.body.revision).toBe(0);
    expect(esteGet.body.events.map((e: { id: string }) => e.id)).toEqual([
      "scadenza-maggio",
      "imu-acconto",
      "fine-anno",
    ]);
    expect(esteGet.body.events[0].effectiveDate).toBe("2026-05-08");
  });

  it("keeps revisions of a local calendar: unchanged, next revision, stale base", async () => {
    const path = local(rho, 2025);
    const first = await stack.call("PUT", path, {
      token: rhoToken,
      body: { events: [{ id: "a", title: "A", kind: "deadline", date: "2025-03-03" }] },
    });
    expect(first.body).toEqual({ revision: 1, status: "stored" });
    const second = await stack.call("PUT", path, {
      token: coordinator,
      body: {
        events: [{ id: "a", title: "A spostata", kind: "deadline", date: "2025-03-04" }],
        baseRevision: 1,
      },
    });
    expect(second.body).toEqual({ revision: 2, status: "stored" });
    const stale = await stack.call("PUT", path, {
      token: rhoToken,
      body: { events: [], baseRevision: 1 },
    });
    expect(stale.status).toBe(409);
    const get = await stack.call("GET", path, { token: rhoToken });
    expect(get.body.events.map((e: { title: string }) => e.title)).toEqual(["A spostata"]);
  });

  it("never lets staff of one municipality read or write another's calendar", async () => {
    expect((await stack.call("GET", local(rho, 2026), { token: esteToken })).status).toBe(403);
    const put = await stack.call("PUT", local(rho, 2026), {
      token: esteToken,
      body: { events: [] },
    });
    expect(put.status).toBe(403);
    expect(put.body.error.code).toBe("permission_denied");
    const get = await stack.call("GET", local(rho, 2026), { token: rhoToken });
    expect(get.body.revision).toBe(1);
  });

  it("checks procedure codes against the municipality's recent months", async () => {
    const month = openMonth();
    const year = month.slice(0, 4);
    const putMonth = await stack.call("PUT", `/v1/municipalities/${este}/months/${month}`, {
      token: esteToken,
      body: sampleMonth(),
    });
    expect(putMonth.status).toBe(200);
    const event = { id: "cie", title: "CIE", kind: "deadline", date: `${month}-15` };
    const ok = await stack.call("PUT", local(este, year), {
      token: esteToken,
      body: { events: [{ ...event, procedures: ["ANA-01"] }] },
    });
    expect(ok.body.status).toBe("stored");
    const bad = await stack.call("PUT", local(este, year), {
      token: esteToken,
      body: { events: [{ ...event, procedures: ["ANA-01", "ZZZ-9"] }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues).toEqual([
      {
        path: ["events", 0, "procedures"],
        message:
          'Evento alla riga 1 (cie): il codice "ZZZ-9" non compare tra i procedimenti inviati negli ultimi 12 mesi.',
      },
    ]);
  });
});

describe("refusals", () => {
  it.each([
    ["an impossible date", { id: "x", title: "X", kind: "deadline", date: "2026-02-30" }, "date"],
    [
      "an end before the start",
      { id: "x", title: "X", kind: "window", start: "2026-03-02", end: "2026-03-01" },
      "end",
    ],
    [
      "a deadline with a start",
      { id: "x", title: "X", kind: "deadline", date: "2026-03-02", start: "2026-03-01" },
      "start",
    ],
    [
      "an event of another year",
      { id: "x", title: "X", kind: "deadline", date: "2027-01-04" },
      "date",
    ],
    [
      "an unknown area",
      { id: "x", title: "X", kind: "deadline", date: "2026-03-02", area: "sport" },
      "area",
    ],
    [
      "negative expected users",
      { id: "x", title: "X", kind: "deadline", date: "2026-03-02", expectedUsers: -5 },
      "expectedUsers",
    ],
    [
      "notes over 2,000 characters",
      { id: "x", title: "X", kind: "deadline", date: "2026-03-02", notes: "n".repeat(2001) },
      "notes",
    ],
  ])("refuses %s with a 400 at the row and field, storing nothing", async (_name, bad, field) => {
    const put = await stack.call("PUT", local(rho, 2026), {
      token: rhoToken,
      body: { events: [...rhoEvents, bad] },
    });
    expect(put.status).toBe(400);
    expect(put.body.error.code).toBe("invalid_argument");
    expect(put.body.error.issues.map((i: { path: unknown }) => i.path)).toContainEqual([
      "events",
      2,
      field,
    ]);
    expect(put.body.error.issues[0].message).toMatch(/^Evento alla riga 3 \(x\): /);
    expect((await stack.call("GET", local(rho, 2026), { token: rhoToken })).body.revision).toBe(1);
  });

  it("refuses duplicate ids and more than 500 events", async () => {
    const dup = await stack.call("PUT", local(rho, 2026), {
      token: rhoToken,
      body: { events: [rhoEvents[1], { ...rhoEvents[1], date: "2026-07-01" }] },
    });
    expect(dup.body.error.issues[0].path).toEqual(["events", 1, "id"]);
    const events = Array.from({ length: 501 }, (_, i) => ({
      id: `e${i}`,
      title: "E",
      kind: "deadline",
      date: "2026-03-02",
    }));
    const many = await stack.call("PUT", local(rho, 2026), { token: rhoToken, body: { events } });
    expect(many.status).toBe(400);
    expect(many.body.error.issues[0]).toMatchObject({ path: ["events"] });
  });

  it("refuses years out of range, bad ISTAT codes, unknown municipalities and bad patron days", async () => {
    // Next year is the furthest a desk plans; the one after is refused.
    const tooFar = String(DateTime.now().setZone("Europe/Rome").year + 2);
    for (const year of ["abcd", "1969", tooFar, "0000", "20266"]) {
      const get = await stack.call("GET", local(rho, year), { token: rhoToken });
      expect(get.status, year).toBe(400);
    }
    expect((await stack.call("GET", local("12345", 2026), { token: coordinator })).status).toBe(
      400,
    );
    const unknown = await stack.call("PUT", local("999999", 2026), {
      token: coordinator,
      body: { events: [] },
    });
    expect(unknown.status).toBe(404);
    const patron = await stack.call("PUT", `/v1/municipalities/${este}`, {
      token: coordinator,
      body: { name: "Este", province: "PD", population: 16_300, patronDay: "02-30" },
    });
    expect(patron.status).toBe(400);
    expect(patron.body.error.issues[0].path).toEqual(["patronDay"]);
  });

  it("answers 401 without a token", async () => {
    expect((await stack.call("GET", local(rho, 2026))).status).toBe(401);
  });
});
