import { esc, figure, type Table } from "./html-markup.js";
import {
  changeUnitLabel,
  formatChange,
  formatCount,
  formatNumber,
  monthLabel,
  shortMonthLabel,
  unitLabel,
} from "./italian-numbers.js";
import type { ReportIndicator, ReportModel } from "./report-model.js";

/** The tables of the HTML report, one builder per table; numbers in Italian, names escaped. */

const value = (v: number | null) => figure(v, formatNumber(v));
const change = (v: number | null) => figure(v, formatChange(v));
const count = (v: number) => figure(v, formatCount(v));

const SEVERITY: Record<string, string> = {
  error: "Errore",
  warning: "Avviso",
  info: "Informazione",
};

export function completenessTable(report: ReportModel): Table {
  const c = report.completeness;
  return {
    name: "completeness",
    caption: "Completezza e puntualità dei dati inviati",
    columns: ["Voce", "Valore"],
    rows: [
      ["Mesi attesi (comuni × mesi)", count(c.expected)],
      ["Mesi inviati", count(c.reporting)],
      ["Mesi inviati sul totale atteso (%)", value(c.rate)],
      ["Mesi inviati entro la scadenza", count(c.onTime)],
      ["Inviati entro la scadenza sul totale inviato (%)", value(c.onTimeRate)],
    ],
  };
}

/** The network figures of every indicator, one row each. */
export function summaryTable(report: ReportModel): Table {
  return {
    name: "summary",
    caption: "Sintesi degli indicatori della rete",
    columns: [
      "Indicatore",
      "Unità",
      "Rete",
      "Media dei comuni",
      "Minimo",
      "Mediana",
      "Massimo",
      "Variazione sul periodo precedente",
      "Variazione sull'anno prima",
    ],
    rows: report.indicators.map((i) => {
      const d = i.network.distribution;
      return [
        esc(i.label),
        esc(unitLabel(i.unit)),
        value(i.network.pooled),
        value(i.network.mean),
        value(d.min),
        value(d.median),
        value(d.max),
        change(i.network.change.previousPeriod.delta),
        change(i.network.change.yearBefore.delta),
      ];
    }),
  };
}

function quartileCell(q: number | null): string {
  return q === null ? "n.d." : `<span class="q q${q}">${q}°</span>`;
}

/** One row per municipality: value, rank, quartile, changes; the network in the footer. */
export function indicatorTable(indicator: ReportIndicator, periodLabel: string): Table {
  const points = changeUnitLabel(indicator.unit);
  const small = indicator.municipalities.some((m) => m.smallDenominator);
  return {
    name: `indicator:${indicator.indicator}`,
    caption: `${indicator.label} per comune, ${periodLabel}${small ? " (* meno di 30 casi)" : ""}`,
    columns: [
      "Comune",
      `Valore (${unitLabel(indicator.unit)})`,
      "Posizione",
      "Quartile",
      `Variazione sul periodo precedente (${points})`,
      `Variazione sull'anno prima (${points})`,
    ],
    rows: indicator.municipalities.map((m) => [
      esc(m.name) + (m.smallDenominator ? " *" : ""),
      value(m.value),
      m.rank === null ? "n.d." : count(m.rank),
      quartileCell(m.quartile),
      change(m.change.previousPeriod),
      change(m.change.yearBefore),
    ]),
    footer: [
      [
        "Rete",
        value(indicator.network.pooled),
        "",
        "",
        change(indicator.network.change.previousPeriod.delta),
        change(indicator.network.change.yearBefore.delta),
      ],
    ],
  };
}

/** The filter rate of each area for the network. */
export function areaNetworkTable(report: ReportModel): Table {
  return {
    name: "areas",
    caption: "Pratiche gestite dallo sportello per area: la rete (%)",
    columns: ["Area", "Rete", "Minimo", "Mediana", "Massimo", "Comuni con un valore"],
    rows: report.areas.map((a) => {
      const d = a.filterRate.network.distribution;
      return [
        esc(a.name),
        value(a.filterRate.network.pooled),
        value(d.min),
        value(d.median),
        value(d.max),
        count(d.n),
      ];
    }),
  };
}

/** The filter rate of each municipality in each area: municipalities as rows, areas as columns. */
export function areaMunicipalityTable(report: ReportModel): Table {
  return {
    name: "area-municipalities",
    caption: "Pratiche gestite dallo sportello per area e comune (%)",
    className: "wide",
    columns: ["Comune", ...report.areas.map((a) => a.name)],
    rows: report.municipalities.map((m, i) => [
      esc(m.name),
      ...report.areas.map((a) => value(a.filterRate.municipalities[i]?.value ?? null)),
    ]),
  };
}

/** The network month by month: every indicator and the share of months sent. */
export function trendTable(report: ReportModel): Table {
  return {
    name: "trend",
    caption: "Andamento mensile della rete",
    className: "wide",
    columns: [
      "Mese",
      ...report.indicators.map((i) => `${i.label} (${unitLabel(i.unit)})`),
      "Mesi inviati (%)",
    ],
    rows: report.trend.map((p) => [
      esc(shortMonthLabel(p.month)),
      ...report.indicators.map((i) => value(p.pooled[i.indicator] ?? null)),
      value(p.completenessRate),
    ]),
  };
}

export function notesTable(report: ReportModel): Table {
  return {
    name: "notes",
    caption: "Segnalazioni sulla qualità dei dati del periodo",
    columns: ["Comune", "Mese", "Gravità", "Segnalazione"],
    rows: report.notes.map((n) => [
      esc(n.name),
      esc(monthLabel(n.month)),
      esc(SEVERITY[n.severity] ?? n.severity),
      esc(n.message),
    ]),
  };
}
