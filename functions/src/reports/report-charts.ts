import itNumber from "d3-format/locale/it-IT" with { type: "json" };
import itTime from "d3-time-format/locale/it-IT" with { type: "json" };
import { parse, View } from "vega";
import { type Config, compile, type TopLevelSpec } from "vega-lite";

import { formatNumber, monthLabel, unitLabel } from "./italian-numbers.js";
import type { ReportIndicator, ReportModel } from "./report-model.js";

/**
 * The report's charts as SVG, rendered on the server by Vega-Lite → Vega with the headless
 * renderer ('none'): no canvas, no browser, no script in the page. Every chart comes back with an
 * Italian title and description that the page puts inside the SVG (`role="img"`, `<title>`,
 * `<desc>`), so a screen reader gets what the picture says; the marks themselves are hidden from
 * assistive technology (`aria: false`), the tables next to each chart hold the same figures.
 */
export interface Chart {
  title: string;
  description: string;
  svg: string;
}

/** Above this many municipalities one bar each no longer fits a page: a strip of ticks instead. */
export const MAX_BARS = 40;

/** Italian axis numbers and month names: d3's own it-IT locale definitions. */
const LOCALE = { number: itNumber, time: itTime } as Config["locale"];

const CONFIG: Config = {
  locale: LOCALE,
  aria: false,
  mark: { aria: false },
  font: "Helvetica, Arial, sans-serif",
  title: { fontSize: 13, anchor: "start" },
  axis: { labelFontSize: 10, titleFontSize: 11, labelLimit: 160 },
  legend: { labelFontSize: 10, titleFontSize: 11, labelLimit: 320 },
  view: { stroke: null },
};
const BAR = "#2b5b84";
const MEDIAN = "#b3261e";

async function render(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The bar chart of one indicator: each municipality's value, the network median as a rule. */
export async function indicatorChart(
  indicator: ReportIndicator,
  periodLabel: string,
): Promise<Chart> {
  const unit = unitLabel(indicator.unit);
  const values = indicator.municipalities
    .filter((m) => m.value !== null)
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0) || (a.istat < b.istat ? -1 : 1))
    .map((m) => ({ comune: m.name, valore: m.value }));
  const median = indicator.network.distribution.median;
  const title = `${indicator.label}, ${periodLabel}`;
  const axisTitle = `${indicator.label} (${unit})`;
  const bars = values.length <= MAX_BARS;
  const description =
    values.length === 0
      ? `Nessun comune ha un valore di ${indicator.label.toLowerCase()} nel periodo.`
      : `${bars ? "Grafico a barre" : "Grafico a tacche"}: ${indicator.label.toLowerCase()} di ` +
        `ciascuno dei ${values.length} comuni con un valore, dal migliore al peggiore` +
        (median === null
          ? "."
          : `; la linea rossa è la mediana della rete, ${formatNumber(median)} ${unit}.`);
  const medianLayer =
    median === null
      ? []
      : [
          {
            data: { values: [{ mediana: median }] },
            mark: { type: "rule" as const, color: MEDIAN, strokeWidth: 2, strokeDash: [4, 2] },
            encoding: { x: { field: "mediana", type: "quantitative" as const } },
          },
        ];
  const spec: TopLevelSpec = {
    title,
    description,
    width: 440,
    height: bars ? Math.max(60, values.length * 18) : 50,
    config: CONFIG,
    layer: [
      {
        data: { values },
        mark: bars ? { type: "bar", color: BAR } : { type: "tick", color: BAR, thickness: 1 },
        encoding: {
          x: { field: "valore", type: "quantitative", title: axisTitle, scale: { zero: true } },
          ...(bars ? { y: { field: "comune", type: "nominal", title: "Comune", sort: null } } : {}),
        },
      },
      ...medianLayer,
    ],
  };
  return { title, description, svg: await render(spec) };
}

/** Indicators drawn in the trend: the percentages share one axis; other units have their tables. */
function trendSeries(report: ReportModel): { key: string; label: string }[] {
  return [
    ...report.indicators
      .filter((i) => i.unit === "percent")
      .map((i) => ({ key: i.indicator, label: i.label })),
  ];
}

/** The network's pooled percentages month by month over the trend's 24 months. */
export async function trendChart(report: ReportModel): Promise<Chart> {
  const series = trendSeries(report);
  const values = report.trend.flatMap((point) => [
    ...series.map((s) => ({
      mese: `${point.month}-01`,
      serie: s.label,
      valore: point.pooled[s.key] ?? null,
    })),
    { mese: `${point.month}-01`, serie: "Mesi inviati", valore: point.completenessRate },
  ]);
  const first = report.trend[0]?.month ?? report.period.first;
  const last = report.trend.at(-1)?.month ?? report.period.last;
  const title = `Andamento mensile della rete, ${monthLabel(first)} – ${monthLabel(last)}`;
  const description =
    `Grafico a linee: valore della rete mese per mese da ${monthLabel(first)} a ` +
    `${monthLabel(last)} per ${[...series.map((s) => s.label.toLowerCase()), "mesi inviati"].join(", ")} (%).`;
  const spec: TopLevelSpec = {
    title,
    description,
    width: 440,
    height: 220,
    config: CONFIG,
    data: { values },
    mark: { type: "line", point: true, strokeWidth: 1.5 },
    encoding: {
      x: {
        field: "mese",
        type: "temporal",
        timeUnit: "yearmonth",
        title: "Mese",
        axis: { format: "%b %Y", labelAngle: -45 },
      },
      y: { field: "valore", type: "quantitative", title: "Valore della rete (%)" },
      color: {
        field: "serie",
        type: "nominal",
        title: "Indicatore",
        legend: { orient: "bottom", columns: 2 },
      },
    },
  };
  return { title, description, svg: await render(spec) };
}
