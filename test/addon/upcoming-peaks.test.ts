/**
 * *Aggiorna prossimi 60 giorni* end to end: network and local events at their effective dates,
 * the forecast peaks of the months ahead from three years of history, the unplanned one
 * highlighted. Dates are worked out from today (Europe/Rome) by the rules, not read from the code.
 */
import Holidays from "date-holidays";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, italianMonth, type Month, monthOf } from "../../functions/src/domain/period.js";
import {
  type AddonFixture,
  configure,
  looksHuman,
  startAddonFixture,
} from "./harness/addon-fixture.js";
import type { AddonUser } from "./harness/addon-harness.js";
import { explicitFill } from "./harness/sheet-entry.js";

const ORANGE = "#f9cb9c";
const WEEKDAY = ["lun", "mar", "mer", "gio", "ven", "sab", "dom"];
const today = DateTime.now().setZone("Europe/Rome").startOf("day");
const iso = (d: DateTime) => d.toISODate() as string;
/** `lun 07/12/2026`, as a person would write the day. */
const day = (d: DateTime) => `${WEEKDAY[d.weekday - 1]} ${d.toFormat("dd/MM/yyyy")}`;
const thisMonth = monthOf(new Date());
const nextMonth = addMonths(thisMonth, 1);
const nextMonthStart = DateTime.fromISO(`${nextMonth}-01`, { zone: "Europe/Rome" });

/** A Sunday 7 to 40 days ahead whose Monday is a working day: the deadline moves to that Monday. */
function sundayBeforeWorkingMonday(): DateTime {
  const italy = new Holidays("IT");
  for (let d = today.plus({ days: 7 }); ; d = d.plus({ days: 1 })) {
    if (d.weekday !== 7) continue;
    const monday = d.plus({ days: 1 });
    const holiday = (italy.isHoliday(monday.toJSDate()) || []).some((h) => h.type === "public");
    if (!holiday) return d;
  }
}
const sunday = sundayBeforeWorkingMonday();
const monday = sunday.plus({ days: 1 });

let fixture: AddonFixture;
let staff: AddonUser;
let staffToken: string;
let coordinatorToken: string;

async function put(path: string, token: string, body: unknown) {
  const result = await fixture.stack.call("PUT", path, { token, body });
  if (result.status !== 200) throw new Error(`${path}: ${JSON.stringify(result.body)}`);
}

/** Events grouped into the calendar of the year each starts in. */
async function putCalendar(
  path: (year: string) => string,
  token: string,
  events: Record<string, unknown>[],
) {
  const byYear = new Map<string, Record<string, unknown>[]>();
  for (const event of events) {
    const year = String(event.date ?? event.start).slice(0, 4);
    byYear.set(year, [...(byYear.get(year) ?? []), event]);
  }
  for (const [year, list] of byYear) await put(path(year), token, { events: list });
}

beforeAll(async () => {
  fixture = await startAddonFixture();
  staff = await fixture.user(fixture.stack.rhoStaff);
  configure(staff, fixture.apiUrl);
  staffToken = await fixture.stack.token(fixture.stack.rhoStaff);
  coordinatorToken = await fixture.stack.token(fixture.stack.coordinator);
  // Three years of Rho: tributi and servizi educativi at six times their usual level in the
  // month that comes next, anagrafe flat.
  const peakMonth = nextMonth.slice(5);
  for (let i = 36; i >= 1; i--) {
    const month = addMonths(thisMonth, -i) as Month;
    const peak = month.slice(5) === peakMonth;
    await put(`/v1/municipalities/015182/months/${month}`, coordinatorToken, {
      procedures: [
        { code: "ANA-01", name: "Carta d'identità", area: "anagrafe", total: 200, desk: 150 },
        {
          code: "EDU-01",
          name: "Iscrizioni",
          area: "servizi-educativi",
          total: peak ? 480 : 80,
          desk: 40,
        },
        { code: "TRI-01", name: "TARI", area: "tributi", total: peak ? 600 : 100, desk: 50 },
      ],
    });
  }
  await putCalendar((y) => `/v1/calendar/${y}`, coordinatorToken, [
    {
      id: "isee",
      title: "Rinnovo ISEE",
      kind: "window",
      area: "anagrafe",
      start: iso(today.plus({ days: 2 })),
      end: iso(today.plus({ days: 20 })),
    },
  ]);
  await putCalendar((y) => `/v1/municipalities/015182/calendar/${y}`, staffToken, [
    {
      id: "cie",
      title: "Carte d'identità: chiusura anagrafe",
      kind: "deadline",
      area: "anagrafe",
      date: iso(sunday),
      expectedUsers: 300,
      measures: ["Due operatori in più"],
    },
    {
      id: "edu",
      title: "Iscrizioni ai servizi educativi",
      kind: "window",
      area: "servizi-educativi",
      start: iso(nextMonthStart),
      end: iso(nextMonthStart.plus({ days: 9 })),
    },
    {
      id: "gone",
      title: "Evento concluso ieri",
      kind: "window",
      start: iso(today.minus({ days: 4 })),
      end: iso(today.minus({ days: 1 })),
    },
    {
      id: "far",
      title: "Evento tra novanta giorni",
      kind: "deadline",
      date: iso(today.plus({ days: 90 })),
    },
  ]);
}, 120_000);
afterAll(async () => {
  await fixture?.stop();
});

describe("Prossimi 60 giorni", () => {
  it("lists the events at their effective dates and the forecast peaks, the unplanned one highlighted", async () => {
    // The server's forecast flags both peaks; only tributi has no event in that month.
    const forecast = await fixture.stack.call(
      "GET",
      "/v1/municipalities/015182/forecast?months=3",
      { token: staffToken },
    );
    const peakOf = (area: string) =>
      forecast.body.areas
        .find((a: { area: string }) => a.area === area)
        .months.find((m: { month: string }) => m.month === nextMonth);
    expect(peakOf("tributi").peak).toBe(true);
    expect(peakOf("servizi-educativi").peak).toBe(true);
    expect(forecast.body.unplanned).toEqual([
      expect.objectContaining({ area: "tributi", month: nextMonth }),
    ]);

    const report = staff.run("refreshUpcoming");
    expect(report.errors).toEqual([]);
    expect(report.alerts).toEqual([]);
    expect(report.fetchAllCalls).toBe(1);
    expect(report.toasts[0]?.message).toContain("un picco previsto non è pianificato");
    expect(report.toasts[0]?.message).toSatisfy(looksHuman);

    const sheet = staff.document.sheet("Prossimi 60 giorni");
    const values = sheet.getRange(1, 1, sheet.getLastRow(), 10).getValues();
    const rowOf = (text: string) => values.findIndex((r) => r.includes(text));
    const text = values.flat().join(" ");
    expect(values[1]?.[1]).toBe(`dal ${day(today)} al ${day(today.plus({ days: 59 }))}`);
    // The Sunday deadline is shown on the Monday, with the date it had.
    const deadline = values[rowOf("Carte d'identità: chiusura anagrafe")] ?? [];
    expect(deadline.slice(0, 9)).toEqual([
      day(monday),
      "",
      `${day(sunday)} (giorno di chiusura)`,
      "Carte d'identità: chiusura anagrafe",
      "scadenza",
      "Comune",
      "Anagrafe",
      300,
      "Due operatori in più",
    ]);
    const isee = values[rowOf("Rinnovo ISEE")] ?? [];
    expect(isee.slice(0, 7)).toEqual([
      day(today.plus({ days: 2 })),
      day(today.plus({ days: 20 })),
      "",
      "Rinnovo ISEE",
      "periodo",
      "Rete",
      "Anagrafe",
    ]);
    expect(isee[8]).toBe("nessuna misura indicata");
    expect(rowOf("Iscrizioni ai servizi educativi")).toBeGreaterThan(rowOf("Rinnovo ISEE"));
    expect(text).not.toContain("Evento concluso ieri");
    expect(text).not.toContain("Evento tra novanta giorni");

    const peaks = values.filter((r) => r[0] === italianMonth(nextMonth));
    expect(peaks.map((r) => r[1]).sort()).toEqual(["Servizi educativi", "Tributi"]);
    const tributi = rowOf("Tributi");
    expect(values[tributi]?.[2]).toBe(Math.round(peakOf("tributi").expected));
    expect(String(values[tributi]?.[6])).toMatch(/^NON PIANIFICATO/);
    const educativi = values.findIndex(
      (r) => r[0] === italianMonth(nextMonth) && r[1] === "Servizi educativi",
    );
    expect(String(values[educativi]?.[6])).toMatch(/^Pianificato/);
    for (let c = 1; c <= 10; c++) {
      expect(explicitFill(sheet, tributi + 1, c)).toBe(ORANGE);
      expect(explicitFill(sheet, educativi + 1, c)).toBeNull();
    }
  });

  it("rewrites the sheet with the same calls, leaving nothing of the old table behind", async () => {
    const first = staff.run("refreshUpcoming");
    // The far event and the past one aside, drop every local event: the table gets shorter.
    await put(`/v1/municipalities/015182/calendar/${iso(sunday).slice(0, 4)}`, staffToken, {
      events: [],
    });
    await put(`/v1/municipalities/015182/calendar/${iso(nextMonthStart).slice(0, 4)}`, staffToken, {
      events: [],
    });
    const second = staff.run("refreshUpcoming");
    expect(second.sheetCalls).toBe(first.sheetCalls);
    const sheet = staff.document.sheet("Prossimi 60 giorni");
    const values = sheet.getRange(1, 1, sheet.maxRows, 10).getValues();
    const text = values.flat().join(" ");
    expect(text).not.toContain("Carte d'identità: chiusura anagrafe");
    // Both peaks are now unplanned, and nothing below the table is left over.
    expect(second.toasts[0]?.message).toContain("2 picchi previsti non sono pianificati");
    const lastUsed = values.findLastIndex((r) => r.some((v) => v !== ""));
    expect(lastUsed + 1).toBe(sheet.getLastRow());
    for (let r = sheet.getLastRow() + 1; r <= sheet.getLastRow() + 5; r++)
      expect(explicitFill(sheet, r, 1)).toBeNull();
  });
});
