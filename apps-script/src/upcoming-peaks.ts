/**
 * *Aggiorna prossimi 60 giorni*: asks the API, in one fetchAll, for the municipality's calendars
 * of the years the next 60 days touch (network and local events at their effective dates), its
 * load forecast for those months and the area names, and writes the *Prossimi 60 giorni* sheet.
 *
 * A sheet of its own rather than a block of *Confronto rete*: the comparison is about a closed
 * period and is refreshed when the network's figures are in, this is about the coming weeks and
 * is read whenever a peak is being planned; its length changes with the events, which would move
 * the comparison's table, and a forecast that cannot be had must not hide the comparison (nor
 * the other way round).
 */
import { DateTime } from "luxon";
import { ZONE } from "../../functions/src/domain/period.js";
import { type ApiRequest, connectForMunicipality, describeFailure } from "./api-client.js";
import { type Area, cacheAreas, cachedAreas } from "./document-settings.js";
import { styleTitle } from "./sheet-format.js";
import { a1, COLORS, UPCOMING_SHEET } from "./sheet-layout.js";
import {
  type ForecastResponse,
  plusDays,
  type ServerEvent,
  UPCOMING_DAYS,
  UPCOMING_WIDTH,
  type UpcomingRow,
  upcomingRows,
} from "./upcoming-table.js";
import { toast, UserError } from "./user-error.js";

export function refreshUpcoming(): void {
  const { settings, api } = connectForMunicipality();
  const today = DateTime.now().setZone(ZONE).toISODate() as string;
  const last = plusDays(today, UPCOMING_DAYS - 1);
  const year = Number(today.slice(0, 4));
  const lastYear = Number(last.slice(0, 4));
  // A window of last year's calendar may run into January.
  const years = [...new Set([today.slice(5, 7) === "01" ? year - 1 : year, year, lastYear])];
  const months =
    lastYear * 12 + Number(last.slice(5, 7)) - (year * 12 + Number(today.slice(5, 7))) + 1;
  const istat = encodeURIComponent(settings.municipality);
  const requests: ApiRequest[] = [
    { method: "get", path: "/v1/areas" },
    { method: "get", path: `/v1/municipalities/${istat}/forecast?months=${months}` },
    ...years.map((y) => ({
      method: "get" as const,
      path: `/v1/municipalities/${istat}/calendar/${y}`,
    })),
  ];
  const [areasResponse, forecastResponse, ...calendars] = api.callAll(requests);
  let areas: Area[] = cachedAreas();
  if (areasResponse?.status === 200) {
    areas = (areasResponse.body?.areas ?? []) as Area[];
    cacheAreas(areas);
  }
  const events: ServerEvent[] = [];
  for (const response of calendars) {
    if (response?.status !== 200)
      throw new UserError(
        describeFailure(response ?? { status: 0, body: null }, "leggere lo scadenziario"),
      );
    events.push(...((response.body?.events ?? []) as ServerEvent[]));
  }
  const forecast =
    forecastResponse?.status === 200 ? (forecastResponse.body as ForecastResponse) : null;
  const names = new Map(areas.map((area) => [area.code, area.name]));
  const rows = upcomingRows({
    today,
    events,
    forecast,
    forecastProblem: forecast
      ? undefined
      : `Previsione non disponibile. ${describeFailure(forecastResponse ?? { status: 0, body: null }, "leggere la previsione del carico")}`,
    areaName: (code) => names.get(code) ?? code,
    updatedAt: new Date(),
  });
  writeUpcoming(rows);
  const open = rows.filter((r) => r.role === "unplanned").length;
  toast(
    "Prossimi 60 giorni",
    open === 0
      ? "Foglio Prossimi 60 giorni aggiornato."
      : `Foglio Prossimi 60 giorni aggiornato: ${open === 1 ? "un picco previsto non è pianificato" : `${open} picchi previsti non sono pianificati`}, vedere le righe in arancione.`,
  );
}

/**
 * The sheet is the add-on's own: its old table goes whole (values and formats), so that sections
 * can move as events come and go. Constant calls: one block of formats, one of values, one
 * RangeList per kind of row.
 */
function writeUpcoming(rows: UpcomingRow[]) {
  const book = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = book.getSheetByName(UPCOMING_SHEET) ?? book.insertSheet(UPCOMING_SHEET);
  const height = Math.max(sheet.getLastRow(), rows.length);
  sheet.getRange(1, 1, height, UPCOMING_WIDTH).clear();
  const range = sheet.getRange(1, 1, rows.length, UPCOMING_WIDTH);
  range.setNumberFormats(rows.map((r) => r.formats));
  range.setValues(rows.map((r) => r.cells));
  range.setVerticalAlignment("top");
  styleTitle(sheet.getRange(1, 1, 1, UPCOMING_WIDTH));
  const rowsOf = (...roles: UpcomingRow["role"][]) =>
    rows.flatMap((r, i) =>
      roles.includes(r.role) ? [`${a1(i + 1, 1)}:${a1(i + 1, UPCOMING_WIDTH)}`] : [],
    );
  const headers = rowsOf("header");
  if (headers.length > 0)
    sheet.getRangeList(headers).setBackground(COLORS.header).setFontWeight("bold");
  sheet.getRangeList([...rowsOf("section"), "A2:A3"]).setFontWeight("bold");
  const unplanned = rowsOf("unplanned");
  if (unplanned.length > 0) sheet.getRangeList(unplanned).setBackground(COLORS.unplanned);
  sheet.setColumnWidths(1, 3, 150);
  sheet.setColumnWidth(4, 260);
  sheet.setColumnWidths(5, 4, 110);
  sheet.setColumnWidth(9, 300);
  sheet.setColumnWidth(10, 170);
  sheet.activate();
}
