/**
 * Where the *Schede procedimento* sheet keeps each field of a procedure card (DESIGN §12): one
 * card a row under a title and a row of Italian labels, then the two columns the add-on fills
 * from the server (Stato, Da verificare). Positions are fixed here and nowhere else.
 */
import type { CardBody } from "../../functions/src/domain/cards/card.js";

export const CARDS_SHEET = "Schede procedimento";

export const CARDS = {
  titleRow: 1,
  labelRow: 2,
  firstDataRow: 3,
  /** Empty rows kept below the last card so that staff can add some without help. */
  spareRows: 100,
} as const;

export type CardField = keyof Omit<CardBody, "baseRevision"> | "code";

/** The columns staff type, left to right, with the labels they read. */
export const CARD_FIELDS: readonly { key: CardField; label: string }[] = [
  { key: "code", label: "Codice" },
  { key: "title", label: "Titolo" },
  { key: "office", label: "Ufficio" },
  { key: "referent", label: "Referente" },
  { key: "lastReviewed", label: "Ultima revisione" },
  { key: "reviewEveryMonths", label: "Revisione ogni (mesi)" },
  { key: "sourceUrl", label: "Fonte (indirizzo web)" },
  { key: "notes", label: "Note" },
];
/** Filled by the add-on after each *Invia dati*: read-only for staff. */
export const STATUS_LABELS = ["Stato", "Da verificare"] as const;
export const STATUS_COLUMN = CARD_FIELDS.length + 1;
export const CARD_COLUMNS = CARD_FIELDS.length + STATUS_LABELS.length;

export function cardColumn(key: CardField): number {
  return 1 + CARD_FIELDS.findIndex((field) => field.key === key);
}

/** The server's status in the words and colours staff read in *Stato*. */
export const STATUS_WORDS = {
  current: { text: "aggiornata", colour: "#d9ead3" },
  due: { text: "da rivedere", colour: "#fff2cc" },
  stale: { text: "scaduta", colour: "#f4cccc" },
} as const;
export const TO_CHECK_WORD = "da verificare";

/**
 * Every card PUT is a transaction on the municipality's card index too, so cards sent together
 * contend for one document (Firestore sustains about one write a second on it): they go CHUNK at a
 * time, the first chunk in the fetchAll of the months, and at most PER_SEND in one *Invia dati*
 * (the rest on the next one, as the summary says), well within Apps Script's 6 minutes.
 */
export const CARDS_CHUNK = 10;
export const CARDS_PER_SEND = 100;
