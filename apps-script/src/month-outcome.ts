/**
 * What became of one month in an *Invia dati*: the line staff read in the summary and the marks
 * that go on the cells.
 */
import type { ValidationIssue } from "../../functions/src/domain/validation-issue.js";
import { type ApiResponse, describeFailure, errorBody } from "./api-client.js";
import type { Mark, MarkKind } from "./cell-marks.js";
import { type CellRef, inSheetTerms, issueCell, monthHeadingCell } from "./issue-cells.js";
import type { MonthDraft } from "./month-drafts.js";
import { warningTag } from "./warning-notes.js";

export type MonthOutcome =
  /** `warnings` ask staff to check a figure; `notices` (severity info) only inform. */
  | { kind: "stored" | "unchanged"; revision: number; warnings: number; notices: number }
  | { kind: "invalid"; errors: number }
  /** `stale`: someone else changed what is stored since this file last sent it. */
  | { kind: "refused"; message: string; stale?: boolean };

export interface MarkOnSheet extends Mark {
  sheet: CellRef["sheet"];
}

export interface MonthResult {
  draft: MonthDraft;
  outcome: MonthOutcome;
  marks: MarkOnSheet[];
}

export interface Remark {
  /** The stable id the server gives a stored month's remark (DESIGN §12). */
  id?: string;
  path?: (string | number)[];
  message?: string;
  severity?: string;
}

function marksFor(
  draft: MonthDraft,
  remarks: readonly Remark[],
  kindOf: (remark: Remark) => MarkKind,
): MarkOnSheet[] {
  return remarks.map((remark) => {
    const cell = issueCell(draft, remark.path ?? []);
    const message = inSheetTerms(String(remark.message ?? ""), draft);
    return {
      ...cell,
      kind: kindOf(remark),
      // The id lets *Giustifica segnalazione* answer the remark from the cell.
      message: remark.id ? `${message} ${warningTag(draft.month, remark.id)}` : message,
    };
  });
}

/** A remark of severity `info` only informs: it is not a figure to check. */
export const remarkKind = (remark: Remark): MarkKind =>
  remark.severity === "info" ? "info" : "warning";

export function invalidResult(draft: MonthDraft, issues: readonly ValidationIssue[]): MonthResult {
  return {
    draft,
    outcome: { kind: "invalid", errors: issues.length },
    marks: marksFor(draft, issues, () => "error"),
  };
}

/** Reads the server's answer to the month's PUT. */
export function resultOf(draft: MonthDraft, response: ApiResponse): MonthResult {
  if (response.status === 200) {
    const warnings = Array.isArray(response.body?.warnings)
      ? (response.body.warnings as Remark[])
      : [];
    return {
      draft,
      outcome: {
        kind: response.body?.status === "unchanged" ? "unchanged" : "stored",
        revision: Number(response.body?.revision),
        warnings: warnings.filter((w) => w.severity !== "info").length,
        notices: warnings.filter((w) => w.severity === "info").length,
      },
      marks: marksFor(draft, warnings, remarkKind),
    };
  }
  const issues = errorBody(response)?.issues;
  if (response.status === 400 && issues && issues.length > 0) return invalidResult(draft, issues);
  const message = describeFailure(response, "inviare i dati del mese");
  return {
    draft,
    outcome: { kind: "refused", message },
    marks: [{ ...monthHeadingCell(draft), kind: "error", message }],
  };
}

export function summaryLine(result: { outcome: MonthOutcome }): string {
  const outcome = result.outcome;
  switch (outcome.kind) {
    case "stored":
      return `inviato (revisione ${outcome.revision})${remarksText(outcome)}.`;
    case "unchanged":
      return `già registrato con gli stessi dati (revisione ${outcome.revision})${remarksText(outcome)}.`;
    case "invalid":
      return `non inviato: ${outcome.errors === 1 ? "un errore" : `${outcome.errors} errori`}, vedere le celle in rosso.`;
    case "refused":
      return `non inviato. ${outcome.message}`;
  }
}

/** Warnings (to check, yellow) and information (nothing to do, light blue) are counted apart. */
export function remarksText({ warnings, notices }: { warnings: number; notices: number }): string {
  let text = "";
  if (warnings > 0)
    text +=
      warnings === 1
        ? "; un avviso da verificare, vedere la nota in giallo"
        : `; ${warnings} avvisi da verificare, vedere le note in giallo`;
  if (notices > 0)
    text +=
      notices === 1
        ? "; un'informazione, nella nota in azzurro"
        : `; ${notices} informazioni, nelle note in azzurro`;
  return text;
}

/** Worth interrupting staff with a dialog: anything refused, or a figure to check. */
export const needsAttention = (result: { outcome: MonthOutcome }) =>
  !("warnings" in result.outcome) || result.outcome.warnings > 0;

export const accepted = (result: { outcome: MonthOutcome }) =>
  result.outcome.kind === "stored" || result.outcome.kind === "unchanged";
