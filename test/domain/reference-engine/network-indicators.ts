/**
 * Oracle, never to be edited: a verbatim copy of functions/src/domain/indicators/network-indicators.ts at
 * commit fe2e4bd (before the engine was tuned), only its import paths changed. The indicator
 * definitions are the product's own (indicators added since, e.g. peaksPlannedAhead, join both).
 * network-indicators.oracle.test.ts proves the tuned engine answers exactly as this one did.
 */
import type { DateTime } from "luxon";
import {
  INDICATOR_NAMES,
  INDICATORS,
  type IndicatorName,
  indicatorValue,
  withPopulation,
} from "../../../functions/src/domain/indicators/definitions.js";
import { type Month, monthEnd } from "../../../functions/src/domain/period.js";
import type { ReportingPeriod } from "../../../functions/src/domain/reporting-period.js";
import { type MonthSummaryEntry, ratioOf } from "./month-summary.js";
import { type Ratio, sumRatios } from "./ratio.js";
import {
  competitionRanks,
  type Distribution,
  distribution,
  unweightedMean,
  wilsonInterval,
} from "./statistics.js";

/** Below this many cases a rate is flagged: 3 cases must not look as solid as 3,000. */
export const MIN_DENOMINATOR = 30;

export interface RosterEntry {
  istat: string;
  population?: number;
}

/** Every municipality's summary entry for each month that has one. */
export type MonthSummaries = ReadonlyMap<Month, ReadonlyMap<string, MonthSummaryEntry>>;

export interface MunicipalityFigure {
  value: number | null;
  rank: number | null;
  numerator: number;
  denominator: number;
  /** Wilson 95 % interval, rates only. */
  interval?: { low: number; high: number } | null;
  /** The denominator is under MIN_DENOMINATOR (rates only). */
  smallDenominator?: boolean;
}

export interface IndicatorBlock {
  pooled: number | null;
  numerator: number;
  denominator: number;
  interval?: { low: number; high: number } | null;
  /** The unweighted mean of municipality values, next to the pooled value. */
  mean: number | null;
  distribution: Distribution;
  municipalities: Record<string, MunicipalityFigure>;
}

export interface Completeness {
  expected: number;
  reporting: number;
  rate: number | null;
  onTime: number;
}

export interface PeriodIndicators {
  period: string;
  completeness: Completeness;
  indicators: Record<IndicatorName, IndicatorBlock>;
  areas: Record<string, { filterRate: IndicatorBlock }>;
}

/** A municipality-month is on time when first submitted by the due day of the next month (Rome). */
export function dueInstant(month: Month, dueDay: number): DateTime {
  return monthEnd(month).plus({ days: dueDay });
}

function block(name: IndicatorName, sums: ReadonlyMap<string, Ratio | null>): IndicatorBlock {
  const { rate, lowerIsBetter } = INDICATORS[name];
  const values = new Map<string, number>();
  for (const [istat, ratio] of sums) {
    const value = indicatorValue(name, ratio);
    if (value !== null) values.set(istat, value);
  }
  const ranks = competitionRanks(values, lowerIsBetter);
  const municipalities: Record<string, MunicipalityFigure> = {};
  for (const [istat, ratio] of sums) {
    const figure: MunicipalityFigure = {
      value: values.get(istat) ?? null,
      rank: ranks.get(istat) ?? null,
      numerator: ratio?.numerator ?? 0,
      denominator: ratio?.denominator ?? 0,
    };
    if (rate) {
      figure.interval = ratio ? wilsonInterval(ratio.numerator, ratio.denominator) : null;
      figure.smallDenominator = (ratio?.denominator ?? 0) < MIN_DENOMINATOR;
    }
    municipalities[istat] = figure;
  }
  // Pooled: the same sums over every reporting municipality (those with a value).
  const pooledSums = sumRatios([...values.keys()].map((istat) => sums.get(istat)));
  const result: IndicatorBlock = {
    pooled: indicatorValue(name, pooledSums),
    numerator: pooledSums?.numerator ?? 0,
    denominator: pooledSums?.denominator ?? 0,
    mean: unweightedMean([...values.values()]),
    distribution: distribution([...values.values()]),
    municipalities,
  };
  if (rate)
    result.interval = pooledSums
      ? wilsonInterval(pooledSums.numerator, pooledSums.denominator)
      : null;
  return result;
}

/** Network indicators of one period from the month summaries (DESIGN §7). Pure. */
export function networkIndicators(
  period: ReportingPeriod,
  roster: readonly RosterEntry[],
  summaries: MonthSummaries,
  dueDay: number,
): PeriodIndicators {
  // Each municipality's entries for the period, gathered once for every indicator.
  const entries = new Map<string, MonthSummaryEntry[]>();
  let reporting = 0;
  let onTime = 0;
  for (const month of period.months) {
    const due = dueInstant(month, dueDay).toMillis();
    const perMonth = summaries.get(month);
    for (const { istat } of roster) {
      const entry = perMonth?.get(istat);
      if (!entry) continue;
      reporting++;
      // ISO instants with an offset: Date.parse is exact and far cheaper than a luxon parse.
      if (Date.parse(entry.firstSubmittedAt) < due) onTime++;
      const list = entries.get(istat);
      if (list) list.push(entry);
      else entries.set(istat, [entry]);
    }
  }
  const expected = roster.length * period.months.length;

  const indicators = {} as Record<IndicatorName, IndicatorBlock>;
  for (const name of INDICATOR_NAMES) {
    const sums = new Map<string, Ratio | null>();
    for (const { istat, population } of roster) {
      const summed = sumRatios((entries.get(istat) ?? []).map((e) => ratioOf(e.parts[name])));
      sums.set(istat, withPopulation(name, summed, population));
    }
    indicators[name] = block(name, sums);
  }

  const areaSums = new Map<string, Map<string, Ratio | null>>();
  for (const [istat, list] of entries) {
    for (const entry of list) {
      for (const [area, [numerator, denominator]] of Object.entries(entry.areas)) {
        let perMunicipality = areaSums.get(area);
        if (!perMunicipality) {
          perMunicipality = new Map();
          areaSums.set(area, perMunicipality);
        }
        const sum = perMunicipality.get(istat);
        perMunicipality.set(
          istat,
          sum
            ? { numerator: sum.numerator + numerator, denominator: sum.denominator + denominator }
            : { numerator, denominator },
        );
      }
    }
  }
  const areas = Object.fromEntries(
    [...areaSums]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([area, sums]) => [area, { filterRate: block("filterRate", sums) }]),
  );

  return {
    period: period.key,
    completeness: {
      expected,
      reporting,
      rate: expected > 0 ? (100 * reporting) / expected : null,
      onTime,
    },
    indicators,
    areas,
  };
}
