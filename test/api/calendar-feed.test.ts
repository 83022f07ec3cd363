import ical, { type VEvent } from "node-ical";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSmallNetwork, startTestStack, type TestStack } from "../support/test-stack.js";

let stack: TestStack;
let rho: string;
let este: string;
let rhoToken: string;
let esteToken: string;
let coordinator: string;

// The API's clock: 1 March 2026, so the feed holds 2025, 2026 and 2027.
const NOW = new Date("2026-03-01T10:00:00Z");

beforeAll(async () => {
  stack = await startTestStack({ clock: () => NOW });
  const seeded = await seedSmallNetwork(stack);
  ({ rho, este } = seeded);
  rhoToken = await stack.token(seeded.rhoStaff);
  esteToken = await stack.token(seeded.esteStaff);
  coordinator = await stack.token(stack.coordinator);
  const calls = [
    stack.call("PUT", "/v1/calendar/2025", {
      token: coordinator,
      // Saturday 13 December 2025: Monday 15.
      body: {
        events: [{ id: "imu-saldo", title: "IMU saldo", kind: "deadline", date: "2025-12-13" }],
      },
    }),
    stack.call("PUT", "/v1/calendar/2026", {
      token: coordinator,
      body: {
        events: [
          {
            id: "imu-saldo",
            title: "IMU saldo",
            kind: "deadline",
            area: "tributi",
            date: "2026-12-16",
          },
        ],
      },
    }),
    stack.call("PUT", `/v1/municipalities/${rho}/calendar/2026`, {
      token: rhoToken,
      body: {
        events: [
          {
            id: "iscrizioni",
            title: "Iscrizioni ai nidi",
            kind: "window",
            area: "servizi-educativi",
            start: "2026-01-10",
            end: "2026-02-10",
            expectedUsers: 400,
            measures: ["Postazione assistita", "Un operatore in più il martedì"],
            liaison: "Ufficio scuola, interno 214",
          },
          // Festa della Repubblica, Tuesday 2 June 2026: Wednesday 3.
          { id: "tari-1", title: "TARI prima rata", kind: "deadline", date: "2026-06-02" },
        ],
      },
    }),
    stack.call("PUT", `/v1/municipalities/${este}/calendar/2026`, {
      token: esteToken,
      body: {
        events: [{ id: "este-only", title: "Solo Este", kind: "deadline", date: "2026-04-14" }],
      },
    }),
  ];
  for (const result of await Promise.all(calls)) expect(result.status).toBe(200);
});
afterAll(async () => stack?.stop());

const feedPath = (url: string) => new URL(url).pathname;

async function newFeed(istat: string, token: string) {
  const post = await stack.call("POST", `/v1/municipalities/${istat}/calendar-feed`, { token });
  expect(post.status).toBe(201);
  return post.body.url as string;
}

/** A node-ical all-day date is local midnight of that day. */
function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function events(text: string): VEvent[] {
  return Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === "VEVENT");
}

describe("iCalendar feed", () => {
  it("serves the municipality's network and local events at effective dates, without a token", async () => {
    const url = await newFeed(rho, rhoToken);
    expect(url).toMatch(new RegExp(`^${stack.url}/feeds/[A-Za-z0-9_-]{43}\\.ics$`));
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/calendar/);
    const parsed = events(await response.text());
    const byTitle = Object.fromEntries(parsed.map((e) => [`${e.summary}@${dayOf(e.start)}`, e]));
    expect(Object.keys(byTitle).sort()).toEqual([
      "IMU saldo@2025-12-15",
      "IMU saldo@2026-12-16",
      "Iscrizioni ai nidi@2026-01-10",
      "TARI prima rata@2026-06-03",
    ]);
    const window = byTitle["Iscrizioni ai nidi@2026-01-10"] as VEvent;
    expect(window.datetype).toBe("date");
    // DTEND is exclusive: the day after 10 February.
    expect(dayOf(window.end as Date)).toBe("2026-02-11");
    expect(window.description).toContain("- Postazione assistita");
    expect(window.description).toContain("- Un operatore in più il martedì");
    expect(window.description).toContain("Referente: Ufficio scuola, interno 214");
    expect(window.description).toContain("Utenti attesi: 400");
    const moved = byTitle["IMU saldo@2025-12-15"] as VEvent;
    expect(dayOf(moved.end as Date)).toBe("2025-12-16");
    expect(moved.description).toMatch(/sabato 13 dicembre 2025.*lunedì 15 dicembre 2025/);
    // The same id in two years gives two UIDs.
    const uids = parsed.map((e) => e.uid);
    expect(new Set(uids).size).toBe(4);
  });

  it("keeps an event's UID when it moves, with a higher SEQUENCE", async () => {
    const url = await newFeed(rho, rhoToken);
    const before = events(await (await fetch(url)).text()).find(
      (e) => e.summary === "TARI prima rata",
    );
    const put = await stack.call("PUT", `/v1/municipalities/${rho}/calendar/2026`, {
      token: rhoToken,
      body: {
        events: [{ id: "tari-1", title: "TARI prima rata", kind: "deadline", date: "2026-06-05" }],
      },
    });
    expect(put.body.revision).toBe(2);
    const after = events(await (await fetch(url)).text()).find(
      (e) => e.summary === "TARI prima rata",
    );
    expect(after?.uid).toBe(before?.uid);
    expect(dayOf(after?.start as Date)).toBe("2026-06-05");
    expect(Number(after?.sequence)).toBeGreaterThan(Number(before?.sequence));
  });

  it("stops serving the previous address once a new one is made", async () => {
    const old = await newFeed(rho, rhoToken);
    const fresh = await newFeed(rho, coordinator);
    expect(fresh).not.toBe(old);
    const gone = await stack.call("GET", feedPath(old));
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe("not_found");
    expect((await stack.call("GET", feedPath(fresh))).status).toBe(200);
  });

  it("opens one municipality's calendar only, and nothing else with the secret", async () => {
    const url = await newFeed(este, esteToken);
    const text = (await stack.call("GET", feedPath(url))).text;
    expect(
      events(text)
        .map((e) => e.summary)
        .sort(),
    ).toEqual(["IMU saldo", "IMU saldo", "Solo Este"]);
    expect(text).not.toContain("TARI");
    const secret = feedPath(url).slice("/feeds/".length, -".ics".length);
    // The secret is no bearer token, and no other path takes it.
    const asToken = await stack.call("GET", `/v1/municipalities/${este}/calendar/2026`, {
      token: secret,
    });
    expect(asToken.status).toBe(401);
    for (const path of [
      `/feeds/${secret}`,
      `/feeds/${secret}.json`,
      `/feeds/${secret}.ics/x`,
      `/feeds/${"A".repeat(43)}.ics`,
    ]) {
      expect((await stack.call("GET", path)).status, path).toBe(404);
    }
    expect((await stack.call("POST", feedPath(url))).status).toBe(405);
  });

  it("lets only the municipality's staff and coordinators make an address", async () => {
    const post = await stack.call("POST", `/v1/municipalities/${rho}/calendar-feed`, {
      token: esteToken,
    });
    expect(post.status).toBe(403);
    const unknown = await stack.call("POST", "/v1/municipalities/999999/calendar-feed", {
      token: coordinator,
    });
    expect(unknown.status).toBe(404);
    expect((await stack.call("POST", `/v1/municipalities/${rho}/calendar-feed`)).status).toBe(401);
  });
});
