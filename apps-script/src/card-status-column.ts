/**
 * Writes the server's view of each card into the read-only columns *Stato* and *Da verificare*
 * of *Schede procedimento*: one block write of the two columns and one of the colours of
 * *Stato*, whatever the number of cards. The status is computed by the server at read time
 * (Europe/Rome), so it is refreshed on every *Invia dati*, even when no card changed.
 */
import type { CardSheet } from "./card-drafts.js";
import { CARDS, STATUS_COLUMN, STATUS_WORDS, TO_CHECK_WORD } from "./cards-layout.js";

export interface ServerCard {
  code: string;
  status: keyof typeof STATUS_WORDS;
  nextReview: string;
  toCheck: boolean;
  events?: { title: string; effectiveStart: string }[];
}

const italianDate = (iso: string) => iso.split("-").reverse().join("/");

/** The rows of codes the server has no card for say so: staff see what was not accepted. */
export function writeCardStatus(cards: CardSheet, server: readonly ServerCard[]): void {
  if (cards.rows === 0) return;
  const byCode = new Map(server.map((card) => [card.code, card]));
  const codeOfRow = new Map(cards.drafts.map((draft) => [draft.row, draft.code]));
  const values: string[][] = [];
  const colours: (string | null)[][] = [];
  for (let r = 0; r < cards.rows; r++) {
    const code = codeOfRow.get(CARDS.firstDataRow + r);
    const card = code === undefined ? undefined : byCode.get(code);
    if (!card) {
      values.push([code === undefined ? "" : "non inviata", ""]);
      colours.push([null]);
      continue;
    }
    const words = STATUS_WORDS[card.status] ?? STATUS_WORDS.stale;
    const when =
      card.status === "stale"
        ? ` dal ${italianDate(card.nextReview)}`
        : ` (prossima revisione ${italianDate(card.nextReview)})`;
    const events = (card.events ?? [])
      .map((event) => `${event.title} dal ${italianDate(event.effectiveStart)}`)
      .join("; ");
    values.push([
      `${words.text}${when}`,
      card.toCheck ? `${TO_CHECK_WORD}${events ? `: ${events}` : ""}` : "",
    ]);
    colours.push([words.colour]);
  }
  cards.sheet.getRange(CARDS.firstDataRow, STATUS_COLUMN, cards.rows, 2).setValues(values);
  cards.sheet.getRange(CARDS.firstDataRow, STATUS_COLUMN, cards.rows, 1).setBackgrounds(colours);
}
