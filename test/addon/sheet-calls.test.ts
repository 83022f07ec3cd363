/**
 * The add-on reads and writes the sheet in blocks: the number of Sheets calls of each action is
 * the same for 10 procedures as for 300. Counts (not timings) are compared and printed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, type Month, monthOf } from "../../functions/src/domain/period.js";
import { type AddonFixture, configure, startAddonFixture } from "./harness/addon-fixture.js";
import type { AddonUser, RunReport } from "./harness/addon-harness.js";
import {
  monthColumns,
  proceduresSheet,
  serviceSheet,
  typeFigures,
  typeProcedures,
  typeService,
} from "./harness/sheet-entry.js";

const thisMonth = monthOf(new Date());
const lastMonth = addMonths(thisMonth, -1);
const AREAS = ["Anagrafe", "Tributi", "Servizi educativi"];
const BLOCK_METHODS = [
  "getValues",
  "setValues",
  "getNotes",
  "setNotes",
  "getBackgrounds",
  "setBackgrounds",
];

let fixture: AddonFixture;
beforeAll(async () => {
  fixture = await startAddonFixture();
});
afterAll(async () => {
  await fixture?.stop();
});

type Counts = Record<string, { total: number; blocks: string; requests: number }>;

function summarise(report: RunReport): { total: number; blocks: string; requests: number } {
  const blocks = BLOCK_METHODS.map((m) => `${m} ${report.callsByMethod[`Range.${m}`] ?? 0}`).join(
    ", ",
  );
  return { total: report.sheetCalls, blocks, requests: report.requests.length };
}

/** One municipality's whole month cycle with `size` procedures; the Sheets calls of each action. */
function cycle(user: AddonUser, size: number): Counts {
  const counts: Counts = {};
  const act = (label: string, name: string, check: (r: RunReport) => void = () => {}) => {
    const report = user.run(name);
    expect(report.errors).toEqual([]);
    check(report);
    counts[label] = summarise(report);
  };
  const years = [...new Set([lastMonth, thisMonth].map((m) => m.slice(0, 4)))];
  for (const [i, year] of years.entries()) {
    user.ui.promptAnswers.push({ text: year });
    if (i === 0) act("Imposta foglio (foglio nuovo)", "setUpSheet");
    else user.run("setUpSheet");
  }
  const procedures = Array.from(
    { length: size },
    (_, i) =>
      [
        `P-${String(i + 1).padStart(3, "0")}`,
        `Procedimento ${i + 1}`,
        AREAS[i % 3] as string,
      ] as const,
  );
  const figures = (month: Month) =>
    procedures.map((_, i) => [100 + i + Number(month.slice(5)), 50 + (i % 50)] as const);
  for (const month of [lastMonth, thisMonth]) {
    const sheet = user.document.sheet(proceduresSheet(month));
    if (sheet.getLastRow() < 4) typeProcedures(sheet, procedures);
    typeFigures(sheet, month, figures(month));
    typeService(
      user.document.sheet(serviceSheet(month)),
      month,
      [1800, 11.5, 1500, 140, 121, 3, 38],
    );
  }
  // As many events in the Scadenziario as procedures (300 is within the 500 a year allows).
  const year = lastMonth.slice(0, 4);
  user.document
    .sheet(`Scadenziario ${year}`)
    .getRange(3, 2, size, 9)
    .setValues(
      procedures.map((_, i) => [
        `Evento ${i + 1}`,
        "scadenza",
        AREAS[i % 3],
        "",
        `${year}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
        "",
        "",
        100 + i,
        `Misura ${i + 1}`,
      ]),
    );
  user.ui.promptAnswers.push({ text: lastMonth.slice(0, 4) });
  act(`Imposta foglio (riparazione)`, "setUpSheet", (r) => expect(r.alerts).toEqual([]));
  act("Invia dati (2 mesi e scadenziario)", "submitData", (r) => {
    expect(r.alerts).toEqual([]);
    expect(r.requests.filter((q) => q.method === "PUT")).toHaveLength(3);
  });
  // As many procedure cards as procedures, once their codes are known to the server.
  user.document
    .sheet("Schede procedimento")
    .getRange(3, 1, size, 6)
    .setValues(
      procedures.map(([code]) => [code, `Scheda ${code}`, "Ufficio", "Referente", new Date(), 12]),
    );
  // At most 100 cards an Invia dati (CARDS_PER_SEND): 300 take three, hence the longer timeout.
  act("Invia dati (schede)", "submitData", (r) => {
    expect(r.alerts).toEqual([]);
    expect(r.requests.filter((q) => q.method === "PUT")).toHaveLength(Math.min(size, 100));
  });
  for (let rest = size - 100; rest > 0; rest -= 100)
    expect(user.run("submitData").requests.filter((q) => q.method === "PUT")).toHaveLength(
      Math.min(rest, 100),
    );
  const noPuts = (r: RunReport) => expect(r.requests.filter((q) => q.method === "PUT")).toEqual([]);
  act("Invia dati (niente da inviare, stato schede)", "submitData", noPuts);
  // Every row of last month wrong: as many notes as procedures, still one block write.
  const sheet = user.document.sheet(proceduresSheet(lastMonth));
  const { desk } = monthColumns(sheet, lastMonth);
  sheet.getRange(4, desk, size, 1).setValues(procedures.map(() => [99_999]));
  act("Invia dati (un errore per riga)", "submitData", (r) =>
    expect(r.alerts[0]?.message).toContain(`${size} errori`),
  );
  sheet.getRange(4, desk, size, 1).setValues(figures(lastMonth).map(([, d]) => [d]));
  act("Invia dati (errori corretti)", "submitData", noPuts);
  act("Aggiorna confronto rete", "refreshComparison", (r) => expect(r.alerts).toEqual([]));
  act("Aggiorna prossimi 60 giorni", "refreshUpcoming", (r) => expect(r.alerts).toEqual([]));
  // A year of sheets more (the year before, empty): what Invia dati costs per year kept.
  user.ui.promptAnswers.push({ text: String(Number(year) - 1) });
  user.run("setUpSheet");
  act("Invia dati (niente da inviare, un anno in più)", "submitData", noPuts);
  return counts;
}

describe("Sheets calls per action", () => {
  it("are the same for 10 and for 300 procedures", async () => {
    const small = await fixture.user(fixture.stack.rhoStaff);
    configure(small, fixture.apiUrl);
    const large = await fixture.user(fixture.stack.esteStaff);
    configure(large, fixture.apiUrl);
    const ten = cycle(small, 10);
    const threeHundred = cycle(large, 300);
    const table = Object.keys(ten).map((action) => ({
      action,
      "10 procedimenti": ten[action]?.total,
      "300 procedimenti": threeHundred[action]?.total,
      "blocchi (300)": threeHundred[action]?.blocks,
      "richieste HTTP": threeHundred[action]?.requests,
    }));
    console.log("Sheets calls per action (Spreadsheet, Sheet, Range and Protection methods):");
    console.table(table);
    for (const action of Object.keys(ten)) {
      expect({ action, calls: threeHundred[action]?.total }).toEqual({
        action,
        calls: ten[action]?.total,
      });
      expect(threeHundred[action]?.blocks).toBe(ten[action]?.blocks);
    }
  }, 240_000);
});
