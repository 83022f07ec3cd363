/**
 * The add-on's first contact: the menu in every authorisation mode, the settings sidebar, and
 * *Imposta foglio* on an empty spreadsheet (and again, as a repair that keeps the figures).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, italianMonth, monthOf } from "../../functions/src/domain/period.js";
import {
  type AddonFixture,
  configure,
  looksHuman,
  startAddonFixture,
} from "./harness/addon-fixture.js";
import { AddonDocument } from "./harness/addon-harness.js";
import {
  cellState,
  monthColumns,
  row,
  SERVICE_LABELS,
  typeFigures,
  typeProcedures,
} from "./harness/sheet-entry.js";

let fixture: AddonFixture;
beforeAll(async () => {
  fixture = await startAddonFixture();
});
afterAll(async () => {
  await fixture?.stop();
});

const BASIC_MENU = [
  "Imposta foglio",
  "Invia dati",
  "Aggiorna confronto rete",
  "Report pubblicati",
  "Aggiorna prossimi 60 giorni",
  "Giustifica segnalazione",
  "Da fare",
  "---",
  "Impostazioni",
];

describe("menu and settings", () => {
  it("builds the basic menu in AuthMode.NONE without reading anything or calling the server", async () => {
    const user = await fixture.user(fixture.stack.rhoStaff);
    const report = user.run("onInstall", { authMode: "NONE" });
    expect(user.ui.menu?.map((item) => item.caption)).toEqual(BASIC_MENU);
    expect(user.document.properties.reads).toBe(0);
    expect(report.requests).toHaveLength(0);
    expect(report.sheetCalls).toBe(0);
    // Every menu item calls a top-level function of the bundle.
    for (const item of user.ui.menu ?? []) {
      if (item.functionName) expect(fixture.addon.build.entryPoints).toContain(item.functionName);
    }
  });

  it("shows who the server says you are, and gives coordinators the recompute item", async () => {
    const staff = await fixture.user(fixture.stack.rhoStaff);
    const saved = configure(staff, fixture.apiUrl);
    expect(saved.result).toMatchObject({ municipality: "015182", saved: true, problem: null });
    expect(saved.result.identity).toContain("staff@rho.test");
    expect(saved.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      "GET /v1/me",
    ]);
    expect(saved.requests[0]?.headers.Authorization).toMatch(/^Bearer ey/);
    staff.run("onOpen", { authMode: "LIMITED" });
    expect(staff.ui.menu?.map((item) => item.caption)).toEqual(BASIC_MENU);
    const view = staff.run<{ apiUrl: string; municipality: string }>("getSettingsView").result;
    expect(view).toMatchObject({ apiUrl: fixture.apiUrl, municipality: "015182" });

    const coordinator = await fixture.user(fixture.stack.coordinator);
    configure(coordinator, fixture.apiUrl, "028037");
    coordinator.run("onOpen", { authMode: "FULL" });
    expect(coordinator.ui.menu?.map((item) => item.caption)).toEqual([
      ...BASIC_MENU,
      "---",
      "Ricalcola indicatori",
      "Genera report",
      "Promemoria settimanali",
    ]);
  });

  it("refuses bad settings with an Italian sentence, and a wrong municipality for staff", async () => {
    const staff = await fixture.user(fixture.stack.rhoStaff);
    const badUrl = staff.run<{ problem: string }>("saveSettings", {
      apiUrl: "ftp://x",
      municipality: "",
    });
    expect(badUrl.result.problem).toContain("https://");
    const other = staff.run<{ problem: string }>("saveSettings", {
      apiUrl: fixture.apiUrl,
      municipality: "028037",
    });
    expect(other.result.problem).toContain("015182");
    // The baked address, with nothing listening behind it.
    staff.servers[fixture.apiUrl] = "http://127.0.0.1:9";
    const down = staff.run<{ problem: string }>("saveSettings", {
      apiUrl: fixture.apiUrl,
      municipality: "",
    });
    expect(down.result.problem).toContain("non risponde");
    for (const text of [badUrl, other, down].map((r) => r.result.problem))
      expect(text).toSatisfy(looksHuman);
  });

  it("opens the settings sidebar, whose buttons call top-level functions of the bundle", async () => {
    const staff = await fixture.user(fixture.stack.rhoStaff);
    staff.run("showSettings");
    const sidebar = staff.ui.sidebars[0];
    expect(sidebar?.getTitle()).toBe("POLI-NET – Impostazioni");
    const called = [
      ...(sidebar?.getContent() ?? "").matchAll(/withFailureHandler\(\w+\)\s*\.(\w+)\(/g),
    ].map((m) => m[1]);
    expect(called.sort()).toEqual(["getSettingsView", "saveSettings"]);
    for (const name of called) expect(fixture.addon.build.entryPoints).toContain(name);
  });
});

describe("Imposta foglio", () => {
  it("creates the yearly sheets on an empty spreadsheet, in Italian, with dropdowns, rules and protected headers", async () => {
    const staff = await fixture.user(fixture.stack.rhoStaff);
    configure(staff, fixture.apiUrl);
    staff.ui.promptAnswers.push({ text: "2026" });
    const report = staff.run("setUpSheet");
    expect(report.errors).toEqual([]);
    expect(report.alerts).toEqual([]);
    expect(report.toasts[0]?.message).toContain("Pratiche 2026");
    const doc = staff.document;
    const procedures = doc.sheet("Pratiche 2026");
    expect(row(procedures, 3).slice(0, 5)).toEqual([
      "Codice",
      "Procedimento",
      "Area",
      "Pratiche totali",
      "Di cui allo sportello",
    ]);
    expect(row(procedures, 2).filter((v) => v !== "")).toEqual(
      Array.from({ length: 12 }, (_, i) =>
        italianMonth(`2026-${String(i + 1).padStart(2, "0")}` as never),
      ),
    );
    expect(procedures.maxColumns).toBeGreaterThanOrEqual(27);
    expect(procedures.frozenRows).toBe(3);
    expect(procedures.merges.has("D2:E2")).toBe(true);
    const area = procedures.getRange(4, 3).getDataValidations()[0]?.[0];
    expect(area?.criteria).toBe("VALUE_IN_LIST");
    expect(area?.values[0]).toEqual(["Anagrafe", "Servizi educativi", "Tributi"]);
    const figure = procedures.getRange(200, 27).getDataValidations()[0]?.[0];
    expect(figure).toMatchObject({
      criteria: "CUSTOM_FORMULA",
      allowInvalid: false,
      values: ["=AND(ISNUMBER(D4),D4>=0,D4=INT(D4))"],
    });
    expect(
      procedures.protections.map((p) => [p.getRange().getA1Notation(), p.isWarningOnly()]),
    ).toEqual([["A1:AA3", true]]);

    const service = doc.sheet("Servizio 2026");
    expect(row(service, 2, 8)).toEqual(["Mese", ...SERVICE_LABELS]);
    expect(
      service
        .getRange(3, 1, 12, 1)
        .getValues()
        .map((r) => r[0]),
    ).toEqual(
      Array.from({ length: 12 }, (_, i) =>
        italianMonth(`2026-${String(i + 1).padStart(2, "0")}` as never),
      ),
    );
    expect(service.protections.map((p) => p.getRange().getA1Notation())).toEqual([
      "A1:H2",
      "A3:A14",
    ]);
    expect(service.getRange(3, 3).getDataValidations()[0]?.[0]?.values).toEqual([
      "=AND(ISNUMBER(C3),C3>=0,C3<=1440)",
    ]);
  });

  it("repairs headers and rules without touching the figures, and starts with the year's default", async () => {
    const staff = await fixture.user(fixture.stack.rhoStaff);
    configure(staff, fixture.apiUrl);
    const year = Number(addMonths(monthOf(new Date()), -1).slice(0, 4));
    staff.run("setUpSheet");
    const procedures = staff.document.sheet(`Pratiche ${year}`);
    typeProcedures(procedures, [["ANA-01", "Carta d'identità", "Anagrafe"]]);
    const month = `${year}-03` as const;
    typeFigures(procedures, month, [[120, 95]]);
    procedures.getRange(3, 1).setValue("spostato");
    procedures.getRange(4, monthColumns(procedures, month).total).setNote("nota del collega");
    const again = staff.run("setUpSheet");
    expect(again.alerts).toEqual([]);
    expect(row(procedures, 3)[0]).toBe("Codice");
    expect(cellState(procedures, 4, monthColumns(procedures, month).total)).toEqual({
      value: 120,
      note: "nota del collega",
      background: "#ffffff",
    });
    expect(row(procedures, 4).slice(0, 3)).toEqual(["ANA-01", "Carta d'identità", "Anagrafe"]);
    expect(procedures.protections).toHaveLength(1);
    expect(staff.document.book.sheets.map((s) => s.name)).toEqual([
      "Foglio1",
      `Pratiche ${year}`,
      `Servizio ${year}`,
      `Scadenziario ${year}`,
      "Schede procedimento",
    ]);
  });

  it("says so in Italian when the year typed is not a year, and does nothing on Cancel", async () => {
    const staff = await fixture.user(fixture.stack.rhoStaff, new AddonDocument());
    configure(staff, fixture.apiUrl);
    staff.ui.promptAnswers.push({ text: "duemila" }, { button: "CANCEL" });
    const wrong = staff.run("setUpSheet");
    expect(wrong.alerts[0]?.message).toContain('"duemila" non è un anno valido');
    const cancelled = staff.run("setUpSheet");
    expect(cancelled.alerts).toEqual([]);
    expect(cancelled.requests).toEqual([]);
    expect(staff.document.book.sheets).toHaveLength(1);
  });

  it("starts next year's sheet with this year's procedures, codes kept as text", async () => {
    const staff = await fixture.user(fixture.stack.rhoStaff);
    configure(staff, fixture.apiUrl);
    staff.ui.promptAnswers.push({ text: "2025" }, { text: "2026" });
    staff.run("setUpSheet");
    typeProcedures(staff.document.sheet("Pratiche 2025"), [
      ["001", "Residenza", "Anagrafe"],
      ["TRI-01", "TARI", "Tributi"],
    ]);
    const next = staff.run("setUpSheet");
    expect(next.toasts[0]?.message).toContain("con i procedimenti dell'anno precedente");
    expect(staff.document.sheet("Pratiche 2026").getRange(4, 1, 2, 3).getValues()).toEqual([
      ["001", "Residenza", "Anagrafe"],
      ["TRI-01", "TARI", "Tributi"],
    ]);
  });
});
