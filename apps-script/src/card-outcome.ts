/**
 * The cards' part of an *Invia dati*: the request of each changed card (checked first with the
 * domain schema the server runs), what became of it, the marks that go on the *Schede
 * procedimento* cells and the line of the summary.
 */
import { cardBodySchema } from "../../functions/src/domain/cards/card.js";
import { type ValidationIssue, zodIssues } from "../../functions/src/domain/validation-issue.js";
import { type ApiRequest, type ApiResponse, describeFailure, errorBody } from "./api-client.js";
import type { CardDraft } from "./card-drafts.js";
import { CARD_FIELDS, CARDS_PER_SEND, type CardField, cardColumn } from "./cards-layout.js";
import type { Mark } from "./cell-marks.js";
import type { MonthOutcome } from "./month-outcome.js";

export interface CardResult {
  draft: CardDraft;
  outcome: MonthOutcome;
  marks: Mark[];
  /** Refused only because the server knows no month with the code: worth a retry after one. */
  unknownCode?: boolean;
}

export const cardPath = (municipality: string, code: string) =>
  `/v1/municipalities/${encodeURIComponent(municipality)}/cards/${encodeURIComponent(code)}`;

export function cardRequest(
  draft: CardDraft,
  municipality: string,
  baseRevision: number | undefined,
): { request: ApiRequest } | { result: CardResult } {
  const body = baseRevision === undefined ? draft.body : { ...draft.body, baseRevision };
  const checked = cardBodySchema.safeParse(body);
  if (!checked.success) return { result: invalid(draft, zodIssues(checked.error)) };
  return {
    request: { method: "put", path: cardPath(municipality, draft.code), body: checked.data },
  };
}

function invalid(draft: CardDraft, issues: readonly ValidationIssue[]): CardResult {
  return {
    draft,
    outcome: { kind: "invalid", errors: issues.length },
    marks: issues.map((issue) => {
      const field = issue.path[0];
      const known = CARD_FIELDS.some((f) => f.key === field);
      return {
        row: draft.row,
        column: known ? cardColumn(field as CardField) : cardColumn("code"),
        kind: "error",
        message: `Scheda ${draft.code} (riga ${draft.row}): ${issue.message}`,
      };
    }),
  };
}

export function cardResultOf(draft: CardDraft, response: ApiResponse): CardResult {
  if (response.status === 200) {
    return {
      draft,
      outcome: {
        kind: response.body?.status === "unchanged" ? "unchanged" : "stored",
        revision: Number(response.body?.revision),
        warnings: 0,
        notices: 0,
      },
      marks: [],
    };
  }
  const error = errorBody(response);
  if (response.status === 400 && error?.issues && error.issues.length > 0)
    return {
      ...invalid(draft, error.issues),
      unknownCode: error.issues.every((issue) => issue.path[0] === "code"),
    };
  const stale = error?.code === "stale_revision";
  const message = stale
    ? `Scheda ${draft.code} (riga ${draft.row}): è stata modificata sul server da un'altra persona dopo l'ultimo invio da questo foglio. Verificare con i colleghi; se il foglio è giusto, scegliere di nuovo Invia dati e il server registrerà la scheda del foglio.`
    : `Scheda ${draft.code} (riga ${draft.row}): ${describeFailure(response, "inviare la scheda")}`;
  return {
    draft,
    outcome: { kind: "refused", message, stale },
    marks: [{ row: draft.row, column: cardColumn("code"), kind: "error", message }],
  };
}

/** One line for all the cards: they are many and alike, the cells say which failed. */
export function cardsSummary(
  results: readonly CardResult[],
  unsent: number,
  deferred = 0,
): string | null {
  if (results.length + unsent + deferred === 0) return null;
  const count = (kind: MonthOutcome["kind"]) =>
    results.filter((r) => r.outcome.kind === kind).length;
  const stored = count("stored");
  const unchanged = count("unchanged");
  const failed = count("invalid") + count("refused") + unsent;
  const parts: string[] = [];
  if (stored > 0) parts.push(stored === 1 ? "una inviata" : `${stored} inviate`);
  if (unchanged > 0)
    parts.push(unchanged === 1 ? "una già registrata" : `${unchanged} già registrate`);
  if (failed > 0)
    parts.push(
      `${failed === 1 ? "una non inviata" : `${failed} non inviate`}, vedere le celle in rosso`,
    );
  if (deferred > 0)
    parts.push(
      `${deferred === 1 ? "un'altra" : `altre ${deferred}`} alla prossima Invia dati (al massimo ${CARDS_PER_SEND} per invio)`,
    );
  return `• Schede procedimento: ${parts.join(", ")}.`;
}
