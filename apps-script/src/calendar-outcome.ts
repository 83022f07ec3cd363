/**
 * The calendar's part of an *Invia dati*: the request (checked first with the same domain
 * validation the server runs), what became of it, the line of the summary and the marks that go
 * on the *Scadenziario* cells.
 */
import { validateCalendarBody } from "../../functions/src/domain/calendar/calendar-validation.js";
import type { ValidationIssue } from "../../functions/src/domain/validation-issue.js";
import { type ApiRequest, type ApiResponse, describeFailure, errorBody } from "./api-client.js";
import type { CalendarDraft } from "./calendar-drafts.js";
import {
  CALENDAR,
  CALENDAR_FIELDS,
  type CalendarField,
  calendarColumn,
} from "./calendar-layout.js";
import type { Mark, MarkKind } from "./cell-marks.js";
import { type MonthOutcome, type Remark, remarkKind, summaryLine } from "./month-outcome.js";

export interface CalendarResult {
  draft: CalendarDraft;
  outcome: MonthOutcome;
  marks: Mark[];
}

/**
 * The server checks procedure codes against the months it holds, which this file may not show
 * (a code sent from another file, or in this very fetchAll): that one rule is left to it.
 */
const ANY_PROCEDURE: ReadonlySet<string> = { has: () => true } as unknown as ReadonlySet<string>;

export function calendarRequest(
  draft: CalendarDraft,
  municipality: string,
  areas: ReadonlySet<string>,
  baseRevision: number | undefined,
): { request: ApiRequest } | { result: CalendarResult } {
  const body = baseRevision === undefined ? draft.body : { ...draft.body, baseRevision };
  const checked = validateCalendarBody(body, {
    year: draft.year,
    areas,
    procedures: ANY_PROCEDURE,
  });
  if (!checked.ok) return { result: invalid(draft, checked.issues) };
  const path = `/v1/municipalities/${encodeURIComponent(municipality)}/calendar/${draft.year}`;
  return { request: { method: "put", path, body: checked.body } };
}

function invalid(draft: CalendarDraft, issues: readonly ValidationIssue[]): CalendarResult {
  return {
    draft,
    outcome: { kind: "invalid", errors: issues.length },
    marks: marksFor(draft, issues, () => "error"),
  };
}

export function calendarResultOf(draft: CalendarDraft, response: ApiResponse): CalendarResult {
  if (response.status === 200) {
    const remarks: Remark[] = Array.isArray(response.body?.warnings) ? response.body.warnings : [];
    return {
      draft,
      outcome: {
        kind: response.body?.status === "unchanged" ? "unchanged" : "stored",
        revision: Number(response.body?.revision),
        warnings: remarks.filter((r) => remarkKind(r) === "warning").length,
        notices: remarks.filter((r) => remarkKind(r) === "info").length,
      },
      marks: marksFor(draft, remarks, remarkKind),
    };
  }
  const issues = errorBody(response)?.issues;
  if (response.status === 400 && issues && issues.length > 0) return invalid(draft, issues);
  const stale = errorBody(response)?.code === "stale_revision";
  const message = stale
    ? `Lo scadenziario ${draft.year} è stato modificato sul server da un'altra persona dopo l'ultimo invio da questo foglio. Verificare con il coordinatore o i colleghi; se il foglio è giusto, scegliere di nuovo Invia dati e il server registrerà lo scadenziario del foglio.`
    : describeFailure(response, `inviare lo scadenziario ${draft.year}`);
  return {
    draft,
    outcome: { kind: "refused", message, stale },
    marks: [{ row: CALENDAR.labelRow, column: 1, kind: "error", message }],
  };
}

export function calendarSummary(result: CalendarResult): string {
  return `• Scadenziario ${result.draft.year}: ${summaryLine(result)}`;
}

function marksFor(
  draft: CalendarDraft,
  remarks: readonly Remark[],
  kindOf: (remark: Remark) => MarkKind,
): Mark[] {
  return remarks.map((remark) => {
    const [section, index, field] = remark.path ?? [];
    const row = section === "events" && typeof index === "number" ? draft.rows[index] : undefined;
    const known = CALENDAR_FIELDS.some((f) => f.key === field);
    const message = inSheetTerms(String(remark.message ?? ""), draft, field);
    if (row === undefined)
      return { row: CALENDAR.labelRow, column: 1, kind: kindOf(remark), message };
    const column = known ? calendarColumn(field as CalendarField) : calendarColumn("title");
    return { row, column, kind: kindOf(remark), message };
  });
}

/** The sheet's row numbers and column names instead of list positions and API field names. */
function inSheetTerms(message: string, draft: CalendarDraft, field: unknown): string {
  const sheetRow = (position: string) => String(draft.rows[Number(position) - 1] ?? position);
  const worded = message
    .replace(
      /(Evento alla riga |alla riga )(\d+)/g,
      (_, words: string, n: string) => `${words}${sheetRow(n)}`,
    )
    .replace(/ \(start, end\)/g, " (colonne Dal e Al)")
    .replace(/ \(date\)/g, " (colonna Data)")
    .replace(/ \(start\)/g, " (colonna Dal)")
    .replace(/ \(end\)/g, " (colonna Al)")
    .replace(/ \((deadline|window)\)/g, "");
  // A copied row brings its ID along: say how to get a new one.
  if (field === "id" && /già usato/.test(worded))
    return `${worded} Se la riga è stata copiata, cancellarne l'ID: all'invio ne riceverà uno nuovo.`;
  if (field !== "kind") return worded;
  const prefix = /^Evento alla riga \d+( \([^)]*\))?/.exec(worded)?.[0] ?? "Evento";
  return `${prefix}: Tipo: scegliere dall'elenco "scadenza" (un giorno, colonna Data) o "periodo" (colonne Dal e Al).`;
}
