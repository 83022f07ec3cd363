/**
 * *Invia dati*: sends every month whose figures changed since the server last accepted them,
 * all in one UrlFetchApp.fetchAll, checked first with the same domain validation the server
 * runs, then puts the outcome back on the cells and in a summary.
 */
import { validateMonthBody } from "../../functions/src/domain/month-validation.js";
import { italianMonth } from "../../functions/src/domain/period.js";
import {
  type ApiClient,
  type ApiRequest,
  connectForMunicipality,
  fetchAreas,
} from "./api-client.js";
import { type ClearPolicy, updateMarks } from "./cell-marks.js";
import {
  type Area,
  readSentMonths,
  recordSentMonths,
  type SentMonth,
} from "./document-settings.js";
import { fingerprint } from "./fingerprint.js";
import { type MonthDraft, readYear, type YearSheets, yearSheets } from "./month-drafts.js";
import {
  accepted,
  invalidResult,
  type MonthResult,
  needsAttention,
  resultOf,
  summaryLine,
} from "./month-outcome.js";
import {
  monthIndexOfColumn,
  PROCEDURES,
  SERVICE,
  SERVICE_COLUMNS,
  yearsInBook,
} from "./sheet-layout.js";
import { alert, toast, UserError, withDocumentLock } from "./user-error.js";

const TITLE = "Invia dati";

export function submitData(): void {
  withDocumentLock(() => {
    const { settings, api } = connectForMunicipality();
    const book = SpreadsheetApp.getActiveSpreadsheet();
    const years = yearSheets(book, yearsInBook(book.getSheets().map((sheet) => sheet.getName())));
    if (years.length === 0) {
      throw new UserError(
        "Nel file non c'è ancora un foglio Pratiche: usare prima POLI-NET › Imposta foglio.",
      );
    }
    const drafts = years.flatMap(readYear);
    const sent = readSentMonths(settings.municipality);
    const print = (draft: MonthDraft) =>
      fingerprint({ api: settings.apiUrl, municipality: settings.municipality, body: draft.body });
    const changed = drafts.filter((draft) => sent.get(draft.month)?.fingerprint !== print(draft));
    const results = changed.length > 0 ? send(changed, settings, api) : [];
    const accepts = new Map<string, SentMonth>();
    for (const result of results) {
      if (accepted(result) && "revision" in result.outcome) {
        accepts.set(result.draft.month, {
          fingerprint: print(result.draft),
          revision: result.outcome.revision,
        });
      }
    }
    recordSentMonths(settings.municipality, accepts);
    markSheets(years, results, new Set(changed.map((draft) => draft.month)));
    report(results);
  });
}

function send(
  drafts: MonthDraft[],
  settings: { apiUrl: string; municipality: string },
  api: ApiClient,
): MonthResult[] {
  const areas = fetchAreas(api);
  const areaCodes = new Set(areas.map((area) => area.code));
  const results: MonthResult[] = [];
  const pending: { draft: MonthDraft; request: ApiRequest }[] = [];
  for (const draft of drafts) {
    const checked = validateMonthBody(withAreaCodes(draft.body, areas), { areas: areaCodes });
    if (!checked.ok) {
      results.push(invalidResult(draft, checked.issues));
      continue;
    }
    const path = `/v1/municipalities/${encodeURIComponent(settings.municipality)}/months/${draft.month}`;
    pending.push({ draft, request: { method: "put", path, body: checked.body } });
  }
  const responses = api.callAll(pending.map((p) => p.request));
  pending.forEach(({ draft }, i) => {
    const response = responses[i];
    if (response) results.push(resultOf(draft, response));
  });
  return results.sort((a, b) => (a.draft.month < b.draft.month ? -1 : 1));
}

/** The dropdown shows area names; the API wants codes. Unknown text is left for validation. */
function withAreaCodes(body: MonthDraft["body"], areas: readonly Area[]): MonthDraft["body"] {
  const byLabel = new Map<string, string>();
  for (const area of areas) {
    byLabel.set(area.code.toLowerCase(), area.code);
    byLabel.set(area.name.trim().toLowerCase(), area.code);
  }
  return {
    ...body,
    procedures: body.procedures.map((row) => {
      const code =
        typeof row.area === "string" ? byLabel.get(row.area.trim().toLowerCase()) : undefined;
      return code ? { ...row, area: code } : row;
    }),
  };
}

/**
 * Months sent now get their marks redone; a month not sent has only its errors cleared (its
 * content is the one the server accepted, or it has no figures any more) and keeps its warnings.
 */
function markSheets(years: YearSheets[], results: MonthResult[], sentMonths: Set<string>) {
  for (const { year, procedures, service } of years) {
    const inYear = results.filter((result) => result.draft.year === year);
    const wasSent = (monthIndex: number) =>
      sentMonths.has(`${year}-${String(monthIndex).padStart(2, "0")}`);
    const procedurePolicy: ClearPolicy = (_row, column) => {
      const monthIndex = monthIndexOfColumn(column);
      return monthIndex === null || wasSent(monthIndex) ? "all" : "errors";
    };
    const marksOn = (sheet: "procedures" | "service") =>
      inYear.flatMap((result) => result.marks.filter((mark) => mark.sheet === sheet));
    const lastRow = Math.max(procedures.getLastRow(), PROCEDURES.monthRow);
    updateMarks(
      {
        sheet: procedures,
        lastHeaderRow: PROCEDURES.labelRow,
        firstRow: PROCEDURES.monthRow,
        rows: lastRow - PROCEDURES.monthRow + 1,
        columns: PROCEDURES.columns,
      },
      marksOn("procedures"),
      procedurePolicy,
    );
    if (service) {
      updateMarks(
        {
          sheet: service,
          lastHeaderRow: SERVICE.labelRow,
          firstRow: SERVICE.firstMonthRow,
          rows: 12,
          columns: SERVICE_COLUMNS,
        },
        marksOn("service"),
        (row) => (wasSent(row - SERVICE.firstMonthRow + 1) ? "all" : "errors"),
      );
    }
  }
}

function report(results: MonthResult[]) {
  if (results.length === 0) {
    toast(TITLE, "Nessun mese modificato dall'ultimo invio: non c'è niente da inviare.");
    return;
  }
  const lines = results.map(
    (result) => `• ${italianMonth(result.draft.month)}: ${summaryLine(result)}`,
  );
  if (results.some(needsAttention)) alert(TITLE, lines.join("\n"));
  else toast(TITLE, lines.join("\n"));
}
