import { auth, sheets, type sheets_v4 } from "@googleapis/sheets";
import type { ReportModel } from "./report-model.js";
import { reportTabRequests } from "./sheets-requests.js";

/**
 * The Google Sheets sink's I/O: two calls to the Sheets API whatever the network's size, one
 * `spreadsheets.get` (only the tabs' ids, titles and positions) to find the period's tab and one
 * `batchUpdate` that writes it whole (sheets-requests.ts). It has NOT run against Google: Google
 * offers no local Sheets API, so the tests point the client's `rootUrl` at a recording server.
 */
export const SHEETS_SCOPE = "https://www.googleapis.com/auth/spreadsheets";
/** Well inside the API's 25 s request deadline: the publication is stored before this runs. */
const TIMEOUT_MS = 8_000;

export type SheetsClientFactory = () => sheets_v4.Sheets;

/** The functions' own credentials (Application Default Credentials: the service account). */
export function googleSheetsClient(rootUrl?: string): sheets_v4.Sheets {
  return sheets({
    version: "v4",
    auth: new auth.GoogleAuth({ scopes: [SHEETS_SCOPE] }),
    timeout: TIMEOUT_MS,
    retry: false,
    ...(rootUrl ? { rootUrl } : {}),
  });
}

export interface WrittenTab {
  title: string;
  sheetId: number;
  url: string;
  apiCalls: number;
  requests: number;
}

export async function writeReportTab(
  client: sheets_v4.Sheets,
  spreadsheetId: string,
  report: ReportModel,
  meta: { version: number; publishedAt: string },
): Promise<WrittenTab> {
  const found = await client.spreadsheets.get({
    spreadsheetId,
    fields: "sheets.properties(sheetId,title,index)",
  });
  const existing = (found.data.sheets ?? []).map((s) => ({
    sheetId: s.properties?.sheetId ?? 0,
    title: s.properties?.title ?? "",
    index: s.properties?.index ?? 0,
  }));
  const plan = reportTabRequests(report, meta, existing);
  await client.spreadsheets.batchUpdate({
    spreadsheetId,
    requestBody: { requests: plan.requests },
  });
  return {
    title: plan.title,
    sheetId: plan.sheetId,
    url: `https://docs.google.com/spreadsheets/d/${encodeURIComponent(spreadsheetId)}/edit#gid=${plan.sheetId}`,
    apiCalls: 2,
    requests: plan.requests.length,
  };
}
