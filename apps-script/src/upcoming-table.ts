/**
 * Turns the municipality's calendars (`GET …/calendar/{YYYY}`) and its load forecast
 * (`GET …/forecast`) into the rows of the *Prossimi 60 giorni* sheet: the network's and the
 * municipality's events that take days in the next 60, at their effective dates (the original
 * date beside it when a closed day moved a deadline), then the forecast peaks of the months those
 * days touch, the ones no event of their area covers marked as not planned.
 */
import { italianMonth, type Month } from "../../functions/src/domain/period.js";
import { KIND_LABELS } from "./calendar-layout.js";

export const UPCOMING_DAYS = 60;
export const UPCOMING_WIDTH = 10;

/** An event as `GET …/calendar/{YYYY}` gives it (functions/src/domain/calendar/effective-events.ts). */
export interface ServerEvent {
  id: string;
  title: string;
  kind: "deadline" | "window";
  source: "network" | "local";
  area?: string;
  date?: string;
  effectiveDate?: string;
  effectiveStart: string;
  effectiveEnd: string;
  expectedUsers?: number;
  measures?: string[];
  liaison?: string;
}

/** One area's months in `GET …/forecast` (functions/src/domain/forecast/seasonal-forecast.ts). */
export interface ForecastResponse {
  areas?: {
    area: string;
    name?: string;
    months: {
      month: Month;
      expected: number;
      low: number;
      high: number;
      usual: number;
      peak: boolean;
    }[];
  }[];
  unplanned?: { area: string; month: Month }[];
}

export type UpcomingCell = string | number | Date;

export interface UpcomingRow {
  cells: UpcomingCell[];
  formats: string[];
  role: "title" | "section" | "header" | "text" | "event" | "peak" | "unplanned";
}

const WEEKDAYS = ["lun", "mar", "mer", "gio", "ven", "sab", "dom"];

/** `mer 16/12/2026`: the weekday matters to a desk planning its staff. */
export function italianDay(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return `${WEEKDAYS[weekday]} ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** `from` plus `days` days, as `YYYY-MM-DD` (calendar arithmetic, no time zone involved). */
export function plusDays(from: string, days: number): string {
  const [y, m, d] = from.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const row = (role: UpcomingRow["role"], cells: UpcomingCell[], numeric: number[] = []) => {
  const padded = [...cells, ...Array<UpcomingCell>(UPCOMING_WIDTH - cells.length).fill("")];
  const formats = padded.map((_, i) => (numeric.includes(i) ? "#,##0" : "@"));
  return { role, cells: padded, formats } satisfies UpcomingRow;
};

export function upcomingRows(input: {
  today: string;
  events: readonly ServerEvent[];
  forecast: ForecastResponse | null;
  /** Why there is no forecast, in Italian, when `forecast` is null. */
  forecastProblem?: string;
  areaName: (code: string) => string;
  updatedAt: Date;
}): UpcomingRow[] {
  const { today, events, forecast, areaName } = input;
  const last = plusDays(today, UPCOMING_DAYS - 1);
  const rows: UpcomingRow[] = [
    row("title", ["POLI-NET · Prossimi 60 giorni: picchi di utenza"]),
    row("text", [
      "Periodo",
      `dal ${italianDay(today)} al ${italianDay(last)}`,
      "Eventi della rete e del comune alle date effettive (una scadenza che cade in un giorno di chiusura passa al primo giorno lavorativo), poi i picchi previsti dai dati del comune. Aggiornare con POLI-NET › Aggiorna prossimi 60 giorni.",
    ]),
    {
      ...row("text", ["Aggiornato", input.updatedAt]),
      formats: ["@", "dd/mm/yyyy hh:mm", ...Array<string>(UPCOMING_WIDTH - 2).fill("@")],
    },
    row("text", []),
    row("section", ["Eventi in calendario"]),
    row("header", [
      "Data effettiva",
      "Fino al",
      "Data originale",
      "Evento",
      "Tipo",
      "Origine",
      "Area",
      "Utenti attesi",
      "Misure organizzative",
      "Referente",
    ]),
  ];
  const coming = events
    .filter((e) => e.effectiveStart <= last && e.effectiveEnd >= today)
    .sort(
      (a, b) =>
        a.effectiveStart.localeCompare(b.effectiveStart) || a.title.localeCompare(b.title, "it"),
    );
  for (const e of coming) {
    const moved = e.kind === "deadline" && e.date !== undefined && e.date !== e.effectiveStart;
    rows.push(
      row(
        "event",
        [
          italianDay(e.effectiveStart),
          e.effectiveEnd !== e.effectiveStart ? italianDay(e.effectiveEnd) : "",
          moved ? `${italianDay(e.date as string)} (giorno di chiusura)` : "",
          e.title,
          KIND_LABELS[e.kind] ?? e.kind,
          e.source === "network" ? "Rete" : "Comune",
          e.area ? areaName(e.area) : "",
          e.expectedUsers ?? "",
          e.measures && e.measures.length > 0 ? e.measures.join("\n") : "nessuna misura indicata",
          e.liaison ?? "",
        ],
        [7],
      ),
    );
  }
  if (coming.length === 0)
    rows.push(row("text", ["Nessun evento in calendario nei prossimi 60 giorni."]));
  rows.push(row("text", []), row("section", ["Picchi previsti dai dati del comune"]));
  rows.push(...peakRows(today, last, forecast, input.forecastProblem, areaName));
  return rows;
}

function peakRows(
  today: string,
  last: string,
  forecast: ForecastResponse | null,
  problem: string | undefined,
  areaName: (code: string) => string,
): UpcomingRow[] {
  if (!forecast) return [row("text", [problem ?? "Previsione non disponibile."])];
  const first = today.slice(0, 7);
  const lastMonth = last.slice(0, 7);
  const unplanned = new Set((forecast.unplanned ?? []).map((u) => `${u.area} ${u.month}`));
  const peaks = (forecast.areas ?? [])
    .flatMap((area) =>
      area.months
        .filter((m) => m.peak && m.month >= first && m.month <= lastMonth)
        .map((m) => ({ ...m, area: area.area, name: area.name ?? areaName(area.area) })),
    )
    .sort((a, b) => a.month.localeCompare(b.month) || a.name.localeCompare(b.name, "it"));
  if (peaks.length === 0)
    return [
      row("text", ["Nessun picco previsto in questi mesi: il carico atteso è quello solito."]),
    ];
  const rows = [
    row("header", [
      "Mese",
      "Area",
      "Pratiche previste",
      "Almeno (80 %)",
      "Al più (80 %)",
      "Mese solito",
      "Stato",
    ]),
  ];
  for (const p of peaks) {
    const open = unplanned.has(`${p.area} ${p.month}`);
    rows.push(
      row(
        open ? "unplanned" : "peak",
        [
          italianMonth(p.month),
          p.name,
          Math.round(p.expected),
          Math.round(p.low),
          Math.round(p.high),
          Math.round(p.usual),
          open
            ? "NON PIANIFICATO: nessun evento dell'area in calendario in questo mese. Aggiungerlo allo Scadenziario con le misure organizzative."
            : "Pianificato: c'è un evento dell'area in calendario.",
        ],
        [2, 3, 4, 5],
      ),
    );
  }
  return rows;
}
