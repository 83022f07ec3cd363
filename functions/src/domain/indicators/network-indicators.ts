import type { DateTime } from "luxon";
import { type Month, monthEnd } from "../period.js";
import type { ReportingPeriod } from "../reporting-period.js";
import {
  type Baseline,
  type BlockValues,
  blockChange,
  type ComparedBlock,
  municipalityChange,
} from "./changes.js";
import { INDICATOR_NAMES, INDICATORS, type IndicatorName } from "./definitions.js";
import type { MonthSummaryEntry } from "./month-summary.js";
import {
  competitionRankIn,
  competitionRanks,
  type Distribution,
  distribution,
  distributionOfSorted,
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

/**
 * One slot per municipality of the roster, in roster order: the engine keeps its sums in typed
 * arrays indexed by slot instead of maps and small objects per municipality, and the periods of
 * one report share the slots so that changes are read by index.
 */
export interface Slots {
  istats: string[];
  /** A code listed twice takes the population of its last listing. */
  populations: (number | undefined)[];
  ofRosterEntry: Int32Array;
  /** 0, 1, … n − 1: the order of the indicator blocks. */
  all: Int32Array;
}

export function slotsOf(roster: readonly RosterEntry[]): Slots {
  const index = new Map<string, number>();
  const istats: string[] = [];
  const populations: (number | undefined)[] = [];
  const ofRosterEntry = new Int32Array(roster.length);
  roster.forEach(({ istat, population }, r) => {
    let slot = index.get(istat);
    if (slot === undefined) {
      slot = istats.length;
      index.set(istat, slot);
      istats.push(istat);
      populations.push(population);
    } else populations[slot] = population;
    ofRosterEntry[r] = slot;
  });
  return { istats, populations, ofRosterEntry, all: Int32Array.from(istats, (_, i) => i) };
}

/** Summed parts by slot; `present` is 0 where no month contributed (the ratio is then undefined). */
interface SlotSums {
  numerator: Float64Array;
  denominator: Float64Array;
  present: Uint8Array;
}

function slotSums(count: number): SlotSums {
  return {
    numerator: new Float64Array(count),
    denominator: new Float64Array(count),
    present: new Uint8Array(count),
  };
}

/** Adds one part in place. The first part is taken as it is, as `sumRatios` did (−0 stays −0). */
function addPart(sums: SlotSums, slot: number, numerator: number, denominator: number): void {
  if (sums.present[slot] === 1) {
    sums.numerator[slot] = (sums.numerator[slot] as number) + numerator;
    sums.denominator[slot] = (sums.denominator[slot] as number) + denominator;
  } else {
    sums.present[slot] = 1;
    sums.numerator[slot] = numerator;
    sums.denominator[slot] = denominator;
  }
}

type ComparedFigure = ComparedBlock["municipalities"][string];

/** A block's values by slot, its values in `order` and its pooled sums: what the rest needs. */
interface Valued extends BlockValues {
  /** The values of the slots that have one, in `order`. */
  inOrder: Float64Array;
  /** No NaN and no −0 among them: a native sort orders them as the comparator sort did. */
  plainNumbers: boolean;
  pooledNumerator: number;
  pooledDenominator: number;
  pooledAny: boolean;
}

/**
 * Each municipality's value over the slots of `order`, and the pooled value: the same sums over
 * every municipality with a value, added in `order` (the order of the block's keys and mean).
 */
function valuesOf(
  name: IndicatorName,
  sums: SlotSums,
  order: Int32Array,
  slotCount: number,
): Valued {
  const { scale } = INDICATORS[name];
  const { numerator, denominator, present } = sums;
  const value = new Float64Array(slotCount);
  const hasValue = new Uint8Array(slotCount);
  const inOrder = new Float64Array(order.length);
  let count = 0;
  let plainNumbers = true;
  let pooledNumerator = 0;
  let pooledDenominator = 0;
  let pooledAny = false;
  for (const slot of order) {
    const d = denominator[slot] as number;
    if (present[slot] !== 1 || d <= 0) continue;
    const n = numerator[slot] as number;
    const v = (scale * n) / d;
    value[slot] = v;
    hasValue[slot] = 1;
    inOrder[count++] = v;
    if (Number.isNaN(v) || Object.is(v, -0)) plainNumbers = false;
    if (pooledAny) {
      pooledNumerator += n;
      pooledDenominator += d;
    } else {
      pooledAny = true;
      pooledNumerator = n;
      pooledDenominator = d;
    }
  }
  // `!(d <= 0)`, not `d > 0`: a NaN denominator divides, as `indicatorValue` lets it.
  const pooled =
    pooledAny && !(pooledDenominator <= 0) ? (scale * pooledNumerator) / pooledDenominator : null;
  return {
    pooled,
    value,
    hasValue,
    inOrder: inOrder.subarray(0, count),
    plainNumbers,
    pooledNumerator,
    pooledDenominator,
    pooledAny,
  };
}

/**
 * One indicator's block over the slots of `order`. With a baseline each figure is born with its
 * change. The distribution and the ranks share one sort.
 */
function block(
  name: IndicatorName,
  sums: SlotSums,
  order: Int32Array,
  slots: Slots,
  valued: Valued,
  baseline: Baseline | undefined,
): IndicatorBlock {
  const { rate, lowerIsBetter } = INDICATORS[name];
  const { numerator, denominator, present } = sums;
  const { value, hasValue, inOrder: values, pooled } = valued;
  const mean = unweightedMean(values);

  let rankOf: (slot: number) => number;
  let spread: Distribution;
  if (valued.plainNumbers) {
    const sorted = values.slice().sort();
    spread = distributionOfSorted(sorted);
    rankOf = (slot) => competitionRankIn(sorted, value[slot] as number, lowerIsBetter);
  } else {
    // The native sort of a Float64Array puts −0 before 0 and NaN last, where the comparator
    // sort kept them in place: here the comparator path decides, as it always did.
    const byIstat = new Map<string, number>();
    for (const slot of order)
      if (hasValue[slot] === 1) byIstat.set(slots.istats[slot] as string, value[slot] as number);
    const ranks = competitionRanks(byIstat, lowerIsBetter);
    spread = distribution([...values]);
    rankOf = (slot) => ranks.get(slots.istats[slot] as string) as number;
  }

  const municipalities: Record<string, MunicipalityFigure> = {};
  for (const slot of order) {
    const has = hasValue[slot] === 1;
    const v = has ? (value[slot] as number) : null;
    const rank = has ? rankOf(slot) : null;
    const isPresent = present[slot] === 1;
    const n = isPresent ? (numerator[slot] as number) : 0;
    const d = isPresent ? (denominator[slot] as number) : 0;
    // Literals with every key at once, in the order the API has always serialised them.
    let figure: MunicipalityFigure;
    if (rate) {
      const interval = isPresent ? wilsonInterval(n, d) : null;
      const smallDenominator = d < MIN_DENOMINATOR;
      if (baseline) {
        const compared: ComparedFigure = {
          value: v,
          rank,
          numerator: n,
          denominator: d,
          interval,
          smallDenominator,
          change: municipalityChange(baseline, slot, v),
        };
        figure = compared;
      } else figure = { value: v, rank, numerator: n, denominator: d, interval, smallDenominator };
    } else if (baseline) {
      const compared: ComparedFigure = {
        value: v,
        rank,
        numerator: n,
        denominator: d,
        change: municipalityChange(baseline, slot, v),
      };
      figure = compared;
    } else figure = { value: v, rank, numerator: n, denominator: d };
    municipalities[slots.istats[slot] as string] = figure;
  }

  const { pooledAny, pooledNumerator, pooledDenominator } = valued;
  const result: IndicatorBlock = {
    pooled,
    numerator: pooledAny ? pooledNumerator : 0,
    denominator: pooledAny ? pooledDenominator : 0,
    mean,
    distribution: spread,
    municipalities,
  };
  if (rate) result.interval = pooledAny ? wilsonInterval(pooledNumerator, pooledDenominator) : null;
  if (baseline) (result as ComparedBlock).change = blockChange(baseline, pooled);
  return result;
}

/** What a period is compared against: each block's values by slot, nothing built for the API. */
export interface PeriodValues {
  period: string;
  indicators: Record<IndicatorName, BlockValues>;
  areas: Map<string, BlockValues>;
}

/** The blocks a period's report compares against (its previous period and a year before). */
export interface Against {
  previous: PeriodValues;
  yearBefore: PeriodValues;
}

/** Every municipality's sums for one period, gathered in one pass over its months. */
interface Gathered {
  /** Per indicator, in INDICATOR_NAMES order; visits per inhabitant already per inhabitant. */
  sums: SlotSums[];
  /** Per area, in area order; each with its slots in the order they first report. */
  areas: { area: string; sums: SlotSums; order: Int32Array }[];
  completeness: Completeness;
}

/**
 * Month by month, municipality by municipality: each municipality's parts are still added in
 * month order, so every sum is the same to the last bit as summing its months in turn.
 */
function gather(
  period: ReportingPeriod,
  roster: readonly RosterEntry[],
  slots: Slots,
  summaries: MonthSummaries,
  dueDay: number,
): Gathered {
  const slotCount = slots.istats.length;
  const sums = INDICATOR_NAMES.map(() => slotSums(slotCount));
  const areaSums = new Map<string, SlotSums>();
  // Slots in the order they first report: the order of the area blocks' municipalities.
  const reported = new Uint8Array(slotCount);
  const reportOrder: number[] = [];
  let reporting = 0;
  let onTime = 0;
  for (const month of period.months) {
    const perMonth = summaries.get(month);
    if (!perMonth) continue;
    const due = dueInstant(month, dueDay).toMillis();
    for (let r = 0; r < roster.length; r++) {
      const entry = perMonth.get((roster[r] as RosterEntry).istat);
      if (!entry) continue;
      reporting++;
      // ISO instants with an offset: Date.parse is exact and far cheaper than a luxon parse.
      if (Date.parse(entry.firstSubmittedAt) < due) onTime++;
      const slot = slots.ofRosterEntry[r] as number;
      if (reported[slot] === 0) {
        reported[slot] = 1;
        reportOrder.push(slot);
      }
      for (let k = 0; k < INDICATOR_NAMES.length; k++) {
        const part = entry.parts[INDICATOR_NAMES[k] as IndicatorName];
        if (part) addPart(sums[k] as SlotSums, slot, part[0], part[1]);
      }
      const entryAreas = entry.areas;
      for (const area of Object.keys(entryAreas)) {
        const pair = entryAreas[area] as [number, number];
        let perArea = areaSums.get(area);
        if (!perArea) {
          perArea = slotSums(slotCount);
          areaSums.set(area, perArea);
        }
        addPart(perArea, slot, pair[0], pair[1]);
      }
    }
  }
  perInhabitant(sums[INDICATOR_NAMES.indexOf("visitsPer1000Inhabitants")] as SlotSums, slots);
  const expected = roster.length * period.months.length;
  return {
    sums,
    areas: [...areaSums.keys()]
      .sort((a, b) => (a < b ? -1 : 1))
      .map((area) => {
        const perArea = areaSums.get(area) as SlotSums;
        const order = Int32Array.from(reportOrder.filter((slot) => perArea.present[slot] === 1));
        return { area, sums: perArea, order };
      }),
    completeness: {
      expected,
      reporting,
      rate: expected > 0 ? (100 * reporting) / expected : null,
      onTime,
    },
  };
}

/** The values of a period that another is compared against: no figure, rank or distribution. */
export function periodValues(
  period: ReportingPeriod,
  roster: readonly RosterEntry[],
  slots: Slots,
  summaries: MonthSummaries,
  dueDay: number,
): PeriodValues {
  const gathered = gather(period, roster, slots, summaries, dueDay);
  const slotCount = slots.istats.length;
  const indicators = {} as Record<IndicatorName, BlockValues>;
  INDICATOR_NAMES.forEach((name, k) => {
    indicators[name] = valuesOf(name, gathered.sums[k] as SlotSums, slots.all, slotCount);
  });
  const areas = new Map<string, BlockValues>();
  for (const { area, sums, order } of gathered.areas)
    areas.set(area, valuesOf("filterRate", sums, order, slotCount));
  return { period: period.key, indicators, areas };
}

/**
 * Network indicators of one period from the month summaries (DESIGN §7). Pure. With `against`,
 * every block and figure carries its change against those periods.
 */
export function computePeriod(
  period: ReportingPeriod,
  roster: readonly RosterEntry[],
  slots: Slots,
  summaries: MonthSummaries,
  dueDay: number,
  against?: Against,
): PeriodIndicators {
  const gathered = gather(period, roster, slots, summaries, dueDay);
  const slotCount = slots.istats.length;
  const periods = against && {
    previous: against.previous.period,
    yearBefore: against.yearBefore.period,
  };
  const indicators = {} as Record<IndicatorName, IndicatorBlock>;
  INDICATOR_NAMES.forEach((name, k) => {
    const sums = gathered.sums[k] as SlotSums;
    const baseline = against &&
      periods && {
        periods,
        previous: against.previous.indicators[name],
        yearBefore: against.yearBefore.indicators[name],
      };
    const valued = valuesOf(name, sums, slots.all, slotCount);
    indicators[name] = block(name, sums, slots.all, slots, valued, baseline);
  });
  const areas: Record<string, { filterRate: IndicatorBlock }> = {};
  for (const { area, sums, order } of gathered.areas) {
    const baseline = against &&
      periods && {
        periods,
        previous: against.previous.areas.get(area),
        yearBefore: against.yearBefore.areas.get(area),
      };
    const valued = valuesOf("filterRate", sums, order, slotCount);
    areas[area] = { filterRate: block("filterRate", sums, order, slots, valued, baseline) };
  }
  return { period: period.key, completeness: gathered.completeness, indicators, areas };
}

/**
 * Visits per inhabitant: the months counted multiply by the population (see `withPopulation`);
 * without a population the indicator is undefined for the municipality.
 */
function perInhabitant(sums: SlotSums, slots: Slots): void {
  slots.populations.forEach((population, slot) => {
    if (sums.present[slot] !== 1) return;
    if (population && population > 0)
      sums.denominator[slot] = (sums.denominator[slot] as number) * population;
    else sums.present[slot] = 0;
  });
}

/** Network indicators of one period from the month summaries (DESIGN §7). Pure. */
export function networkIndicators(
  period: ReportingPeriod,
  roster: readonly RosterEntry[],
  summaries: MonthSummaries,
  dueDay: number,
): PeriodIndicators {
  return computePeriod(period, roster, slotsOf(roster), summaries, dueDay);
}
