/**
 * The cards' part of *Invia dati*, around the one fetchAll that submit-data.ts makes: which cards
 * changed since the server last accepted them (a fingerprint per card in the document
 * properties, as for months), their requests, and afterwards the marks on the cells and the
 * refreshed *Stato* column, read with `GET …/cards` once the PUTs are in.
 */
import {
  type ApiClient,
  type ApiRequest,
  type ApiResponse,
  describeFailure,
} from "./api-client.js";
import { type CardSheet, readCards } from "./card-drafts.js";
import { type CardResult, cardRequest, cardResultOf, cardsSummary } from "./card-outcome.js";
import { type ServerCard, writeCardStatus } from "./card-status-column.js";
import { CARD_FIELDS, CARDS, CARDS_CHUNK, CARDS_PER_SEND, CARDS_SHEET } from "./cards-layout.js";
import { updateMarks } from "./cell-marks.js";
import type { SentMonth } from "./document-settings.js";
import { accepted } from "./month-outcome.js";

/** Recorded after a stale-revision refusal: the next send goes without baseRevision. */
const OVERWRITE_NEXT = -1;
const cardKey = (code: string) => `card-${code}`;

export interface PendingRequest {
  request: ApiRequest;
  settle: (response: ApiResponse) => void;
}

export interface CardSend {
  cards: CardSheet;
  results: CardResult[];
  pending: PendingRequest[];
  /** The chunks sent after the shared fetchAll, one fetchAll each. */
  later: PendingRequest[][];
  /** Changed cards left for the next *Invia dati*. */
  deferred: number;
  /** The baseRevision each card was sent with, for a retry. */
  bases: Map<string, number | undefined>;
}

/** Null when the file has no *Schede procedimento* sheet (set up before cards existed). */
export function prepareCards(
  book: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sent: ReadonlyMap<string, SentMonth>,
  print: (body: unknown) => string,
  municipality: string,
): CardSend | null {
  const sheet = book.getSheetByName(CARDS_SHEET);
  if (!sheet) return null;
  const cards = readCards(sheet);
  const results: CardResult[] = [];
  const pending: PendingRequest[] = [];
  const bases = new Map<string, number | undefined>();
  let deferred = 0;
  for (const draft of cards.drafts) {
    const before = sent.get(cardKey(draft.code));
    if (before?.fingerprint === print(draft.body)) continue;
    const base = before?.revision;
    bases.set(draft.code, base === undefined || base < 0 ? undefined : base);
    const prepared = cardRequest(draft, municipality, bases.get(draft.code));
    if ("result" in prepared) results.push(prepared.result);
    else if (pending.length >= CARDS_PER_SEND) deferred++;
    else
      pending.push({
        request: prepared.request,
        settle: (response) => results.push(cardResultOf(draft, response)),
      });
  }
  const later: PendingRequest[][] = [];
  for (let i = CARDS_CHUNK; i < pending.length; i += CARDS_CHUNK)
    later.push(pending.slice(i, i + CARDS_CHUNK));
  return { cards, results, pending: pending.slice(0, CARDS_CHUNK), later, deferred, bases };
}

/** The chunks after the first, one fetchAll each, once the shared fetchAll is answered. */
export function sendLaterCards(send: CardSend, api: ApiClient): void {
  for (const chunk of send.later) {
    const responses = api.callAll(chunk.map((p) => p.request));
    chunk.forEach(({ settle }, i) => {
      const response = responses[i];
      if (response) settle(response);
    });
  }
}

/**
 * A card for a procedure that first appears in a month of this very send races with that month
 * in the fetchAll and may be refused as unknown; once the month is accepted, those cards go
 * again, in one more fetchAll, instead of waiting for the next *Invia dati*.
 */
export function retryUnknownCodes(
  send: CardSend,
  codesAccepted: ReadonlySet<string>,
  api: ApiClient,
  municipality: string,
): void {
  const again = send.results.filter(
    (result) => result.unknownCode && codesAccepted.has(result.draft.code),
  );
  if (again.length === 0) return;
  const requests = again.map((result) => {
    const prepared = cardRequest(result.draft, municipality, send.bases.get(result.draft.code));
    return "request" in prepared ? prepared.request : null;
  });
  const ready = requests.flatMap((request, i) => (request ? [{ request, result: again[i] }] : []));
  for (let first = 0; first < ready.length; first += CARDS_CHUNK) {
    const chunk = ready.slice(first, first + CARDS_CHUNK);
    const responses = api.callAll(chunk.map(({ request }) => request));
    chunk.forEach(({ result }, i) => {
      const response = responses[i];
      if (!result || !response) return;
      send.results[send.results.indexOf(result)] = cardResultOf(result.draft, response);
    });
  }
}

/** What to remember of this send: fingerprints of accepted cards, overwrite after a conflict. */
export function cardAccepts(
  send: CardSend,
  print: (body: unknown) => string,
): Map<string, SentMonth> {
  const accepts = new Map<string, SentMonth>();
  for (const result of send.results) {
    const key = cardKey(result.draft.code);
    if (accepted(result) && "revision" in result.outcome)
      accepts.set(key, {
        fingerprint: print(result.draft.body),
        revision: result.outcome.revision,
      });
    else if (result.outcome.kind === "refused" && result.outcome.stale)
      accepts.set(key, { fingerprint: "", revision: OVERWRITE_NEXT });
  }
  return accepts;
}

/**
 * Marks every row anew (a card not sent now was accepted before: it has no error to keep), then
 * reads the cards' status. Returns the summary line, or a line saying the status is unknown.
 */
export function finishCards(send: CardSend, api: ApiClient, municipality: string): string | null {
  const { cards } = send;
  updateMarks(
    {
      sheet: cards.sheet,
      lastHeaderRow: CARDS.labelRow,
      firstRow: CARDS.firstDataRow,
      rows: cards.rows,
      columns: CARD_FIELDS.length,
    },
    [...cards.marks, ...send.results.flatMap((result) => result.marks)],
    () => "all",
  );
  const summary = cardsSummary(send.results, cards.marks.length, send.deferred);
  if (cards.drafts.length === 0) return summary;
  const response = api.call({
    method: "get",
    path: `/v1/municipalities/${encodeURIComponent(municipality)}/cards`,
  });
  if (response.status !== 200) {
    const problem = `• Stato delle schede non aggiornato: ${describeFailure(response, "leggere le schede")}`;
    return summary ? `${summary}\n${problem}` : problem;
  }
  writeCardStatus(cards, (response.body?.cards ?? []) as ServerCard[]);
  return summary;
}

export const cardsNeedAttention = (send: CardSend | null) =>
  send !== null &&
  (send.cards.marks.length > 0 || send.results.some((result) => !accepted(result)));
