/**
 * The *Schede procedimento* sheet: one procedure card a row. Laying it out again repairs headers,
 * the dropdown of procedure codes, formats and validation, and never writes a cell staff type
 * cards into. Everything is applied to whole columns, so the calls are the same for 5 cards as
 * for 500.
 */
import { MAX_REVIEW_MONTHS, MIN_REVIEW_MONTHS } from "../../functions/src/domain/cards/card.js";
import {
  CARD_COLUMNS,
  CARD_FIELDS,
  CARDS,
  type CardField,
  cardColumn,
  STATUS_COLUMN,
  STATUS_LABELS,
} from "./cards-layout.js";
import { procedureList } from "./procedures-template.js";
import { ensureSize, protectOnce, styleHeader, styleTitle } from "./sheet-format.js";
import { a1, proceduresSheetName, yearsInBook } from "./sheet-layout.js";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * A list rule of Sheets shows at most 500 items: past that the codes are still accepted as typed
 * (the server checks them against the months it holds).
 */
const MAX_DROPDOWN = 500;

export function layOutCards(sheet: Sheet, codes: readonly string[]): void {
  const cardRows = Math.max(0, sheet.getLastRow() - CARDS.firstDataRow + 1);
  ensureSize(sheet, CARDS.firstDataRow + cardRows + CARDS.spareRows, CARD_COLUMNS);
  const title = Array<string>(CARD_COLUMNS).fill("");
  title[0] = "POLI-NET · Schede procedimento";
  title[2] =
    "Una scheda per procedimento: il codice si sceglie dall'elenco dei fogli Pratiche. Stato e Da verificare li scrive POLI-NET a ogni Invia dati: non modificarli.";
  const labels = [...CARD_FIELDS.map((field) => field.label), ...STATUS_LABELS];
  sheet.getRange(CARDS.titleRow, 1, 2, CARD_COLUMNS).setValues([title, labels]);
  styleTitle(sheet.getRange(CARDS.titleRow, 1, 1, CARD_COLUMNS));
  styleHeader(sheet.getRange(CARDS.labelRow, 1, 1, CARD_COLUMNS));
  sheet.setFrozenRows(CARDS.labelRow);
  sheet.setColumnWidths(cardColumn("title"), 3, 200);
  sheet.setColumnWidths(cardColumn("sourceUrl"), 2, 260);

  const first = CARDS.firstDataRow;
  const rows = sheet.getMaxRows() - first + 1;
  const column = (key: CardField, count = 1) => sheet.getRange(first, cardColumn(key), rows, count);
  // Codes stay text: "001" is not the number 1.
  column("code").setNumberFormat("@").setDataValidation(codeRule(codes));
  column("lastReviewed").setDataValidation(dateRule()).setNumberFormat("dd/mm/yyyy");
  column("reviewEveryMonths").setDataValidation(
    monthsRule(a1(first, cardColumn("reviewEveryMonths"))),
  );
  column("notes").setWrap(true);
  protectOnce(sheet, [
    {
      range: sheet.getRange(CARDS.titleRow, 1, 2, CARD_COLUMNS),
      description: "POLI-NET: intestazioni del foglio Schede procedimento",
    },
    {
      range: sheet.getRange(first, STATUS_COLUMN, rows, STATUS_LABELS.length),
      description: "POLI-NET: stato delle schede (lo scrive POLI-NET)",
    },
  ]);
}

/** Every procedure code of the file's *Pratiche* sheets, newest year first, once each. */
export function procedureCodesInBook(book: Spreadsheet): string[] {
  const years = yearsInBook(book.getSheets().map((sheet) => sheet.getName())).reverse();
  const codes = new Set<string>();
  for (const year of years) {
    const sheet = book.getSheetByName(proceduresSheetName(year));
    for (const [code] of sheet ? procedureList(sheet) : [])
      if (code?.trim()) codes.add(code.trim());
  }
  return [...codes];
}

function codeRule(codes: readonly string[]) {
  const builder = SpreadsheetApp.newDataValidation();
  if (codes.length === 0 || codes.length > MAX_DROPDOWN) {
    return builder
      .requireFormulaSatisfied(`=LEN(${a1(CARDS.firstDataRow, cardColumn("code"))})<=40`)
      .setAllowInvalid(false)
      .setHelpText("Il codice del procedimento, come nel foglio Pratiche.")
      .build();
  }
  return builder
    .requireValueInList([...codes], true)
    .setAllowInvalid(false)
    .setHelpText("Scegliere il procedimento dall'elenco: sono i codici dei fogli Pratiche.")
    .build();
}

function dateRule() {
  return SpreadsheetApp.newDataValidation()
    .requireDate()
    .setAllowInvalid(false)
    .setHelpText("La data dell'ultima revisione della scheda, per esempio 16/06/2026.")
    .build();
}

function monthsRule(topLeftA1: string) {
  return SpreadsheetApp.newDataValidation()
    .requireFormulaSatisfied(
      `=AND(ISNUMBER(${topLeftA1}),${topLeftA1}>=${MIN_REVIEW_MONTHS},${topLeftA1}<=${MAX_REVIEW_MONTHS},${topLeftA1}=INT(${topLeftA1}))`,
    )
    .setAllowInvalid(false)
    .setHelpText(
      `Ogni quanti mesi la scheda va rivista: un numero intero da ${MIN_REVIEW_MONTHS} a ${MAX_REVIEW_MONTHS}.`,
    )
    .build();
}
