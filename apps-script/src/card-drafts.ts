/**
 * Reads the *Schede procedimento* sheet in one block read and turns each typed row into the body
 * of `PUT …/cards/{code}`, remembering its sheet row so that the server's issues go back on the
 * exact cell. Rows without a code, or with a code another row already has, are reported here.
 */
import { dateValue } from "./calendar-drafts.js";
import { CARD_COLUMNS, CARD_FIELDS, CARDS, type CardField, cardColumn } from "./cards-layout.js";
import type { Mark } from "./cell-marks.js";
import { figureValue, textValue } from "./month-drafts.js";

export interface CardDraft {
  code: string;
  row: number;
  /** The card as typed: the domain schema decides whether it is acceptable. */
  body: Partial<Record<Exclude<CardField, "code">, unknown>>;
}

export interface CardSheet {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  drafts: CardDraft[];
  /** Rows refused before sending (no code, a code twice). */
  marks: Mark[];
  /** Rows of the sheet under the headers, for clearing old marks and writing the status. */
  rows: number;
}

export function readCards(sheet: GoogleAppsScript.Spreadsheet.Sheet): CardSheet {
  const rows = Math.max(0, sheet.getLastRow() - CARDS.firstDataRow + 1);
  const values =
    rows > 0 ? sheet.getRange(CARDS.firstDataRow, 1, rows, CARD_COLUMNS).getValues() : [];
  const drafts: CardDraft[] = [];
  const marks: Mark[] = [];
  const rowOfCode = new Map<string, number>();
  const codeColumn = cardColumn("code");
  values.forEach((line, offset) => {
    const row = CARDS.firstDataRow + offset;
    const typed = CARD_FIELDS.some(({ key }) => textValue(line[cardColumn(key) - 1]) !== undefined);
    if (!typed) return;
    const code = textValue(line[codeColumn - 1]);
    if (code === undefined) {
      marks.push({
        row,
        column: codeColumn,
        kind: "error",
        message: `Riga ${row}: manca il codice del procedimento, da scegliere dall'elenco.`,
      });
      return;
    }
    const first = rowOfCode.get(code);
    if (first !== undefined) {
      marks.push({
        row,
        column: codeColumn,
        kind: "error",
        message: `Riga ${row}: il procedimento ${code} ha già una scheda alla riga ${first}; una sola scheda per procedimento.`,
      });
      return;
    }
    rowOfCode.set(code, row);
    drafts.push({ code, row, body: bodyOf(line) });
  });
  return { sheet, drafts, marks, rows };
}

function bodyOf(line: unknown[]): CardDraft["body"] {
  const cell = (key: CardField) => line[cardColumn(key) - 1];
  const body: CardDraft["body"] = {
    title: textValue(cell("title")),
    office: textValue(cell("office")),
    referent: textValue(cell("referent")),
    lastReviewed: dateValue(cell("lastReviewed")),
    reviewEveryMonths: figureValue(cell("reviewEveryMonths")),
  };
  const sourceUrl = textValue(cell("sourceUrl"));
  if (sourceUrl !== undefined) body.sourceUrl = sourceUrl;
  const notes = textValue(cell("notes"));
  if (notes !== undefined) body.notes = notes;
  return body;
}
