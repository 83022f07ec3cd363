import type { Month } from "../domain/period.js";
import type { ReportingPeriod } from "../domain/reporting-period.js";
import {
  buildReport,
  type ReportInputs,
  type ReportModel,
  reportMonths,
} from "../reports/report-model.js";
import type { SheetsClientFactory } from "../reports/sheets-sink.js";
import type { SheetsDelivery } from "../store/report-store.js";
import type { Stores } from "../store/stores.js";
import { readIndicatorInputs } from "./period-report.js";
import { deliverToSheet } from "./report-sheet.js";

export interface BuiltReport {
  report: ReportModel;
  /** The network's Google Sheet for reports, if it has one. */
  spreadsheetId: string | null;
  municipalities: number;
  documentsRead: number;
}

/**
 * The report of a period from what is stored now: the network document and the month summaries
 * of the period, its comparisons and the 24-month trend (one query per year touched, 2 or 3), which
 * also carry the months' data-quality remarks. Null when the network does not exist.
 */
export async function buildPeriodReport(
  stores: Stores,
  network: string,
  period: ReportingPeriod,
): Promise<BuiltReport | null> {
  const read = await readIndicatorInputs(stores, network, reportMonths(period));
  if (!read) return null;
  const { inputs, external } = read;
  const settings = inputs.network;
  // The remarks ride in the summaries; a month summarised before they did is read from its month.
  const warnings: ReportInputs["warnings"][number][] = [];
  const unsummarised: { istat: string; month: Month }[] = [];
  for (const month of period.months) {
    for (const [istat, entry] of inputs.summaries.get(month) ?? []) {
      if (!entry.notes) unsummarised.push({ istat, month });
      else if (entry.notes.length > 0 || entry.corrected)
        warnings.push({
          istat,
          month,
          warnings: entry.notes,
          omitted: entry.notesOmitted ?? 0,
          ledger: entry,
        });
    }
  }
  const fallback =
    unsummarised.length > 0
      ? await stores.months.warnings(network, unsummarised)
      : { found: [], documentsRead: 0 };
  warnings.push(...fallback.found);
  const report = buildReport({
    network: { id: network, name: settings.name, dueDay: settings.dueDay },
    period,
    municipalities: inputs.roster.map((m) => ({
      ...m,
      name: settings.municipalities[m.istat]?.name ?? m.istat,
    })),
    areaNames: Object.fromEntries(Object.entries(settings.areas).map(([c, a]) => [c, a.name])),
    summaries: inputs.summaries,
    external,
    warnings,
  });
  return {
    report,
    spreadsheetId: settings.reportSpreadsheetId,
    municipalities: inputs.roster.length,
    documentsRead: inputs.documentsRead + fallback.documentsRead,
  };
}

export interface PublishResult {
  period: string;
  version: number;
  status: "published" | "unchanged";
  municipalities: number;
  documentsRead: number;
  documentsWritten: number;
  /** Present when the network has a `reportSpreadsheetId` and a Sheets client was given. */
  sheets?: SheetsDelivery;
}

/**
 * Freezes the period's report as a new version when its content changed since the latest
 * version; otherwise answers `unchanged` with the latest version and writes nothing. With a
 * Sheets client and the network's `reportSpreadsheetId`, a new version is then written to the
 * sheet; an unchanged one too if its last write failed or went to another spreadsheet.
 */
export async function publishReport(
  stores: Stores,
  network: string,
  period: ReportingPeriod,
  by: string,
  now: Date = new Date(),
  sheetsClient?: SheetsClientFactory,
): Promise<PublishResult> {
  const built = await buildPeriodReport(stores, network, period);
  if (!built) throw new Error(`network ${network} does not exist`);
  const outcome = await stores.reports.publish(network, period.key, built.report, by, now);
  const result: PublishResult = {
    period: period.key,
    version: outcome.version,
    status: outcome.status,
    municipalities: built.municipalities,
    documentsRead: built.documentsRead + outcome.documentsRead,
    documentsWritten: outcome.documentsWritten,
  };
  const spreadsheetId = built.spreadsheetId;
  if (!spreadsheetId || !sheetsClient) return result;
  let publishedAt = now.toISOString();
  if (outcome.status === "unchanged") {
    const info = await stores.reports.versionInfo(network, period.key, outcome.version);
    result.documentsRead += 1;
    if (!info) return result;
    if (info.sheets?.status === "written" && info.sheets.spreadsheetId === spreadsheetId) {
      return { ...result, sheets: info.sheets };
    }
    publishedAt = info.publishedAt;
  }
  const target = { network, period: period.key, version: outcome.version, spreadsheetId };
  result.sheets = await deliverToSheet(
    stores,
    sheetsClient,
    target,
    built.report,
    publishedAt,
    now,
  );
  result.documentsWritten += 1;
  return result;
}
