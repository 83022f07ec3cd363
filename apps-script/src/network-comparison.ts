/**
 * *Aggiorna confronto rete* and, for coordinators, *Ricalcola indicatori*: reads the period
 * from the *Confronto rete* sheet, asks the API for the network indicators and writes the table
 * in one block of values and one of number formats.
 */
import type { ReportingPeriod } from "../../functions/src/domain/reporting-period.js";
import { type ApiClient, connect, connectForMunicipality, describeFailure } from "./api-client.js";
import {
  type Cell,
  comparisonRows,
  completenessText,
  type IndicatorsResponse,
  TABLE_HEADER,
} from "./comparison-table.js";
import { cachedAreas, cachedMe, readSettings } from "./document-settings.js";
import { periodLabel, periodText, readPeriod } from "./period-input.js";
import { styleHeader, styleTitle } from "./sheet-format.js";
import { COMPARISON_SHEET } from "./sheet-layout.js";
import { toast, UserError } from "./user-error.js";

const PERIOD_ROW = 2;
const TABLE_ROW = 6;
const WIDTH = TABLE_HEADER.length;

export function refreshComparison(): void {
  const { sheet, period } = comparisonSheet();
  const { settings, api } = connectForMunicipality();
  writeComparison(sheet, period, api, settings.municipality);
  toast("Confronto rete", `Confronto aggiornato per ${periodLabel(period)}.`);
}

/** Coordinators may have no municipality of their own: then only the recompute is done. */
export function recomputeIndicators(): void {
  const { sheet, period } = comparisonSheet();
  const settings = readSettings();
  const api = connect(settings);
  const response = api.call({
    method: "post",
    path: "/v1/recompute",
    body: { period: period.key },
  });
  if (response.status !== 200) {
    throw new UserError(
      describeFailure(response, `ricalcolare gli indicatori di ${periodLabel(period)}`),
    );
  }
  const municipality = settings.municipality || cachedMe()?.municipality;
  if (municipality) writeComparison(sheet, period, api, municipality);
  toast("Ricalcola indicatori", `Indicatori della rete ricalcolati per ${periodLabel(period)}.`);
}

function comparisonSheet(): { sheet: GoogleAppsScript.Spreadsheet.Sheet; period: ReportingPeriod } {
  const book = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = book.getSheetByName(COMPARISON_SHEET) ?? book.insertSheet(COMPARISON_SHEET);
  const typed = sheet.getRange(PERIOD_ROW, 2).getValue();
  const period = readPeriod(typed);
  if (!period) {
    sheet.activate();
    throw new UserError(
      `Il periodo "${String(typed)}" nella cella B${PERIOD_ROW} non è valido: scrivere un mese (2026-10), un trimestre (2026-T3) o un anno (2026).`,
    );
  }
  return { sheet, period };
}

function writeComparison(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  period: ReportingPeriod,
  api: ApiClient,
  istat: string,
) {
  // Only this municipality's figures: the network's own (pooled, distribution) always come whole,
  // and the answer stays small however large the network grows.
  const response = api.call({
    method: "get",
    path: `/v1/indicators/${period.key}?municipalities=${encodeURIComponent(istat)}`,
  });
  if (response.status === 404) {
    throw new UserError(
      `Gli indicatori della rete per ${periodLabel(period)} non sono ancora disponibili: riprovare dopo il ricalcolo o rivolgersi al coordinatore.`,
    );
  }
  if (response.status !== 200)
    throw new UserError(describeFailure(response, "leggere il confronto con la rete"));
  const indicators = response.body as IndicatorsResponse;
  const areaNames = new Map(cachedAreas().map((area) => [area.code, area.name]));
  const table = comparisonRows(indicators, istat, areaNames);
  const blank = () => Array<Cell>(WIDTH).fill("");
  const top: Cell[][] = [
    ["POLI-NET · Confronto con la rete", ...blank().slice(1)],
    [
      "Periodo",
      periodText(period),
      "Scrivere un mese (2026-10), un trimestre (2026-T3) o un anno (2026), poi POLI-NET › Aggiorna confronto rete.",
      ...blank().slice(3),
    ],
    [
      "Comune (ISTAT)",
      istat,
      "Valori in percentuale o per 1000; la posizione va da 1 (il migliore) al numero di comuni con il dato.",
      ...blank().slice(3),
    ],
    ["Aggiornato", new Date(), completenessText(indicators, period.kind), ...blank().slice(3)],
    blank(),
  ];
  const values = [...top, ...table.map((row) => row.cells)];
  const formats = [
    ...top.map((_, i) => Array<string>(WIDTH).fill(i === 3 ? "dd/mm/yyyy hh:mm" : "@")),
    ...table.map((row) => row.formats),
  ];
  const stale = sheet.getLastRow();
  if (stale > values.length)
    sheet.getRange(values.length + 1, 1, stale - values.length, WIDTH).clearContent();
  const range = sheet.getRange(1, 1, values.length, WIDTH);
  // Formats first, so that the period stays text and is not turned into a date again.
  range.setNumberFormats(formats);
  range.setValues(values);
  styleTitle(sheet.getRange(1, 1, 1, WIDTH));
  styleHeader(sheet.getRange(TABLE_ROW, 1, 1, WIDTH));
  sheet.getRange(PERIOD_ROW, 1, 3, 1).setFontWeight("bold");
  sheet.setFrozenRows(TABLE_ROW);
  sheet.setColumnWidth(1, 260);
  sheet.setColumnWidths(2, WIDTH - 1, 115);
  sheet.activate();
}
