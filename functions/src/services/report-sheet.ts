import type { ReportModel } from "../reports/report-model.js";
import { type SheetsClientFactory, writeReportTab } from "../reports/sheets-sink.js";
import type { SheetsDelivery } from "../store/report-store.js";
import type { Stores } from "../store/stores.js";
import { log, logError } from "./log.js";

/**
 * Writes a published version into the network's Google Sheet (`reportSpreadsheetId`) and records
 * the outcome on the version. A publication never fails because of the sheet: the version is
 * already frozen when this runs, so a Sheets error is recorded, logged and answered, and the next
 * publication of the same period (even one that finds the content unchanged) tries again.
 */
export async function deliverToSheet(
  stores: Stores,
  sheetsClient: SheetsClientFactory,
  target: { network: string; period: string; version: number; spreadsheetId: string },
  report: ReportModel,
  publishedAt: string,
  now: Date,
): Promise<SheetsDelivery> {
  const { network, period, version, spreadsheetId } = target;
  let delivery: SheetsDelivery;
  try {
    const tab = await writeReportTab(sheetsClient(), spreadsheetId, report, {
      version,
      publishedAt,
    });
    delivery = {
      status: "written",
      at: now.toISOString(),
      spreadsheetId,
      tab: tab.title,
      url: tab.url,
    };
    log("INFO", `Report ${period} v${version} written to its Google Sheet tab`, {
      network,
      apiCalls: tab.apiCalls,
      requests: tab.requests,
    });
  } catch (error) {
    // The client's message may quote the API's answer; keep it short, never a token (the client
    // puts none in its messages).
    const message = (error as Error).message?.slice(0, 300) ?? String(error);
    delivery = { status: "failed", at: now.toISOString(), spreadsheetId, error: message };
    logError(`Report ${period} v${version}: the Google Sheet write failed`, error, { network });
  }
  try {
    await stores.reports.recordSheets(network, period, version, delivery);
  } catch (error) {
    logError(`Report ${period} v${version}: recording the Sheets delivery failed`, error, {
      network,
    });
  }
  return delivery;
}
