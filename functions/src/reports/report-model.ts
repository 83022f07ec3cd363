import type { DataQualityWarning } from "../domain/data-quality.js";
import type { ComparedBlock, Comparison } from "../domain/indicators/changes.js";
import { INDICATOR_NAMES, INDICATORS } from "../domain/indicators/definitions.js";
import type {
  ExternalSums,
  MonthSummaries,
  RosterEntry,
} from "../domain/indicators/network-indicators.js";
import { monthPooled } from "../domain/indicators/network-trend.js";
import { monthsNeeded, periodReport } from "../domain/indicators/period-report.js";
import type { Distribution } from "../domain/indicators/statistics.js";
import { addMonths, type Month } from "../domain/period.js";
import { previousPeriod, type ReportingPeriod, yearBefore } from "../domain/reporting-period.js";
import { statedWarnings, type WarningLedger, type WarningState } from "../domain/warning-ledger.js";
import { indicatorLabel, type ReportUnit } from "./indicator-labels.js";
import { noteMessage } from "./note-message.js";

/**
 * The network report of one period (DESIGN §13): what every sink renders (JSON, HTML, CSV, the
 * Google Sheet). Percentages, ranks and distributions only: no numerator, denominator, interval or
 * pooled count anywhere, so the whole model can go to every member and to the public. Pure: built
 * from the month summaries the store reads, with no I/O and no clock, so the same data always
 * gives the same model (the publication hashes it to tell a new version from the same one).
 */
export const REPORT_SCHEMA = 1;

/** 1 = the best quarter of the network, 4 = the worst (direction-aware, like the rank). */
export type Quartile = 1 | 2 | 3 | 4;

/** Change of a value against the previous period and the same period a year before. */
export interface ReportChange {
  /** current − earlier, in the indicator's unit (points for percentages); null if either is null. */
  previousPeriod: number | null;
  yearBefore: number | null;
}

export interface ReportMunicipalityFigure {
  istat: string;
  name: string;
  value: number | null;
  /** 1 = best; ties share the best rank (spreadsheet RANK); null without a value. */
  rank: number | null;
  quartile: Quartile | null;
  /** Rates only: fewer than 30 cases behind the value, so it moves a lot by chance. */
  smallDenominator?: boolean;
  change: ReportChange;
}

export interface ReportNetworkFigure {
  /** The network's value: the same ratio of sums over every reporting municipality. */
  pooled: number | null;
  /** The unweighted mean of the municipality values. */
  mean: number | null;
  distribution: Distribution;
  change: { previousPeriod: Comparison; yearBefore: Comparison };
}

export interface ReportIndicator {
  /** The indicator's key (INDICATOR_NAMES): new indicators join the report by themselves. */
  indicator: string;
  /** Italian, for people. */
  label: string;
  unit: ReportUnit;
  lowerIsBetter: boolean;
  network: ReportNetworkFigure;
  /** One per municipality of the network, in ISTAT order, with or without a value. */
  municipalities: ReportMunicipalityFigure[];
}

export interface ReportArea {
  code: string;
  name: string;
  filterRate: ReportIndicator;
}

export interface ReportCompleteness {
  /** Municipality-months expected (municipalities × months of the period). */
  expected: number;
  reporting: number;
  rate: number | null;
  /** First submitted by the network's due day of the following month. */
  onTime: number;
  /** 100 · onTime / reporting: the share of the months reported that came on time. */
  onTimeRate: number | null;
}

/** The network over one month of the trend: pooled values only. */
export interface ReportTrendPoint {
  month: Month;
  completenessRate: number | null;
  /** Pooled value per indicator key; null when no municipality reported it that month. */
  pooled: Record<string, number | null>;
}

/** A data-quality remark made when a month was accepted, as the report shows it. */
export interface ReportNote {
  istat: string;
  name: string;
  month: Month;
  code: string;
  severity: DataQualityWarning["severity"];
  /** Where in the month it points, e.g. ["procedures", 3, "total"]. */
  field: (string | number)[];
  /** Italian, with no count of the municipality in it (see note-message.ts). */
  message: string;
  /**
   * `open`, `justified` (staff explained the value) or `corrected` (a later revision of the month
   * no longer makes the remark): the justify-or-correct loop (domain/warning-ledger.ts).
   */
  state: WarningState;
}

export interface ReportModel {
  schema: typeof REPORT_SCHEMA;
  network: { id: string; name: string };
  period: {
    key: string;
    kind: ReportingPeriod["kind"];
    first: Month;
    last: Month;
    previous: string;
    yearBefore: string;
  };
  completeness: ReportCompleteness;
  municipalities: { istat: string; name: string }[];
  /** Every indicator of DESIGN §7, in INDICATOR_NAMES order. */
  indicators: ReportIndicator[];
  /** The filter rate per area of the network taxonomy that had cases, in code order. */
  areas: ReportArea[];
  /** The last TREND_MONTHS months up to the period's last month, oldest first. */
  trend: ReportTrendPoint[];
  /** Oldest month first, then ISTAT code. */
  notes: ReportNote[];
}

/** What the builder needs, all of it read by the store in one go. */
export interface ReportInputs {
  network: { id: string; name: string; dueDay: number };
  period: ReportingPeriod;
  municipalities: readonly (RosterEntry & { name: string })[];
  areaNames: Readonly<Record<string, string>>;
  /** Summaries of `reportMonths(period)`. */
  summaries: MonthSummaries;
  /** Sums of the indicators months do not hold (peaksPlannedAhead, cardsCurrent), as GET /v1/indicators uses. */
  external?: (period: ReportingPeriod) => ExternalSums;
  /** The stored months' warnings of the period's months; `omitted`: more not kept. */
  warnings: readonly {
    istat: string;
    month: Month;
    warnings: readonly DataQualityWarning[];
    omitted?: number;
    /** What was justified or corrected (the month's shard entry); every remark open without it. */
    ledger?: WarningLedger;
  }[];
}

export const TREND_MONTHS = 24;

/** The months of the trend: the 24 months up to the period's last month. */
export function trendMonths(period: ReportingPeriod): Month[] {
  const last = period.months[period.months.length - 1] as Month;
  return Array.from({ length: TREND_MONTHS }, (_, i) => addMonths(last, i - TREND_MONTHS + 1));
}

/** Every month whose summaries the report needs: the period, its comparisons and the trend. */
export function reportMonths(period: ReportingPeriod): Month[] {
  return [...new Set([...monthsNeeded(period), ...trendMonths(period)])].sort();
}

/** Where in the distribution a value falls; a value on a quartile boundary takes the better side. */
export function quartileOf(
  value: number | null,
  d: Distribution,
  lowerIsBetter: boolean,
): Quartile | null {
  if (value === null || d.p25 === null || d.median === null || d.p75 === null) return null;
  if (lowerIsBetter) return value <= d.p25 ? 1 : value <= d.median ? 2 : value <= d.p75 ? 3 : 4;
  return value >= d.p75 ? 1 : value >= d.median ? 2 : value >= d.p25 ? 3 : 4;
}

const rate = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : null);

/** Copies the shared fields by name: a count added to the blocks later stays out of the report. */
function reportIndicator(
  indicator: string,
  block: ComparedBlock,
  names: ReadonlyMap<string, string>,
): ReportIndicator {
  const lowerIsBetter =
    indicator in INDICATORS
      ? INDICATORS[indicator as keyof typeof INDICATORS].lowerIsBetter
      : false;
  const { label, unit } = indicatorLabel(indicator);
  const municipalities: ReportMunicipalityFigure[] = [];
  for (const [istat, name] of names) {
    const figure = block.municipalities[istat];
    const value = figure?.value ?? null;
    municipalities.push({
      istat,
      name,
      value,
      rank: figure?.rank ?? null,
      quartile: quartileOf(value, block.distribution, lowerIsBetter),
      ...(figure?.smallDenominator === undefined
        ? {}
        : { smallDenominator: figure.smallDenominator }),
      change: {
        previousPeriod: figure?.change.previousPeriod ?? null,
        yearBefore: figure?.change.yearBefore ?? null,
      },
    });
  }
  return {
    indicator,
    label,
    unit,
    lowerIsBetter,
    network: {
      pooled: block.pooled,
      mean: block.mean,
      distribution: { ...block.distribution },
      change: {
        previousPeriod: { ...block.change.previousPeriod },
        yearBefore: { ...block.change.yearBefore },
      },
    },
    municipalities,
  };
}

/** The report of a period from its inputs. Pure and deterministic. */
export function buildReport(inputs: ReportInputs): ReportModel {
  const { period, summaries, network } = inputs;
  const roster = [...inputs.municipalities].sort((a, b) => (a.istat < b.istat ? -1 : 1));
  const names = new Map(roster.map((m) => [m.istat, m.name]));
  const compared = periodReport(period, roster, summaries, network.dueDay, inputs.external);
  const c = compared.completeness;

  const trend = trendMonths(period).map((month): ReportTrendPoint => {
    const monthly = monthPooled(month, roster, summaries);
    return {
      month,
      completenessRate: roster.length > 0 ? (100 * monthly.reporting) / roster.length : null,
      pooled: monthly.pooled,
    };
  });

  const notes: ReportNote[] = inputs.warnings
    .filter((w) => names.has(w.istat))
    .flatMap(({ istat, month, warnings, omitted = 0, ledger = {} }) => {
      const note = (
        w: Omit<DataQualityWarning, "code"> & { code: string; state?: WarningState },
      ): ReportNote => ({
        istat,
        name: names.get(istat) ?? istat,
        month,
        code: w.code,
        severity: w.severity,
        field: [...w.path],
        message: w.code === "more-notes" ? w.message : noteMessage(w),
        state: w.state ?? "open",
      });
      const more = `Altre ${omitted} segnalazioni su questo mese non sono riportate.`;
      return [
        ...statedWarnings(month, warnings, ledger).map(note),
        ...(omitted > 0
          ? [note({ code: "more-notes", severity: "info", path: [], message: more })]
          : []),
      ];
    })
    .sort((a, b) =>
      a.month !== b.month ? (a.month < b.month ? -1 : 1) : a.istat < b.istat ? -1 : 1,
    );

  return {
    schema: REPORT_SCHEMA,
    network: { id: network.id, name: network.name },
    period: {
      key: period.key,
      kind: period.kind,
      first: period.months[0] as Month,
      last: period.months[period.months.length - 1] as Month,
      previous: previousPeriod(period).key,
      yearBefore: yearBefore(period).key,
    },
    completeness: {
      expected: c.expected,
      reporting: c.reporting,
      rate: c.rate,
      onTime: c.onTime,
      onTimeRate: rate(c.onTime, c.reporting),
    },
    municipalities: roster.map(({ istat, name }) => ({ istat, name })),
    indicators: INDICATOR_NAMES.flatMap((name) => {
      const block = compared.indicators[name];
      return block ? [reportIndicator(name, block, names)] : [];
    }),
    areas: Object.entries(compared.areas).map(([code, { filterRate }]) => ({
      code,
      name: inputs.areaNames[code] ?? code,
      filterRate: reportIndicator("filterRate", filterRate, names),
    })),
    trend,
    notes,
  };
}
