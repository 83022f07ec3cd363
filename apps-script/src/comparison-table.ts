/**
 * Turns `GET /v1/indicators/{period}` into the rows of the *Confronto rete* sheet: the
 * municipality's own value and rank beside the network's pooled value and distribution.
 * Only values, ranks and distributions are read: numerators and denominators (counts) are never
 * copied into the sheet, and no other municipality is ever looked up.
 */
import type { Distribution } from "../../functions/src/domain/indicators/statistics.js";

export interface IndicatorBlock {
  pooled?: number | null;
  distribution?: Distribution;
  municipalities?: Record<
    string,
    {
      value?: number | null;
      rank?: number | null;
      /** Own value now minus the previous period's and the same period's a year before. */
      change?: { previousPeriod?: number | null; yearBefore?: number | null };
    }
  >;
}

export interface IndicatorsResponse {
  period: string;
  completeness?: { expected: number; reporting: number; rate: number | null; onTime: number };
  indicators?: Record<string, IndicatorBlock>;
  areas?: Record<string, Record<string, IndicatorBlock>>;
}

interface Unit {
  format: string;
  /** Changes of a percentage are in percentage points. */
  change: string;
}
const PERCENT: Unit = { format: '0.0" %"', change: '+0.0" punti";-0.0" punti";0.0" punti"' };
const DECIMAL: Unit = { format: "0.0", change: "+0.0;-0.0;0.0" };

const INDICATORS: { key: string; label: string; unit: string; kind: Unit }[] = [
  {
    key: "filterRate",
    label: "Tasso di filtro dello sportello",
    unit: "% delle pratiche",
    kind: PERCENT,
  },
  {
    key: "satisfactionRate",
    label: "Utenti soddisfatti",
    unit: "% dei questionari",
    kind: PERCENT,
  },
  {
    key: "withinTargetRate",
    label: "Serviti entro il tempo obiettivo",
    unit: "% degli accessi",
    kind: PERCENT,
  },
  {
    key: "meanWaitMinutes",
    label: "Attesa media (più bassa è meglio)",
    unit: "minuti",
    kind: DECIMAL,
  },
  {
    key: "complaintsPer1000Visits",
    label: "Reclami (più bassi è meglio)",
    unit: "ogni 1000 accessi",
    kind: DECIMAL,
  },
  {
    key: "visitsPer1000Inhabitants",
    label: "Accessi allo sportello",
    unit: "ogni 1000 abitanti",
    kind: DECIMAL,
  },
  { key: "openingHoursWeekly", label: "Apertura settimanale", unit: "ore", kind: DECIMAL },
  {
    key: "peaksPlannedAhead",
    label: "Picchi pianificati in anticipo",
    unit: "% degli eventi di picco",
    kind: PERCENT,
  },
];

export const TABLE_HEADER = [
  "Indicatore",
  "Unità",
  "Il nostro comune",
  "Posizione",
  "Valore della rete",
  "Minimo",
  "1° quartile",
  "Mediana",
  "3° quartile",
  "Massimo",
  "Noi, rispetto al periodo precedente",
  "Noi, rispetto a un anno prima",
] as const;

export type Cell = string | number | Date;

export interface TableRow {
  cells: Cell[];
  formats: string[];
}

const MISSING = "n.d.";
const value = (n: number | null | undefined): Cell =>
  typeof n === "number" && Number.isFinite(n) ? n : MISSING;

function indicatorRow(
  label: string,
  unit: string,
  kind: Unit,
  block: IndicatorBlock | undefined,
  istat: string,
): TableRow {
  const own = block?.municipalities?.[istat];
  const d = block?.distribution;
  const rank = typeof own?.rank === "number" && d ? `${own.rank}° su ${d.n}` : "—";
  const f = kind.format;
  return {
    cells: [
      label,
      unit,
      value(own?.value),
      rank,
      value(block?.pooled),
      value(d?.min),
      value(d?.p25),
      value(d?.median),
      value(d?.p75),
      value(d?.max),
      value(own?.change?.previousPeriod),
      value(own?.change?.yearBefore),
    ],
    formats: ["@", "@", f, "@", f, f, f, f, f, f, kind.change, kind.change],
  };
}

const textRow = (text: string): TableRow => ({
  cells: [text, ...Array<Cell>(TABLE_HEADER.length - 1).fill("")],
  formats: Array<string>(TABLE_HEADER.length).fill("@"),
});

export function comparisonRows(
  response: IndicatorsResponse,
  istat: string,
  areaNames: Map<string, string>,
): TableRow[] {
  const rows: TableRow[] = [
    { cells: [...TABLE_HEADER], formats: Array<string>(TABLE_HEADER.length).fill("@") },
  ];
  for (const indicator of INDICATORS) {
    rows.push(
      indicatorRow(
        indicator.label,
        indicator.unit,
        indicator.kind,
        response.indicators?.[indicator.key],
        istat,
      ),
    );
  }
  const areas = Object.keys(response.areas ?? {}).sort((a, b) =>
    (areaNames.get(a) ?? a).localeCompare(areaNames.get(b) ?? b, "it"),
  );
  if (areas.length > 0) {
    rows.push(textRow("Tasso di filtro per area"));
    for (const area of areas) {
      const block = response.areas?.[area]?.filterRate;
      rows.push(
        indicatorRow(areaNames.get(area) ?? area, "% delle pratiche", PERCENT, block, istat),
      );
    }
  }
  return rows;
}

/** "Dati ricevuti da 9 comuni su 11 (82 %), 7 nei tempi." */
export function completenessText(
  response: IndicatorsResponse,
  kind: "month" | "quarter" | "semester" | "year",
): string {
  const c = response.completeness;
  if (!c) return "";
  const what = kind === "month" ? "comuni" : "mesi-comune";
  const rate = typeof c.rate === "number" ? ` (${Math.round(c.rate)} %)` : "";
  return `Dati ricevuti: ${c.reporting} ${what} su ${c.expected}${rate}, ${c.onTime} nei tempi.`;
}
