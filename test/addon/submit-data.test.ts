/**
 * *Invia dati* end to end: the built add-on, a sheet typed like staff type it, the real API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, italianMonth, type Month, monthOf } from "../../functions/src/domain/period.js";
import {
  type AddonFixture,
  configure,
  looksHuman,
  startAddonFixture,
} from "./harness/addon-fixture.js";
import type { AddonUser } from "./harness/addon-harness.js";
import {
  cellState,
  explicitFill,
  filledCells,
  monthColumns,
  proceduresSheet,
  rowOfCode,
  serviceRowOf,
  serviceSheet,
  typeFigures,
  typeProcedures,
  typeService,
} from "./harness/sheet-entry.js";

const PROCEDURES = [
  ["ANA-01", "Carta d'identità", "Anagrafe"],
  ["TRI-01", "TARI", "Tributi"],
  ["EDU-01", "Iscrizione al nido", "Servizi educativi"],
  ["ANA-02", "Certificati", "Anagrafe"],
] as const;
const RED = "#f4cccc";
const YELLOW = "#fff2cc";
const LIGHT_BLUE = "#cfe2f3";
const thisMonth = monthOf(new Date());
const lastMonth = addMonths(thisMonth, -1);
/** Locked for staff whatever today is: months lock 60 days after their end. */
const lockedMonth = addMonths(thisMonth, -4);

let fixture: AddonFixture;
let staff: AddonUser;
let token: string;

/** Sets up the month's yearly sheets (once per year) and types the procedures in. */
function prepareYear(month: Month) {
  if (staff.document.book.getSheetByName(proceduresSheet(month))) return;
  staff.ui.promptAnswers.push({ text: month.slice(0, 4) });
  expect(staff.run("setUpSheet").alerts).toEqual([]);
  typeProcedures(staff.document.sheet(proceduresSheet(month)), PROCEDURES);
}

const stored = (month: Month) =>
  fixture.stack.call("GET", `/v1/municipalities/015182/months/${month}`, { token });
const puts = (report: { requests: { method: string; url: string }[] }) =>
  report.requests.filter((r) => r.method === "PUT").map((r) => r.url.split("/months/")[1]);

beforeAll(async () => {
  fixture = await startAddonFixture();
  staff = await fixture.user(fixture.stack.rhoStaff);
  token = await fixture.stack.token(fixture.stack.rhoStaff);
  configure(staff, fixture.apiUrl);
  for (const month of [lastMonth, thisMonth, lockedMonth]) prepareYear(month);
});
afterAll(async () => {
  await fixture?.stop();
});

describe("Invia dati", () => {
  it("sends the two months with figures, in one fetchAll, and the API stores them", async () => {
    typeFigures(staff.document.sheet(proceduresSheet(lastMonth)), lastMonth, [
      [120, 95],
      [40, 10],
      [30, 30],
    ]);
    typeService(
      staff.document.sheet(serviceSheet(lastMonth)),
      lastMonth,
      [1800, 11.5, 1500, 140, 121, 3, 38],
    );
    typeFigures(staff.document.sheet(proceduresSheet(thisMonth)), thisMonth, [
      [100, 80],
      [35, 12],
      [0, 0],
      ["50", "45"],
    ]);

    const report = staff.run("submitData");
    expect(report.errors).toEqual([]);
    // Only information (no service figures this month): a toast, not a dialog.
    expect(report.alerts).toEqual([]);
    expect(puts(report).sort()).toEqual([lastMonth, thisMonth].sort());
    const batches = new Set(report.requests.filter((r) => r.method === "PUT").map((r) => r.batch));
    expect(batches.size).toBe(1);
    expect(report.toasts[0]?.message).toMatch(
      /inviato \(revisione 1\)[\s\S]*inviato \(revisione 1\)/,
    );
    // Information is not announced as a warning: counted apart, light blue, labelled as such.
    expect(report.toasts[0]?.message).toContain(
      `${italianMonth(thisMonth)}: inviato (revisione 1); un'informazione, nella nota in azzurro.`,
    );
    expect(report.toasts[0]?.message).not.toMatch(/avvis|giallo/);
    expect(report.toasts[0]?.message).toSatisfy(looksHuman);
    const service = staff.document.sheet(serviceSheet(thisMonth));
    const noticeRow = serviceRowOf(service, thisMonth);
    expect(cellState(service, noticeRow, 1)).toEqual({
      value: italianMonth(thisMonth),
      // The remark's month and stable id, for Giustifica segnalazione.
      note: expect.stringMatching(
        new RegExp(
          `^POLI-NET – informazione: Per ${italianMonth(thisMonth)} non ci sono indicatori di servizio \\(accessi, attese, soddisfazione, orari\\)\\. \\[segnalazione ${thisMonth}/[0-9a-f]{12}\\]$`,
        ),
      ),
      background: LIGHT_BLUE,
    });
    // Only the marked cell got a fill: writing marks never paints the rest of the block white.
    expect(filledCells(service, 3)).toEqual([`A${noticeRow}: ${LIGHT_BLUE}`]);
    expect(filledCells(staff.document.sheet(proceduresSheet(thisMonth)), 4)).toEqual([]);

    const last = await stored(lastMonth);
    expect(last.status).toBe(200);
    expect(last.body.revision).toBe(1);
    expect(last.body.procedures).toEqual([
      { code: "ANA-01", name: "Carta d'identità", area: "anagrafe", total: 120, desk: 95 },
      {
        code: "EDU-01",
        name: "Iscrizione al nido",
        area: "servizi-educativi",
        total: 30,
        desk: 30,
      },
      { code: "TRI-01", name: "TARI", area: "tributi", total: 40, desk: 10 },
    ]);
    expect(last.body.service).toEqual({
      visits: 1800,
      meanWaitMinutes: 11.5,
      servedWithinTarget: 1500,
      surveyResponses: 140,
      surveySatisfied: 121,
      complaints: 3,
      openingHoursWeekly: 38,
    });
    const current = await stored(thisMonth);
    expect(current.body.procedures).toHaveLength(4);
    expect(current.body.service).toEqual({});
  });

  it("sends nothing when nothing changed", () => {
    const report = staff.run("submitData");
    expect(report.requests).toEqual([]);
    expect(report.toasts[0]?.message).toBe(
      "Nessun mese, nessun evento dello scadenziario e nessuna scheda modificati dall'ultimo invio: non c'è niente da inviare.",
    );
  });

  it("paints a warning yellow and an information light blue, and counts them apart", () => {
    const sheet = staff.document.sheet(proceduresSheet(thisMonth));
    const service = staff.document.sheet(serviceSheet(thisMonth));
    const row = rowOfCode(sheet, "TRI-01");
    const { desk } = monthColumns(sheet, thisMonth);
    // TRI-01 went from 10 of 40 at the desk (25 %) to 34 of 35 (97 %): a jump of 72 points.
    sheet.getRange(row, desk).setValue(34);
    const report = staff.run("submitData");
    expect(puts(report)).toEqual([thisMonth]);
    // A figure to check interrupts with a dialog; the information alone would not.
    expect(report.alerts[0]?.message).toContain(
      `${italianMonth(thisMonth)}: inviato (revisione 2); un avviso da verificare, vedere la nota in giallo; un'informazione, nella nota in azzurro.`,
    );
    expect(cellState(sheet, row, desk).background).toBe(YELLOW);
    expect(cellState(sheet, row, desk).note).toMatch(/^POLI-NET – avviso: Riga \d+ \(TRI-01\)/);
    expect(cellState(service, serviceRowOf(service, thisMonth), 1).background).toBe(LIGHT_BLUE);

    sheet.getRange(row, desk).setValue(12);
    const back = staff.run("submitData");
    expect(back.alerts).toEqual([]);
    expect(cellState(sheet, row, desk).note).toBe("");
    expect(explicitFill(sheet, row, desk)).toBeNull();
    expect(filledCells(sheet, 4)).toEqual([]);
  });

  it("puts errors on the exact cells, keeps the user's own notes, and clears the marks once fixed", async () => {
    const sheet = staff.document.sheet(proceduresSheet(lastMonth));
    const service = staff.document.sheet(serviceSheet(lastMonth));
    const row = rowOfCode(sheet, "TRI-01");
    const { desk } = monthColumns(sheet, lastMonth);
    sheet.getRange(row, desk).setValue(50).setNote("da verificare con l'ufficio tributi");
    const serviceRow = typeService(service, lastMonth, [1800, 11.5, 1500, 140, 150]);

    const refused = staff.run("submitData");
    expect(puts(refused)).toEqual([]);
    expect(refused.alerts[0]?.message).toContain(
      "non inviato: 2 errori, vedere le celle in rosso.",
    );
    expect(refused.alerts[0]?.message).toSatisfy(looksHuman);
    const marked = cellState(sheet, row, desk);
    expect(marked.background).toBe(RED);
    expect(marked.note).toBe(
      `POLI-NET – errore: Riga ${row} (TRI-01): le pratiche allo sportello (50) superano le pratiche totali (40).\nda verificare con l'ufficio tributi`,
    );
    expect(cellState(service, serviceRow, 6)).toMatchObject({
      background: RED,
      note: "POLI-NET – errore: Servizio: gli utenti soddisfatti (150) superano i questionari raccolti (140).",
    });
    expect(cellState(sheet, row, desk - 1).note).toBe("");
    expect((await stored(lastMonth)).body.revision).toBe(1);

    sheet.getRange(row, desk).setValue(20);
    service.getRange(serviceRow, 6).setValue(121);
    const fixed = staff.run("submitData");
    expect(puts(fixed)).toEqual([lastMonth]);
    expect(fixed.toasts[0]?.message).toContain("inviato (revisione 2)");
    expect(cellState(sheet, row, desk)).toEqual({
      value: 20,
      note: "da verificare con l'ufficio tributi",
      background: "#ffffff",
    });
    expect(cellState(service, serviceRow, 6)).toEqual({
      value: 121,
      note: "",
      background: "#ffffff",
    });
    // The marks are gone without leaving an explicit white fill behind.
    expect(explicitFill(sheet, row, desk)).toBeNull();
    expect(explicitFill(service, serviceRow, 6)).toBeNull();
    expect(filledCells(sheet, 4)).toEqual([]);
    expect((await stored(lastMonth)).body.revision).toBe(2);

    // An error undone by going back to what the server holds: nothing to send, mark cleared.
    sheet.getRange(row, desk).setValue(60);
    expect(cellState(sheet, row, desk).background).toBe("#ffffff");
    expect(staff.run("submitData").alerts).toHaveLength(1);
    sheet.getRange(row, desk).setValue(20);
    const undone = staff.run("submitData");
    expect(undone.requests).toEqual([]);
    expect(cellState(sheet, row, desk)).toEqual({
      value: 20,
      note: "da verificare con l'ufficio tributi",
      background: "#ffffff",
    });
  });

  it("says in Italian that a locked month is closed, on its heading, and stores nothing", async () => {
    const sheet = staff.document.sheet(proceduresSheet(lockedMonth));
    typeFigures(sheet, lockedMonth, [[10, 5]]);
    const report = staff.run("submitData");
    expect(puts(report)).toEqual([lockedMonth]);
    const message = report.alerts[0]?.message ?? "";
    expect(message).toContain("è chiuso");
    expect(message).toContain("coordinatore");
    expect(message).toSatisfy(looksHuman);
    const heading = cellState(sheet, 2, monthColumns(sheet, lockedMonth).total);
    expect(heading.background).toBe(RED);
    expect(heading.note).toContain("è chiuso");
    expect((await stored(lockedMonth)).status).toBe(404);
  });

  it("puts a refusal the server words itself (a month before the network began) on the month's heading", () => {
    staff.ui.promptAnswers.push({ text: "2011" });
    staff.run("setUpSheet");
    const sheet = staff.document.sheet("Pratiche 2011");
    typeProcedures(sheet, PROCEDURES);
    typeFigures(sheet, "2011-03", [[10, 5]]);
    const report = staff.run("submitData");
    expect(puts(report)).toContain("2011-03");
    const heading = cellState(sheet, 2, monthColumns(sheet, "2011-03").total);
    expect(heading.note).toMatch(/^POLI-NET – errore: La rete raccoglie dati da aprile 2011/);
    sheet.getRange(4, monthColumns(sheet, "2011-03").total, 1, 2).setValues([["", ""]]);
  });

  it("waits for a colleague who is already submitting instead of interleaving", () => {
    staff.document.lock.heldElsewhere = true;
    try {
      const report = staff.run("submitData");
      expect(report.requests).toEqual([]);
      expect(report.alerts[0]?.message).toContain("Un collega sta già lavorando sul foglio");
    } finally {
      staff.document.lock.heldElsewhere = false;
    }
  });

  it("starts a new spreadsheet with the procedures the server already holds for the municipality", async () => {
    const colleague = await fixture.user(fixture.stack.rhoStaff);
    configure(colleague, fixture.apiUrl);
    colleague.ui.promptAnswers.push({ text: lastMonth.slice(0, 4) });
    const report = colleague.run("setUpSheet");
    expect(report.toasts[0]?.message).toContain("con i procedimenti già inviati");
    const sheet = colleague.document.sheet(proceduresSheet(lastMonth));
    expect(sheet.getRange(4, 1, 4, 3).getValues()).toEqual([
      ["ANA-01", "Carta d'identità", "Anagrafe"],
      ["EDU-01", "Iscrizione al nido", "Servizi educativi"],
      ["TRI-01", "TARI", "Tributi"],
      ["", "", ""],
    ]);
  });

  it("needs no ISTAT code in Impostazioni when the server knows the user's municipality", async () => {
    // Impostazioni never opened: the baked server address, no municipality saved, no earlier
    // answer of /v1/me in the document.
    const este = await fixture.user(fixture.stack.esteStaff);
    expect(este.document.properties.values.size).toBe(0);
    este.ui.promptAnswers.push({ text: lastMonth.slice(0, 4) });
    expect(este.run("setUpSheet").alerts).toEqual([]);
    const sheet = este.document.sheet(proceduresSheet(lastMonth));
    typeProcedures(sheet, [["ANA-01", "Carta d'identità", "Anagrafe"]]);
    typeFigures(sheet, lastMonth, [[64, 40]]);
    const report = este.run("submitData");
    expect(report.alerts).toEqual([]);
    expect(report.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(
      expect.arrayContaining([
        "GET /v1/me",
        `PUT /v1/municipalities/${fixture.stack.este}/months/${lastMonth}`,
      ]),
    );
    const esteToken = await fixture.stack.token(fixture.stack.esteStaff);
    const month = await fixture.stack.call(
      "GET",
      `/v1/municipalities/${fixture.stack.este}/months/${lastMonth}`,
      { token: esteToken },
    );
    expect(month.body.procedures).toEqual([
      { code: "ANA-01", name: "Carta d'identità", area: "anagrafe", total: 64, desk: 40 },
    ]);
  });
});
