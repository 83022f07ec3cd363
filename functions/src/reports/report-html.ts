import { accessibleSvg, esc, table } from "./html-markup.js";
import { instantLabel, periodLabel } from "./italian-numbers.js";
import { type Chart, indicatorChart, trendChart } from "./report-charts.js";
import { REPORT_STYLE } from "./report-html-style.js";
import {
  areaMunicipalityTable,
  areaNetworkTable,
  completenessTable,
  indicatorTable,
  notesTable,
  summaryTable,
  trendTable,
} from "./report-html-tables.js";
import type { ReportModel } from "./report-model.js";

/**
 * The HTML sink (DESIGN §13): one printable Italian page per published version, A4, every section
 * on a page of its own, charts as inline SVG rendered here (no script, no external resource: the
 * page prints and archives as it is). Pure apart from the charts' rendering: what it shows is the
 * frozen model, which has no count, so the page can go to every member.
 */
export interface HtmlVersion {
  version: number;
  publishedAt: string;
}

/** How many sections (and so, for a network whose tables fit a page each, printed pages). */
export function htmlSectionCount(report: ReportModel): number {
  // Summary, one per indicator, areas (when any), trend, notes.
  return 1 + report.indicators.length + (report.areas.length > 0 ? 1 : 0) + 2;
}

function chartFigure(id: string, chart: Chart): string {
  return `<figure class="chart">${accessibleSvg(id, chart.svg, chart.title, chart.description)}</figure>`;
}

export async function renderReportHtml(report: ReportModel, meta: HtmlVersion): Promise<string> {
  const period = periodLabel(report.period.key, report.period.kind);
  const network = esc(report.network.name);
  const charts = await Promise.all(report.indicators.map((i) => indicatorChart(i, period)));
  const trend = await trendChart(report);

  const sections: string[] = [];
  sections.push(
    `<section aria-labelledby="sintesi"><h1 id="sintesi">Report della rete ${network}: ${esc(period)}</h1>` +
      `<p class="meta">Versione ${meta.version}, pubblicata il ${esc(instantLabel(meta.publishedAt))}. ` +
      `Periodo di confronto: ${esc(report.period.previous)}; un anno prima: ${esc(report.period.yearBefore)}.</p>` +
      `<p>Il report riporta solo percentuali, indici, posizioni e distribuzioni: nessun numero di pratiche dei comuni. ` +
      `Posizione 1 indica il comune migliore; il 1° quartile è il quarto migliore della rete. ` +
      `Le variazioni delle percentuali sono in punti; “n.d.” indica un dato non disponibile.</p>` +
      table(completenessTable(report)) +
      table(summaryTable(report)) +
      `</section>`,
  );
  report.indicators.forEach((indicator, i) => {
    const id = `indicatore-${indicator.indicator}`;
    sections.push(
      `<section aria-labelledby="${id}"><h2 id="${id}">${esc(indicator.label)}</h2>` +
        chartFigure(`grafico-${i + 1}`, charts[i] as Chart) +
        table(indicatorTable(indicator, period)) +
        `</section>`,
    );
  });
  if (report.areas.length > 0) {
    sections.push(
      `<section aria-labelledby="aree"><h2 id="aree">Pratiche gestite dallo sportello per area</h2>` +
        table(areaNetworkTable(report)) +
        table(areaMunicipalityTable(report)) +
        `</section>`,
    );
  }
  sections.push(
    `<section aria-labelledby="andamento"><h2 id="andamento">Andamento mensile della rete</h2>` +
      chartFigure("grafico-andamento", trend) +
      table(trendTable(report)) +
      `</section>`,
  );
  sections.push(
    `<section aria-labelledby="qualita"><h2 id="qualita">Qualità dei dati</h2>` +
      (report.notes.length === 0
        ? `<p>Nessuna segnalazione sulla qualità dei dati nel periodo.</p>`
        : table(notesTable(report))) +
      `</section>`,
  );

  return (
    `<!DOCTYPE html><html lang="it"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>Report ${network}, ${esc(period)} (versione ${meta.version})</title>` +
    `<style>${REPORT_STYLE}</style></head><body><main>${sections.join("")}</main></body></html>`
  );
}
