/**
 * *Aggiorna confronto rete* and *Ricalcola indicatori*: the municipality's indicators beside the
 * network's, as percentages, ranks and distributions, never another municipality's counts.
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
import {
  proceduresSheet,
  row,
  serviceSheet,
  typeFigures,
  typeProcedures,
  typeService,
} from "./harness/sheet-entry.js";

const month = addMonths(monthOf(new Date()), -1);
const quarter = `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5)) / 3)}`;
/** Este's figures, sent through the API: recognisable numbers that must never reach Rho's sheet. */
const ESTE = {
  procedures: [
    { code: "E-ANA", name: "Anagrafe Este", area: "anagrafe", total: 7771, desk: 3331 },
    { code: "E-TRI", name: "Tributi Este", area: "tributi", total: 2227, desk: 1113 },
  ],
  service: {
    visits: 4321,
    meanWaitMinutes: 17,
    servedWithinTarget: 2917,
    surveyResponses: 613,
    surveySatisfied: 419,
    complaints: 29,
    openingHoursWeekly: 31,
  },
};

let fixture: AddonFixture;
let rho: AddonUser;
let coordinator: AddonUser;
// biome-ignore lint/suspicious/noExplicitAny: the API's indicators as the coordinator sees them
let full: any;

beforeAll(async () => {
  fixture = await startAddonFixture();
  rho = await fixture.user(fixture.stack.rhoStaff);
  configure(rho, fixture.apiUrl);
  rho.run("setUpSheet");
  const sheet = rho.document.sheet(proceduresSheet(month));
  typeProcedures(sheet, [
    ["ANA-01", "Carta d'identità", "Anagrafe"],
    ["TRI-01", "TARI", "Tributi"],
  ]);
  typeFigures(sheet, month, [
    [120, 95],
    [40, 10],
  ]);
  typeService(rho.document.sheet(serviceSheet(month)), month, [1800, 11.5, 1500, 140, 121, 3, 38]);
  expect(rho.run("submitData").alerts).toEqual([]);
  const este = await fixture.stack.token(fixture.stack.esteStaff);
  const put = await fixture.stack.call("PUT", `/v1/municipalities/028037/months/${month}`, {
    token: este,
    body: ESTE,
  });
  expect(put.status).toBe(200);

  coordinator = await fixture.user(fixture.stack.coordinator);
  configure(coordinator, fixture.apiUrl, "028037");
  const recompute = coordinator.run("recomputeIndicators");
  expect(recompute.alerts).toEqual([]);
  expect(recompute.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toContain(
    "POST /v1/recompute",
  );
  expect(recompute.toasts[0]?.message).toContain("ricalcolati");
  const admin = await fixture.stack.token(fixture.stack.coordinator);
  full = (await fixture.stack.call("GET", `/v1/indicators/${month}`, { token: admin })).body;
});
afterAll(async () => {
  await fixture?.stop();
});

/**
 * Every count the coordinator may see and staff may not: numerators and denominators, Este's
 * raw figures. Opening hours are left out: their "numerator" is the hours, i.e. the value itself.
 */
function counts(): Set<number> {
  const found = new Set<number>();
  const walk = (node: unknown, key = "") => {
    if (typeof node === "number" && ["numerator", "denominator"].includes(key)) found.add(node);
    else if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) if (k !== "openingHoursWeekly") walk(v, k);
    }
  };
  walk(full);
  for (const p of ESTE.procedures) found.add(p.total).add(p.desk);
  const { meanWaitMinutes: _wait, openingHoursWeekly: _hours, ...serviceCounts } = ESTE.service;
  for (const v of Object.values(serviceCounts)) found.add(v);
  return found;
}

describe("Confronto rete", () => {
  it("writes Rho's indicators beside the network's pooled value, quartiles and rank, as percentages", () => {
    const report = rho.run("refreshComparison");
    expect(report.errors).toEqual([]);
    expect(report.alerts).toEqual([]);
    expect(report.toasts[0]?.message).toSatisfy(looksHuman);
    const sheet = rho.document.sheet("Confronto rete");
    expect(row(sheet, 2, 2)).toEqual(["Periodo", month]);
    const header = row(sheet, 6, 12);
    expect(header.slice(0, 10)).toEqual([
      "Indicatore",
      "Unità",
      "Il nostro comune",
      "Posizione",
      "Valore della rete",
      "Minimo",
      "1° quartile",
      "Mediana",
      "3° quartile",
      "Massimo",
    ]);
    const filter = row(sheet, 7, 12);
    const api = full.indicators.filterRate;
    expect(filter[0]).toBe("Tasso di filtro dello sportello");
    expect(filter[2]).toBeCloseTo(api.municipalities["015182"].value, 10);
    expect(filter[2]).toBeCloseTo((100 * 105) / 160, 10);
    expect(filter[3]).toBe(`${api.municipalities["015182"].rank}° su 2`);
    expect(filter.slice(4, 10)).toEqual([
      api.pooled,
      api.distribution.min,
      api.distribution.p25,
      api.distribution.median,
      api.distribution.p75,
      api.distribution.max,
    ]);
    expect(sheet.getRange(7, 3).getNumberFormats()[0]?.[0]).toBe('0.0" %"');
    const areas = sheet
      .getRange(1, 1, sheet.getLastRow(), 1)
      .getValues()
      .map((r) => r[0]);
    expect(areas).toContain("Tasso di filtro per area");
    // Areas with figures in the period, by their names.
    expect(areas).toEqual(expect.arrayContaining(["Anagrafe", "Tributi"]));
    // The peak calendar's indicator has its row (no event with expected users: no value yet).
    const peaks = row(sheet, areas.indexOf("Picchi pianificati in anticipo") + 1, 12);
    expect(peaks.slice(0, 3)).toEqual([
      "Picchi pianificati in anticipo",
      "% degli eventi di picco",
      full.indicators.peaksPlannedAhead?.municipalities?.["015182"]?.value ?? "n.d.",
    ]);
  });

  it("shows no count at all: neither Este's figures nor anyone's numerators and denominators", () => {
    const sheet = rho.document.sheet("Confronto rete");
    const cells = sheet.getRange(1, 1, sheet.getLastRow(), 12).getValues().flat();
    const forbidden = counts();
    expect(forbidden.size).toBeGreaterThan(10);
    const leaked = cells.filter((cell) => typeof cell === "number" && forbidden.has(cell));
    expect(leaked).toEqual([]);
    const text = cells.map(String).join(" ");
    expect(text).not.toMatch(/028037|Este/);
    for (const cell of cells)
      if (typeof cell === "number" && !Number.isNaN(cell))
        expect(Math.abs(cell)).toBeLessThanOrEqual(1000);
  });

  it("reads the period typed in B2: an Italian quarter, or a month Sheets turned into a date", () => {
    const sheet = rho.document.sheet("Confronto rete");
    sheet.getRange(2, 2).setNumberFormat("General").setValue(quarter.replace("-Q", "-T"));
    const byQuarter = rho.run("refreshComparison");
    expect(byQuarter.requests.map((r) => new URL(r.url).pathname)).toEqual([
      `/v1/indicators/${quarter}`,
    ]);
    expect(row(sheet, 2, 2)).toEqual(["Periodo", quarter.replace("-Q", "-T")]);
    expect(byQuarter.toasts[0]?.message).toContain("trimestre");

    sheet.getRange(2, 2).setNumberFormat("General").setValue(month);
    expect(typeof sheet.getRange(2, 2).getValue()).toBe("object");
    const byDate = rho.run("refreshComparison");
    expect(byDate.requests.map((r) => new URL(r.url).pathname)).toEqual([
      `/v1/indicators/${month}`,
    ]);

    sheet.getRange(2, 2).setValue("il mese scorso");
    const wrong = rho.run("refreshComparison");
    expect(wrong.requests).toEqual([]);
    expect(wrong.alerts[0]?.message).toContain('"il mese scorso" nella cella B2 non è valido');
    sheet.getRange(2, 2).setValue("");
  });

  it("tells staff who try to recompute that it is for the coordinator", () => {
    const report = rho.run("recomputeIndicators");
    expect(report.alerts[0]?.message).toContain("non ha il permesso");
    expect(report.alerts[0]?.message).toSatisfy(looksHuman);
  });
});
