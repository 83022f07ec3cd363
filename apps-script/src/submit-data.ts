/**
 * *Invia dati*: sends every month whose figures changed since the server last accepted them, and
 * each year's *Scadenziario* and each procedure card likewise, all in one UrlFetchApp.fetchAll, checked first with the
 * same domain validation the server runs, then puts the outcome back on the cells and in a summary.
 */
import { validateMonthBody } from "../../functions/src/domain/month-validation.js";
import { italianMonth } from "../../functions/src/domain/period.js";
import { type ApiClient, connectForMunicipality, fetchAreas } from "./api-client.js";
import { type CalendarDraft, readCalendar } from "./calendar-drafts.js";
import {
  CALENDAR,
  CALENDAR_COLUMNS,
  calendarSheetName,
  calendarYearsInBook,
} from "./calendar-layout.js";
import {
  type CalendarResult,
  calendarRequest,
  calendarResultOf,
  calendarSummary,
} from "./calendar-outcome.js";
import {
  type CardSend,
  cardAccepts,
  cardsNeedAttention,
  finishCards,
  type PendingRequest,
  prepareCards,
  retryUnknownCodes,
  sendLaterCards,
} from "./card-submission.js";
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
/** Recorded after a stale-revision refusal: the next send goes without baseRevision. */
const OVERWRITE_NEXT = -1;
const calendarKey = (year: number) => `calendar-${year}`;

interface PendingCalendar {
  draft: CalendarDraft;
  baseRevision: number | undefined;
}

export function submitData(): void {
  withDocumentLock(() => {
    const { settings, api } = connectForMunicipality();
    const book = SpreadsheetApp.getActiveSpreadsheet();
    const names = book.getSheets().map((sheet) => sheet.getName());
    const years = yearSheets(book, yearsInBook(names));
    if (years.length === 0) {
      throw new UserError(
        "Nel file non c'è ancora un foglio Pratiche: usare prima POLI-NET › Imposta foglio.",
      );
    }
    const drafts = years.flatMap(readYear);
    const calendars = calendarYearsInBook(names).flatMap((year) => {
      const sheet = book.getSheetByName(calendarSheetName(year));
      return sheet ? [readCalendar(sheet, year)] : [];
    });
    const sent = readSentMonths(settings.municipality);
    const print = (body: unknown) =>
      fingerprint({ api: settings.apiUrl, municipality: settings.municipality, body });
    const changed = drafts.filter(
      (draft) => sent.get(draft.month)?.fingerprint !== print(draft.body),
    );
    // An empty sheet is sent only to empty a calendar this file sent before.
    const changedCalendars: PendingCalendar[] = calendars
      .filter((draft) => {
        const before = sent.get(calendarKey(draft.year));
        return before ? before.fingerprint !== print(draft.body) : draft.body.events.length > 0;
      })
      .map((draft) => {
        const revision = sent.get(calendarKey(draft.year))?.revision;
        return {
          draft,
          baseRevision: revision === undefined || revision < 0 ? undefined : revision,
        };
      });
    const cards = prepareCards(book, sent, print, settings.municipality);
    const cardRequests = cards?.pending ?? [];
    const results =
      changed.length + changedCalendars.length + cardRequests.length > 0
        ? send(changed, changedCalendars, cardRequests, settings.municipality, api)
        : { months: [], calendars: [] };
    if (cards) {
      sendLaterCards(cards, api);
      const codes = results.months
        .filter(accepted)
        .flatMap((result) => result.draft.body.procedures.map((row) => String(row.code)));
      retryUnknownCodes(cards, new Set(codes), api, settings.municipality);
    }
    const accepts = new Map<string, SentMonth>();
    for (const result of results.months) {
      if (accepted(result) && "revision" in result.outcome) {
        accepts.set(result.draft.month, {
          fingerprint: print(result.draft.body),
          revision: result.outcome.revision,
        });
      }
    }
    for (const result of results.calendars) {
      const key = calendarKey(result.draft.year);
      if (accepted(result) && "revision" in result.outcome)
        accepts.set(key, {
          fingerprint: print(result.draft.body),
          revision: result.outcome.revision,
        });
      else if (result.outcome.kind === "refused" && result.outcome.stale)
        accepts.set(key, { fingerprint: "", revision: OVERWRITE_NEXT });
    }
    if (cards) for (const [key, entry] of cardAccepts(cards, print)) accepts.set(key, entry);
    recordSentMonths(settings.municipality, accepts);
    markSheets(years, results.months, new Set(changed.map((draft) => draft.month)));
    const attempted = new Set(changedCalendars.map((c) => c.draft.year));
    for (const draft of calendars)
      markCalendar(draft, results.calendars, attempted.has(draft.year));
    const cardLine = cards ? finishCards(cards, api, settings.municipality) : null;
    report(results.months, results.calendars, cards, cardLine);
  });
}

function send(
  drafts: MonthDraft[],
  calendars: PendingCalendar[],
  cards: readonly PendingRequest[],
  municipality: string,
  api: ApiClient,
): { months: MonthResult[]; calendars: CalendarResult[] } {
  const areas = fetchAreas(api);
  const areaCodes = new Set(areas.map((area) => area.code));
  const codeOf = areaCodeLookup(areas);
  const months: MonthResult[] = [];
  const calendarResults: CalendarResult[] = [];
  const pending: PendingRequest[] = [];
  for (const draft of drafts) {
    const checked = validateMonthBody(withAreaCodes(draft.body, codeOf), { areas: areaCodes });
    if (!checked.ok) {
      months.push(invalidResult(draft, checked.issues));
      continue;
    }
    const path = `/v1/municipalities/${encodeURIComponent(municipality)}/months/${draft.month}`;
    pending.push({
      request: { method: "put", path, body: checked.body },
      settle: (response) => months.push(resultOf(draft, response)),
    });
  }
  for (const { draft, baseRevision } of calendars) {
    const coded: CalendarDraft = {
      ...draft,
      body: {
        events: draft.body.events.map((event) =>
          typeof event.area === "string"
            ? { ...event, area: codeOf(event.area) ?? event.area }
            : event,
        ),
      },
    };
    const prepared = calendarRequest(coded, municipality, areaCodes, baseRevision);
    if ("result" in prepared) calendarResults.push({ ...prepared.result, draft });
    else
      pending.push({
        request: prepared.request,
        settle: (response) => calendarResults.push({ ...calendarResultOf(draft, response), draft }),
      });
  }
  pending.push(...cards);
  // Months, calendars and cards in the same fetchAll: the server handles them in parallel.
  const responses = api.callAll(pending.map((p) => p.request));
  pending.forEach(({ settle }, i) => {
    const response = responses[i];
    if (response) settle(response);
  });
  return {
    months: months.sort((a, b) => (a.draft.month < b.draft.month ? -1 : 1)),
    calendars: calendarResults.sort((a, b) => a.draft.year - b.draft.year),
  };
}

/** The dropdowns show area names; the API wants codes. Unknown text is left for validation. */
function areaCodeLookup(areas: readonly Area[]): (typed: string) => string | undefined {
  const byLabel = new Map<string, string>();
  for (const area of areas) {
    byLabel.set(area.code.toLowerCase(), area.code);
    byLabel.set(area.name.trim().toLowerCase(), area.code);
  }
  return (typed) => byLabel.get(typed.trim().toLowerCase());
}

function withAreaCodes(
  body: MonthDraft["body"],
  codeOf: (typed: string) => string | undefined,
): MonthDraft["body"] {
  return {
    ...body,
    procedures: body.procedures.map((row) => {
      const code = typeof row.area === "string" ? codeOf(row.area) : undefined;
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

/** As for months: redone when sent, only errors cleared when the sheet was not sent. */
function markCalendar(draft: CalendarDraft, results: CalendarResult[], sentNow: boolean) {
  const marks = results.find((result) => result.draft.year === draft.year)?.marks ?? [];
  const lastRow = Math.max(draft.lastRow, CALENDAR.labelRow);
  updateMarks(
    {
      sheet: draft.sheet,
      lastHeaderRow: CALENDAR.labelRow,
      firstRow: CALENDAR.labelRow,
      rows: lastRow - CALENDAR.labelRow + 1,
      columns: CALENDAR_COLUMNS,
    },
    marks,
    () => (sentNow ? "all" : "errors"),
  );
}

function report(
  months: MonthResult[],
  calendars: CalendarResult[],
  cards: CardSend | null,
  cardLine: string | null,
) {
  if (months.length + calendars.length === 0 && cardLine === null) {
    toast(
      TITLE,
      `Nessun mese, nessun evento dello scadenziario e nessuna scheda modificati dall'ultimo invio: non c'è niente da inviare.${cards && cards.cards.drafts.length > 0 ? " Stato delle schede aggiornato." : ""}`,
    );
    return;
  }
  const lines = [
    ...months.map((result) => `• ${italianMonth(result.draft.month)}: ${summaryLine(result)}`),
    ...calendars.map(calendarSummary),
    ...(cardLine ? [cardLine] : []),
  ];
  if ([...months, ...calendars].some(needsAttention) || cardsNeedAttention(cards))
    alert(TITLE, lines.join("\n"));
  else toast(TITLE, lines.join("\n"));
}
