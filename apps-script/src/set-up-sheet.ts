/**
 * *Imposta foglio*: creates the year's *Pratiche*, *Servizio* and *Scadenziario* sheets and the
 * *Schede procedimento* sheet (one for every year: a card outlives the year), or
 * repairs them without touching the figures and events. A new sheet starts with the procedures of the latest earlier year in the
 * file or, failing that, of the latest month the server holds for the municipality.
 */
import { addMonths, type Month, monthOf } from "../../functions/src/domain/period.js";
import { type ApiClient, connect, fetchAreas } from "./api-client.js";
import { calendarSheetName } from "./calendar-layout.js";
import { calendarRowCount, layOutCalendar } from "./calendar-template.js";
import { CARDS_SHEET } from "./cards-layout.js";
import { layOutCards, procedureCodesInBook } from "./cards-template.js";
import { type Area, cachedMe, readSettings } from "./document-settings.js";
import { layOutProcedures, procedureList, procedureRowCount } from "./procedures-template.js";
import { layOutService } from "./service-template.js";
import { sheetNamed } from "./sheet-format.js";
import { PROCEDURES, proceduresSheetName, serviceSheetName, yearsInBook } from "./sheet-layout.js";
import { toast, UserError, withDocumentLock } from "./user-error.js";

const TITLE = "Imposta foglio";
const FIRST_YEAR = 2011;

export function setUpSheet(): void {
  const lastComplete = addMonths(monthOf(new Date()), -1);
  const year = askYear(Number(lastComplete.slice(0, 4)));
  if (year === null) return;
  const settings = readSettings();
  const api = connect(settings);
  const areas = fetchAreas(api);
  const municipality = settings.municipality || cachedMe()?.municipality || "";
  withDocumentLock(() => {
    const book = SpreadsheetApp.getActiveSpreadsheet();
    const procedures = sheetNamed(book, proceduresSheetName(year));
    const rows = procedureRowCount(procedures);
    let list: string[][] = [];
    let source = "";
    if (rows === 0) {
      const earlier = previousYearList(book, year);
      list =
        earlier.length > 0 ? earlier : serverList(api, municipality, year, lastComplete, areas);
      if (list.length > 0) {
        source =
          earlier.length > 0
            ? " con i procedimenti dell'anno precedente"
            : " con i procedimenti già inviati";
      }
    }
    const areaNames = areas.map((area) => area.name);
    layOutProcedures(procedures, year, areaNames, Math.max(rows, list.length));
    if (list.length > 0) {
      procedures.getRange(PROCEDURES.firstDataRow, 1, list.length, 3).setValues(list);
    }
    layOutService(sheetNamed(book, serviceSheetName(year)), year);
    const calendar = sheetNamed(book, calendarSheetName(year));
    layOutCalendar(calendar, year, areaNames, calendarRowCount(calendar));
    layOutCards(sheetNamed(book, CARDS_SHEET), procedureCodesInBook(book));
    procedures.activate();
    toast(
      TITLE,
      `Fogli ${proceduresSheetName(year)}, ${serviceSheetName(year)}, ${calendarSheetName(year)} e ${CARDS_SHEET} pronti${source}. Inserire i dati e scegliere POLI-NET › Invia dati.`,
    );
  });
}

function askYear(suggested: number): number | null {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(
    `POLI-NET – ${TITLE}`,
    `Anno del foglio da preparare o riparare (lasciare vuoto per il ${suggested}):`,
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) return null;
  const text = answer.getResponseText().trim();
  if (text === "") return suggested;
  const year = Number(text);
  const latest = new Date().getFullYear() + 1;
  if (!/^\d{4}$/.test(text) || year < FIRST_YEAR || year > latest) {
    throw new UserError(
      `"${text}" non è un anno valido: indicare un anno tra ${FIRST_YEAR} e ${latest}, per esempio ${suggested}.`,
    );
  }
  return year;
}

function previousYearList(
  book: GoogleAppsScript.Spreadsheet.Spreadsheet,
  year: number,
): string[][] {
  const earlier = yearsInBook(book.getSheets().map((sheet) => sheet.getName())).filter(
    (y) => y < year,
  );
  const latest = earlier[earlier.length - 1];
  const sheet = latest === undefined ? null : book.getSheetByName(proceduresSheetName(latest));
  return sheet ? procedureList(sheet) : [];
}

/** The procedures of the latest of the 12 months up to the year's end that the server holds. */
function serverList(
  api: ApiClient,
  municipality: string,
  year: number,
  lastComplete: Month,
  areas: Area[],
): string[][] {
  if (!municipality) return [];
  const yearEnd = `${year}-12` as Month;
  const last = yearEnd < lastComplete ? yearEnd : lastComplete;
  const months = Array.from({ length: 12 }, (_, i) => addMonths(last, -i));
  const responses = api.callAll(
    months.map((month) => ({
      method: "get" as const,
      path: `/v1/municipalities/${encodeURIComponent(municipality)}/months/${month}`,
    })),
  );
  const found = responses.find((response) => response.status === 200);
  const procedures = (found?.body?.procedures ?? []) as {
    code: string;
    name: string;
    area: string;
  }[];
  const nameOf = new Map(areas.map((area) => [area.code, area.name]));
  return procedures.map((p) => [p.code, p.name, nameOf.get(p.area) ?? p.area]);
}
