/**
 * The *Scadenziario ANNO* sheet end to end: made and repaired by *Imposta foglio*, sent by
 * *Invia dati* with the months in the same fetchAll, errors back on the cells, the real API.
 */
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
  filledCells,
  proceduresSheet,
  row,
  typeFigures,
  typeProcedures,
} from "./harness/sheet-entry.js";

const RED = "#f4cccc";
const thisMonth = monthOf(new Date());
const lastMonth = addMonths(thisMonth, -1);
const year = Number(lastMonth.slice(0, 4));
const sheetName = `Scadenziario ${year}`;
const LABELS = [
  "ID",
  "Titolo",
  "Tipo",
  "Area",
  "Procedimenti",
  "Data",
  "Dal",
  "Al",
  "Utenti attesi",
  "Misure organizzative",
  "Referente",
  "Note",
];

let fixture: AddonFixture;
let staff: AddonUser;
let token: string;

/** Types an event in the first free row, by the labels on screen; returns its row. */
function typeEvent(sheet: FakeSheet, fields: Partial<Record<(typeof LABELS)[number], unknown>>) {
  const labels = row(sheet, 2, 12);
  const target = Math.max(sheet.getLastRow() + 1, 3);
  for (const [label, value] of Object.entries(fields)) {
    const column = labels.indexOf(label) + 1;
    if (column === 0) throw new Error(`no column ${label}`);
    sheet.getRange(target, column).setValue(value);
  }
  return target;
}
const columnOf = (sheet: FakeSheet, label: string) => row(sheet, 2, 12).indexOf(label) + 1;
const calendarOf = async () =>
  fixture.stack.call("GET", `/v1/municipalities/015182/calendar/${year}`, { token });
const puts = (report: { requests: { method: string; url: string; batch: number }[] }) =>
  report.requests.filter((r) => r.method === "PUT");

beforeAll(async () => {
  fixture = await startAddonFixture();
  staff = await fixture.user(fixture.stack.rhoStaff);
  token = await fixture.stack.token(fixture.stack.rhoStaff);
  configure(staff, fixture.apiUrl);
  staff.ui.promptAnswers.push({ text: String(year) });
  expect(staff.run("setUpSheet").alerts).toEqual([]);
});
afterAll(async () => {
  await fixture?.stop();
});

describe("Scadenziario", () => {
  it("is made by Imposta foglio with Italian headers, dropdowns, date rules and a protected header", () => {
    const sheet = staff.document.sheet(sheetName);
    expect(row(sheet, 2, 12)).toEqual(LABELS);
    expect(String(row(sheet, 1, 1)[0])).toContain(`Scadenziario ${year}`);
    expect(sheet.frozenRows).toBe(2);
    const rule = (label: string, r = 3) =>
      sheet.getRange(r, columnOf(sheet, label)).getDataValidations()[0]?.[0];
    expect(rule("Tipo")?.values[0]).toEqual(["scadenza", "periodo"]);
    expect(rule("Area")?.values[0]).toEqual(["Anagrafe", "Servizi educativi", "Tributi"]);
    for (const label of ["Data", "Dal", "Al"]) {
      expect(rule(label)?.criteria).toBe("DATE_IS_VALID_DATE");
      expect(rule(label, 90)?.allowInvalid).toBe(false);
    }
    expect(rule("Utenti attesi")?.criteria).toBe("CUSTOM_FORMULA");
    expect(sheet.getRange(3, 1).getNumberFormats()[0]?.[0]).toBe("@");
    expect(
      sheet.protections.map((p) => [p.description, p.range.getA1Notation(), p.warningOnly]),
    ).toEqual([["POLI-NET: intestazioni del foglio Scadenziario", "A1:L2", true]]);
  });

  it("sends the events with the months in one fetchAll, gives IDs that stay, and the API stores them", async () => {
    const sheet = staff.document.sheet(sheetName);
    const imu = typeEvent(sheet, {
      Titolo: "IMU seconda rata",
      Tipo: "scadenza",
      Area: "Tributi",
      Data: `${year}-12-16`,
      "Utenti attesi": 400,
      "Misure organizzative": "Sportello aperto anche il sabato\nAppuntamenti, prenotazione online",
      Referente: "Ufficio tributi",
    });
    const school = typeEvent(sheet, {
      Titolo: "Iscrizioni scolastiche",
      Area: "Servizi educativi",
      Dal: `${year}-01-08`,
      Al: `${year}-01-31`,
      Note: "Kind left empty: from/to makes it a window",
    });
    const procedures = staff.document.sheet(proceduresSheet(lastMonth));
    typeProcedures(procedures, [["ANA-01", "Carta d'identità", "Anagrafe"]]);
    typeFigures(procedures, lastMonth, [[120, 95]]);

    const report = staff.run("submitData");
    expect(report.errors).toEqual([]);
    expect(report.alerts).toEqual([]);
    const sent = puts(report);
    expect(sent.map((r) => new URL(r.url).pathname).sort()).toEqual(
      [
        `/v1/municipalities/015182/calendar/${year}`,
        `/v1/municipalities/015182/months/${lastMonth}`,
      ].sort(),
    );
    expect(new Set(sent.map((r) => r.batch)).size).toBe(1);
    const calendarPut = sent.find((r) => r.url.includes("/calendar/")) as { json?: unknown };
    // The first send from this file overwrites nothing it knows of: no baseRevision.
    expect(calendarPut.json).not.toHaveProperty("baseRevision");
    expect(report.toasts[0]?.message).toContain(`• Scadenziario ${year}: inviato (revisione 1).`);
    expect(sheet.getRange(imu, 1).getValue()).toBe(`EV-${year}-001`);
    expect(sheet.getRange(school, 1).getValue()).toBe(`EV-${year}-002`);

    const stored = await calendarOf();
    expect(stored.status).toBe(200);
    expect(stored.body.revision).toBe(1);
    const byId = Object.fromEntries(stored.body.events.map((e: { id: string }) => [e.id, e]));
    expect(byId[`EV-${year}-001`]).toMatchObject({
      title: "IMU seconda rata",
      kind: "deadline",
      area: "tributi",
      date: `${year}-12-16`,
      expectedUsers: 400,
      measures: ["Sportello aperto anche il sabato", "Appuntamenti, prenotazione online"],
      liaison: "Ufficio tributi",
      source: "local",
    });
    expect(byId[`EV-${year}-002`]).toMatchObject({
      kind: "window",
      area: "servizi-educativi",
      start: `${year}-01-08`,
      end: `${year}-01-31`,
    });

    // Nothing changed: nothing sent, and the IDs are the same.
    const again = staff.run("submitData");
    expect(again.requests).toEqual([]);
    expect(sheet.getRange(imu, 1).getValue()).toBe(`EV-${year}-001`);

    // An edit is sent with the revision this file last saw.
    sheet.getRange(school, columnOf(sheet, "Utenti attesi")).setValue(900);
    const edited = staff.run("submitData");
    const put = puts(edited);
    expect(put.map((r) => new URL(r.url).pathname)).toEqual([
      `/v1/municipalities/015182/calendar/${year}`,
    ]);
    expect((put[0] as { json?: unknown }).json).toMatchObject({ baseRevision: 1 });
    expect(edited.toasts[0]?.message).toContain("inviato (revisione 2)");
  });

  it("puts errors on the exact cells, its own and the server's, and clears them once fixed", () => {
    const sheet = staff.document.sheet(sheetName);
    const backwards = typeEvent(sheet, {
      Titolo: "Rinnovo ISEE",
      Tipo: "periodo",
      Dal: `${year}-02-20`,
      Al: `${year}-02-10`,
    });
    const refused = staff.run("submitData");
    // Checked before sending: no PUT at all.
    expect(puts(refused)).toEqual([]);
    const message = refused.alerts[0]?.message ?? "";
    expect(message).toContain(
      `Scadenziario ${year}: non inviato: un errore, vedere le celle in rosso.`,
    );
    expect(message).toSatisfy(looksHuman);
    const end = cellState(sheet, backwards, columnOf(sheet, "Al"));
    expect(end.background).toBe(RED);
    expect(end.note).toBe(
      `POLI-NET – errore: Evento alla riga ${backwards} (EV-${year}-003): la data di fine (${year}-02-10) precede quella di inizio (${year}-02-20).`,
    );

    // The server alone knows which procedure codes the municipality uses.
    sheet.getRange(backwards, columnOf(sheet, "Al")).setValue(`${year}-02-28`);
    const procedures = columnOf(sheet, "Procedimenti");
    sheet.getRange(backwards, procedures).setValue("ANA-01, XYZ-99");
    const server = staff.run("submitData");
    expect(puts(server)).toHaveLength(1);
    expect(cellState(sheet, backwards, columnOf(sheet, "Al")).note).toBe("");
    const codes = cellState(sheet, backwards, procedures);
    expect(codes.background).toBe(RED);
    expect(codes.note).toMatch(
      new RegExp(
        `^POLI-NET – errore: Evento alla riga ${backwards} \\(EV-${year}-003\\): .*"XYZ-99"`,
      ),
    );

    // A row copied with its ID: refused on the ID cell, with what to do.
    const copy = typeEvent(sheet, { ID: `EV-${year}-001`, Titolo: "Copia", Data: `${year}-03-02` });
    sheet.getRange(backwards, procedures).setValue("ANA-01");
    const duplicate = staff.run("submitData");
    expect(puts(duplicate)).toEqual([]);
    expect(cellState(sheet, copy, 1).note).toContain("cancellarne l'ID");
    sheet.getRange(copy, 1).setValue("");
    const fixed = staff.run("submitData");
    expect(sheet.getRange(copy, 1).getValue()).toBe(`EV-${year}-004`);
    expect(fixed.alerts).toEqual([]);
    expect(fixed.toasts[0]?.message).toContain("inviato (revisione 3)");
    expect(cellState(sheet, backwards, procedures).note).toBe("");
    // No fill left behind anywhere under the headers.
    expect(filledCells(sheet, 3)).toEqual([]);
  });

  it("says so when someone else changed the calendar, and the next send puts the sheet's version", async () => {
    const coordinator = await fixture.stack.token(fixture.stack.coordinator);
    const current = await calendarOf();
    const local = current.body.events
      .filter((e: { source: string }) => e.source === "local")
      .map(
        ({
          source,
          effectiveDate,
          effectiveStart,
          effectiveEnd,
          ...event
        }: Record<string, unknown>) => event,
      );
    const put = await fixture.stack.call("PUT", `/v1/municipalities/015182/calendar/${year}`, {
      token: coordinator,
      body: { events: local.slice(1) },
    });
    expect(put.body).toMatchObject({ revision: 4, status: "stored" });

    const sheet = staff.document.sheet(sheetName);
    sheet.getRange(3, columnOf(sheet, "Referente")).setValue("Ufficio tributi, sig.ra Rossi");
    const stale = staff.run("submitData");
    expect((puts(stale)[0] as { json?: unknown }).json).toMatchObject({ baseRevision: 3 });
    expect(stale.alerts[0]?.message).toContain("modificato sul server da un'altra persona");
    expect(cellState(sheet, 2, 1).background).toBe(RED);

    const overwrite = staff.run("submitData");
    expect((puts(overwrite)[0] as { json?: unknown }).json).not.toHaveProperty("baseRevision");
    expect(overwrite.toasts[0]?.message).toContain("inviato (revisione 5)");
    expect(cellState(sheet, 2, 1).note).toBe("");
    expect(
      (await calendarOf()).body.events.filter((e: { source: string }) => e.source === "local"),
    ).toHaveLength(4);
  });

  it("is repaired by Imposta foglio without touching the events", () => {
    const sheet = staff.document.sheet(sheetName);
    const before = sheet.getRange(3, 1, 3, 12).getValues();
    sheet.getRange(2, 1, 1, 3).setValues([["x", "y", "z"]]);
    staff.ui.promptAnswers.push({ text: String(year) });
    expect(staff.run("setUpSheet").alerts).toEqual([]);
    expect(row(sheet, 2, 12)).toEqual(LABELS);
    expect(sheet.getRange(3, 1, 3, 12).getValues()).toEqual(before);
    expect(sheet.protections).toHaveLength(1);
  });
});
