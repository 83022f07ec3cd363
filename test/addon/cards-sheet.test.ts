/**
 * The *Schede procedimento* sheet end to end: made and repaired by *Imposta foglio*, sent by
 * *Invia dati* in the same fetchAll as the months, errors back on the cells, and the *Stato*
 * column read back from the real API. Review dates are set relative to today (Europe/Rome) so
 * that each card is current, due or stale whatever day the test runs.
 */
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, monthOf } from "../../functions/src/domain/period.js";
import {
  type AddonFixture,
  configure,
  looksHuman,
  startAddonFixture,
} from "./harness/addon-fixture.js";
import type { AddonUser } from "./harness/addon-harness.js";
import type { FakeSheet } from "./harness/fake-sheet.js";
import {
  cellState,
  proceduresSheet,
  row,
  typeFigures,
  typeProcedures,
} from "./harness/sheet-entry.js";

const RED = "#f4cccc";
const GREEN = "#d9ead3";
const YELLOW = "#fff2cc";
const lastMonth = addMonths(monthOf(new Date()), -1);
const year = lastMonth.slice(0, 4);
const today = DateTime.now().setZone("Europe/Rome").startOf("day");
const iso = (d: DateTime) => d.toISODate() as string;
/** A date cell as Sheets gives it: midnight in Italy. */
const dateCell = (d: DateTime) => d.setZone("Europe/Rome").startOf("day").toJSDate();
const LABELS = [
  "Codice",
  "Titolo",
  "Ufficio",
  "Referente",
  "Ultima revisione",
  "Revisione ogni (mesi)",
  "Fonte (indirizzo web)",
  "Note",
  "Stato",
  "Da verificare",
];
const SHEET = "Schede procedimento";

let fixture: AddonFixture;
let staff: AddonUser;
let token: string;

const columnOf = (sheet: FakeSheet, label: string) => row(sheet, 2, 10).indexOf(label) + 1;
function typeCard(sheet: FakeSheet, at: number, fields: Partial<Record<string, unknown>>) {
  for (const [label, value] of Object.entries(fields)) {
    const column = columnOf(sheet, label);
    if (column === 0) throw new Error(`no column ${label}`);
    sheet.getRange(at, column).setValue(value);
  }
}
const card = (code: string, reviewed: DateTime, every: number, extra = {}) => ({
  Codice: code,
  Titolo: `Scheda ${code}`,
  Ufficio: "Servizi demografici",
  Referente: "M. Rossi",
  "Ultima revisione": dateCell(reviewed),
  "Revisione ogni (mesi)": every,
  ...extra,
});
const paths = (report: { requests: { method: string; url: string }[] }) =>
  report.requests.map((r) => `${r.method} ${decodeURIComponent(new URL(r.url).pathname)}`);

beforeAll(async () => {
  fixture = await startAddonFixture();
  staff = await fixture.user(fixture.stack.rhoStaff);
  token = await fixture.stack.token(fixture.stack.rhoStaff);
  configure(staff, fixture.apiUrl);
  staff.ui.promptAnswers.push({ text: year });
  expect(staff.run("setUpSheet").alerts).toEqual([]);
  typeProcedures(staff.document.sheet(proceduresSheet(lastMonth)), [
    ["ANA-01", "Carta d'identità", "Anagrafe"],
    ["ANA-02", "Residenza", "Anagrafe"],
    ["TRI-01", "TARI", "Tributi"],
  ]);
  // Repairing after the procedures are typed puts their codes in the dropdown.
  staff.ui.promptAnswers.push({ text: year });
  expect(staff.run("setUpSheet").alerts).toEqual([]);
});
afterAll(async () => {
  await fixture?.stop();
});

describe("Schede procedimento", () => {
  it("is made by Imposta foglio: Italian headers, the codes of Pratiche as a dropdown, protected header and status", () => {
    const sheet = staff.document.sheet(SHEET);
    expect(row(sheet, 2, 10)).toEqual(LABELS);
    expect(sheet.frozenRows).toBe(2);
    const rule = (label: string, r = 3) =>
      sheet.getRange(r, columnOf(sheet, label)).getDataValidations()[0]?.[0];
    expect(rule("Codice")?.values[0]).toEqual(["ANA-01", "ANA-02", "TRI-01"]);
    expect(rule("Codice", 90)?.allowInvalid).toBe(false);
    expect(rule("Ultima revisione")?.criteria).toBe("DATE_IS_VALID_DATE");
    expect(String(rule("Revisione ogni (mesi)")?.values[0])).toContain(">=1");
    expect(String(rule("Revisione ogni (mesi)")?.values[0])).toContain("<=24");
    expect(
      sheet.protections.map((p) => [p.description, p.range.getA1Notation().split(":")[0]]),
    ).toEqual([
      ["POLI-NET: intestazioni del foglio Schede procedimento", "A1"],
      ["POLI-NET: stato delle schede (lo scrive POLI-NET)", "I3"],
    ]);
  });

  it("sends the cards with their first month in one fetchAll, marks errors in Italian and writes the status", async () => {
    const sheet = staff.document.sheet(SHEET);
    typeFigures(staff.document.sheet(proceduresSheet(lastMonth)), lastMonth, [
      [120, 95],
      [40, 30],
      [10, 2],
    ]);
    typeCard(
      sheet,
      3,
      card("ANA-01", today, 12, { "Fonte (indirizzo web)": "https://rho.example/ci" }),
    );
    // Next review 10 days from today: due.
    typeCard(sheet, 4, card("ANA-02", today.minus({ months: 12 }).plus({ days: 10 }), 12));
    // Reviewed two years ago, every 12 months: stale for a year.
    typeCard(sheet, 5, card("TRI-01", today.minus({ years: 2 }), 12));
    typeCard(sheet, 6, card("ANA-02", today, 6));
    typeCard(sheet, 7, card("ZZZ-99", today, 6));
    typeCard(sheet, 8, card("ANA-01", today, 30, { Codice: "" }));
    typeCard(sheet, 9, {
      Codice: "TRI-02",
      Titolo: "Scheda",
      Ufficio: "U",
      Referente: "R",
      "Revisione ogni (mesi)": 30,
      "Ultima revisione": dateCell(today),
    });

    const report = staff.run("submitData");
    expect(report.errors).toEqual([]);
    const puts = report.requests.filter((r) => r.method === "PUT");
    expect(new Set(puts.slice(0, 5).map((r) => r.batch)).size).toBe(1);
    expect(paths({ requests: puts.slice(0, 5) }).sort()).toEqual(
      [
        `PUT /v1/municipalities/015182/months/${lastMonth}`,
        "PUT /v1/municipalities/015182/cards/ANA-01",
        "PUT /v1/municipalities/015182/cards/ANA-02",
        "PUT /v1/municipalities/015182/cards/TRI-01",
        "PUT /v1/municipalities/015182/cards/ZZZ-99",
      ].sort(),
    );
    expect(paths(report).at(-1)).toBe("GET /v1/municipalities/015182/cards");
    const message = report.alerts[0]?.message ?? "";
    expect(message).toContain("• Schede procedimento: 3 inviate, 4 non inviate");
    expect(looksHuman(message)).toBe(true);

    const status = (r: number) => cellState(sheet, r, columnOf(sheet, "Stato"));
    expect(status(3).value).toMatch(/^aggiornata \(prossima revisione /);
    expect(status(3).background).toBe(GREEN);
    expect(status(4).value).toBe(
      `da rivedere (prossima revisione ${iso(today.plus({ days: 10 }))
        .split("-")
        .reverse()
        .join("/")})`,
    );
    expect(status(4).background).toBe(YELLOW);
    expect(status(5).value).toBe(
      `scaduta dal ${iso(today.minus({ years: 1 }))
        .split("-")
        .reverse()
        .join("/")}`,
    );
    expect(status(5).background).toBe(RED);
    expect(status(7).value).toBe("non inviata");

    const duplicate = cellState(sheet, 6, 1);
    expect(duplicate.background).toBe(RED);
    expect(duplicate.note).toContain("ha già una scheda alla riga 4");
    expect(cellState(sheet, 7, 1).note).toContain("ZZZ-99 non compare in nessun mese");
    expect(cellState(sheet, 8, 1).note).toContain("manca il codice del procedimento");
    const months = cellState(sheet, 9, columnOf(sheet, "Revisione ogni (mesi)"));
    expect(months.background).toBe(RED);
    expect(months.note).toContain("al massimo 24 mesi");

    const stored = await fixture.stack.call("GET", "/v1/municipalities/015182/cards", { token });
    expect(stored.body.cards.map((c: { code: string }) => c.code).sort()).toEqual([
      "ANA-01",
      "ANA-02",
      "TRI-01",
    ]);
    expect(stored.body.cards.find((c: { code: string }) => c.code === "ANA-01").sourceUrl).toBe(
      "https://rho.example/ci",
    );
  });

  it("sends nothing unchanged, still refreshes the status, and shows toCheck when an event nears", async () => {
    const sheet = staff.document.sheet(SHEET);
    for (const r of [6, 7, 8, 9]) sheet.getRange(r, 1, 1, 8).setValues([Array(8).fill("")]);
    const start = today.plus({ days: 12 });
    // A local event naming two procedures (network events name none).
    const put = await fixture.stack.call(
      "PUT",
      `/v1/municipalities/015182/calendar/${start.year}`,
      {
        token,
        body: {
          events: [
            {
              id: "TARI-1",
              title: "Rata TARI",
              kind: "window",
              start: iso(start),
              end: iso(start.plus({ days: 3 })),
              procedures: ["TRI-01", "ANA-01"],
            },
          ],
        },
      },
    );
    expect(put.body).toMatchObject({ status: "stored" });
    const report = staff.run("submitData");
    expect(report.errors).toEqual([]);
    expect(paths(report)).toEqual(["GET /v1/municipalities/015182/cards"]);
    expect(report.alerts).toEqual([]);
    const toCheck = (r: number) => cellState(sheet, r, columnOf(sheet, "Da verificare")).value;
    // TRI-01 was last reviewed two years ago; ANA-01 today, within 90 days of the event.
    expect(toCheck(5)).toBe(
      `da verificare: Rata TARI dal ${iso(start).split("-").reverse().join("/")}`,
    );
    expect(toCheck(3)).toBe("");
    // Rows emptied since: no status, no marks left.
    expect(cellState(sheet, 6, columnOf(sheet, "Stato")).value).toBe("");
    expect(cellState(sheet, 6, 1).background).not.toBe(RED);
    expect(cellState(sheet, 6, 1).note).toBe("");
  });

  it("is repaired by Imposta foglio without losing the cards", () => {
    const sheet = staff.document.sheet(SHEET);
    const before = sheet.getRange(3, 1, 3, 10).getValues();
    sheet.getRange(2, 1).setValue("x");
    staff.ui.promptAnswers.push({ text: year });
    expect(staff.run("setUpSheet").alerts).toEqual([]);
    expect(row(sheet, 2, 10)).toEqual(LABELS);
    expect(sheet.getRange(3, 1, 3, 10).getValues()).toEqual(before);
    expect(sheet.protections).toHaveLength(2);
  });
});
