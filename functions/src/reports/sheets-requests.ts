import type { sheets_v4 } from "@googleapis/sheets";
import { instantLabel, periodLabel, unitLabel } from "./italian-numbers.js";
import type { ReportIndicator, ReportModel } from "./report-model.js";

type Request = sheets_v4.Schema$Request;
type Cell = sheets_v4.Schema$CellData;
type Range = sheets_v4.Schema$GridRange;

/**
 * The Google Sheets sink's requests (DESIGN §13), built purely so they can be tested on their
 * content: the whole tab of a period in ONE `batchUpdate`, whatever the network's size. A tab
 * already there is renamed, replaced by a fresh one at its place and deleted in the same batch,
 * so readers never see half a tab and no old chart or colour survives. Figures are numbers (the
 * spreadsheet's locale shows them with a comma), quartiles coloured by conditional formatting,
 * one native chart per indicator: bars per municipality and the network median as a line.
 */
export interface ExistingSheet {
  sheetId: number;
  title: string;
  index: number;
}

export interface ReportTabPlan {
  title: string;
  sheetId: number;
  requests: Request[];
  rows: number;
  charts: number;
}

export const COLUMNS = 8;
/** The chart sits right of the table, from this column. */
const CHART_COLUMN = COLUMNS;
/** Rows an indicator's block takes at least, so that its chart (320 px) never covers the next. */
const CHART_ROWS = 18;
const CHART_WIDTH = 620;
const CHART_HEIGHT = 340;

/** Light fills under black text, as in the HTML report: 1 = the best quarter of the network. */
const QUARTILE_FILL: Record<1 | 2 | 3 | 4, sheets_v4.Schema$Color> = {
  1: { red: 0.81, green: 0.91, blue: 0.81 },
  2: { red: 0.9, green: 0.94, blue: 0.78 },
  3: { red: 0.98, green: 0.89, blue: 0.77 },
  4: { red: 0.96, green: 0.8, blue: 0.8 },
};

const text = (value: string, bold = false): Cell => ({
  userEnteredValue: { stringValue: value },
  ...(bold ? { userEnteredFormat: { textFormat: { bold: true } } } : {}),
});
const num = (value: number | null): Cell =>
  value === null
    ? { userEnteredValue: { stringValue: "n.d." } }
    : { userEnteredValue: { numberValue: value } };
const row = (cells: Cell[]): sheets_v4.Schema$RowData => ({ values: cells });

export function tabTitle(report: ReportModel): string {
  return `Report ${report.period.key}`;
}

/** What the tab holds, row by row, and where each indicator's table is. */
function layout(report: ReportModel, meta: { version: number; publishedAt: string }) {
  const rows: sheets_v4.Schema$RowData[] = [];
  const decimals: Range[] = [];
  const quartiles: Range[] = [];
  const blocks: { indicator: ReportIndicator; header: number; last: number }[] = [];
  const period = periodLabel(report.period.key, report.period.kind);
  const columns = (first: number, last: number, from: number, to: number) => ({
    startRowIndex: first,
    endRowIndex: last,
    startColumnIndex: from,
    endColumnIndex: to,
  });

  rows.push(row([text(`Report della rete ${report.network.name}: ${period}`, true)]));
  rows.push(
    row([text(`Versione ${meta.version}, pubblicata il ${instantLabel(meta.publishedAt)}`)]),
  );
  rows.push(row([text("Solo percentuali, indici e posizioni: nessun numero di pratiche.")]));
  rows.push(row([]));

  const c = report.completeness;
  rows.push(row([text("Completezza", true), text("Valore", true)]));
  const completenessStart = rows.length;
  rows.push(row([text("Mesi attesi (comuni × mesi)"), num(c.expected)]));
  rows.push(row([text("Mesi inviati"), num(c.reporting)]));
  rows.push(row([text("Mesi inviati sul totale atteso (%)"), num(c.rate)]));
  rows.push(row([text("Mesi inviati entro la scadenza"), num(c.onTime)]));
  rows.push(row([text("Inviati entro la scadenza sul totale inviato (%)"), num(c.onTimeRate)]));
  decimals.push(columns(completenessStart + 2, completenessStart + 3, 1, 2));
  decimals.push(columns(completenessStart + 4, completenessStart + 5, 1, 2));
  rows.push(row([]));

  rows.push(
    row(
      ["Indicatore", "Unità", "Rete", "Minimo", "Mediana", "Massimo", "Var. periodo prec."].map(
        (h) => text(h, true),
      ),
    ),
  );
  const summaryStart = rows.length;
  for (const i of report.indicators) {
    const d = i.network.distribution;
    rows.push(
      row([
        text(i.label),
        text(unitLabel(i.unit)),
        num(i.network.pooled),
        num(d.min),
        num(d.median),
        num(d.max),
        num(i.network.change.previousPeriod.delta),
      ]),
    );
  }
  decimals.push(columns(summaryStart, rows.length, 2, 7));
  rows.push(row([]));

  for (const indicator of report.indicators) {
    const start = rows.length;
    rows.push(row([text(`${indicator.label}, ${period}`, true)]));
    const header = rows.length;
    rows.push(
      row(
        [
          "Comune",
          `Valore (${unitLabel(indicator.unit)})`,
          "Mediana della rete",
          "Posizione",
          "Quartile",
          "Var. periodo prec.",
          "Var. anno prima",
        ].map((h) => text(h, true)),
      ),
    );
    const median = indicator.network.distribution.median;
    for (const m of indicator.municipalities) {
      rows.push(
        row([
          text(m.name),
          num(m.value),
          num(median),
          num(m.rank),
          num(m.quartile),
          num(m.change.previousPeriod),
          num(m.change.yearBefore),
        ]),
      );
    }
    blocks.push({ indicator, header, last: rows.length });
    decimals.push(columns(header + 1, rows.length, 1, 3), columns(header + 1, rows.length, 5, 7));
    quartiles.push(columns(header + 1, rows.length, 4, 5));
    while (rows.length < start + CHART_ROWS) rows.push(row([]));
    rows.push(row([]));
  }

  if (report.areas.length > 0) {
    rows.push(
      row(
        ["Area", "Pratiche gestite dallo sportello (%)", "Minimo", "Mediana", "Massimo"].map((h) =>
          text(h, true),
        ),
      ),
    );
    const areaStart = rows.length;
    for (const a of report.areas) {
      const d = a.filterRate.network.distribution;
      rows.push(
        row([
          text(a.name),
          num(a.filterRate.network.pooled),
          num(d.min),
          num(d.median),
          num(d.max),
        ]),
      );
    }
    decimals.push(columns(areaStart, rows.length, 1, 5));
  }
  return { rows, decimals, quartiles, blocks };
}

function chart(
  sheetId: number,
  block: { indicator: ReportIndicator; header: number; last: number },
  period: string,
): Request {
  const source = (column: number): sheets_v4.Schema$ChartData => ({
    sourceRange: {
      sources: [
        {
          sheetId,
          startRowIndex: block.header,
          endRowIndex: block.last,
          startColumnIndex: column,
          endColumnIndex: column + 1,
        },
      ],
    },
  });
  const { indicator } = block;
  return {
    addChart: {
      chart: {
        spec: {
          title: `${indicator.label}, ${period}`,
          altText: `Grafico a colonne: ${indicator.label.toLowerCase()} di ogni comune; la linea è la mediana della rete.`,
          basicChart: {
            chartType: "COMBO",
            legendPosition: "BOTTOM_LEGEND",
            headerCount: 1,
            axis: [
              { position: "BOTTOM_AXIS", title: "Comune" },
              { position: "LEFT_AXIS", title: `${indicator.label} (${unitLabel(indicator.unit)})` },
            ],
            domains: [{ domain: source(0) }],
            series: [
              { series: source(1), targetAxis: "LEFT_AXIS", type: "COLUMN" },
              { series: source(2), targetAxis: "LEFT_AXIS", type: "LINE" },
            ],
          },
        },
        position: {
          overlayPosition: {
            anchorCell: { sheetId, rowIndex: block.header - 1, columnIndex: CHART_COLUMN },
            widthPixels: CHART_WIDTH,
            heightPixels: CHART_HEIGHT,
          },
        },
      },
    },
  };
}

/** Every request of the one `batchUpdate` that writes the period's tab. */
export function reportTabRequests(
  report: ReportModel,
  meta: { version: number; publishedAt: string },
  existing: readonly ExistingSheet[],
): ReportTabPlan {
  const title = tabTitle(report);
  const old = existing.find((s) => s.title === title);
  const sheetId = Math.max(0, ...existing.map((s) => s.sheetId)) + 1;
  const { rows, decimals, quartiles, blocks } = layout(report, meta);
  const period = periodLabel(report.period.key, report.period.kind);
  const requests: Request[] = [];
  if (old) {
    requests.push({
      updateSheetProperties: {
        properties: { sheetId: old.sheetId, title: `${title} (sostituito ${sheetId})` },
        fields: "title",
      },
    });
  }
  requests.push({
    addSheet: {
      properties: {
        sheetId,
        title,
        ...(old ? { index: old.index } : {}),
        gridProperties: { rowCount: rows.length + 1, columnCount: CHART_COLUMN + 10 },
      },
    },
  });
  if (old) requests.push({ deleteSheet: { sheetId: old.sheetId } });
  requests.push({
    updateCells: {
      start: { sheetId, rowIndex: 0, columnIndex: 0 },
      rows,
      fields: "userEnteredValue,userEnteredFormat.textFormat.bold",
    },
  });
  requests.push({
    updateDimensionProperties: {
      range: { sheetId, dimension: "COLUMNS", startIndex: 0, endIndex: 1 },
      properties: { pixelSize: 260 },
      fields: "pixelSize",
    },
  });
  for (const range of decimals) {
    requests.push({
      repeatCell: {
        range: { sheetId, ...range },
        cell: { userEnteredFormat: { numberFormat: { type: "NUMBER", pattern: "0.0" } } },
        fields: "userEnteredFormat.numberFormat",
      },
    });
  }
  for (const quartile of [1, 2, 3, 4] as const) {
    if (quartiles.length === 0) break;
    requests.push({
      addConditionalFormatRule: {
        index: quartile - 1,
        rule: {
          ranges: quartiles.map((r) => ({ sheetId, ...r })),
          booleanRule: {
            condition: { type: "NUMBER_EQ", values: [{ userEnteredValue: String(quartile) }] },
            format: { backgroundColor: QUARTILE_FILL[quartile] },
          },
        },
      },
    });
  }
  for (const block of blocks) requests.push(chart(sheetId, block, period));
  return { title, sheetId, requests, rows: rows.length, charts: blocks.length };
}
