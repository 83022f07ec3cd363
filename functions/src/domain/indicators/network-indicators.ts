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

/**
 * One indicator's block over the slots of `order` (the order of its municipalities' keys, of the
 * pooled sums and of the mean). With a baseline each figure is born with its change.
 */
function block(
  name: IndicatorName,
  sums: SlotSums,
  order: Int32Array,
  slots: Slots,
  baseline: Baseline | undefined,
): { block: IndicatorBlock; values: BlockValues } {
  const { rate, lowerIsBetter, scale } = INDICATORS[name];
  const { numerator, denominator, present } = sums;
  const slotCount = slots.istats.length;
  const value = new Float64Array(slotCount);
  const hasValue = new Uint8Array(slotCount);
  // The values in `order`; the native sort of a Float64Array orders −0 before 0 and moves NaN
  // where a comparator sort would not: then the comparator path decides, as it always did.
  const inOrder = new Float64Array(order.length);
  let count = 0;
  let plainNumbers = true;
  for (const slot of order) {
    const d = denominator[slot] as number;
    if (present[slot] !== 1 || d <= 0) continue;
    const v = (scale * (numerator[slot] as number)) / d;
    value[slot] = v;
    hasValue[slot] = 1;
    inOrder[count++] = v;
    if (Number.isNaN(v) || Object.is(v, -0)) plainNumbers = false;
  }
  const values = inOrder.subarray(0, count);
  const mean = unweightedMean(values);

  let rankOf: (slot: number) => number;
  let spread: Distribution;
  if (plainNumbers) {
    const sorted = values.slice().sort();
    spread = distributionOfSorted(sorted);
    rankOf = (slot) => competitionRankIn(sorted, value[slot] as number, lowerIsBetter);
  } else {
    const byIstat = new Map<string, number>();
    for (const slot of order)
      if (hasValue[slot] === 1) byIstat.set(slots.istats[slot] as string, value[slot] as number);
    const ranks = competitionRanks(byIstat, lowerIsBetter);
    spread = distribution([...values]);
    rankOf = (slot) => ranks.get(slots.istats[slot] as string) as number;
  }

  // Pooled: the same sums over every reporting municipality (those with a value), in order.
  let pooledNumerator = 0;
  let pooledDenominator = 0;
  let pooledAny = false;
  const municipalities: Record<string, MunicipalityFigure> = {};
  for (const slot of order) {
    const has = hasValue[slot] === 1;
    const v = has ? (value[slot] as number) : null;
    const rank = has ? rankOf(slot) : null;
    const isPresent = present[slot] === 1;
    const n = isPresent ? (numerator[slot] as number) : 0;
    const d = isPresent ? (denominator[slot] as number) : 0;
    if (has) {
      if (pooledAny) {
        pooledNumerator += n;
        pooledDenominator += d;
      } else {
        pooledAny = true;
        pooledNumerator = n;
        pooledDenominator = d;
      }
    }
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

  // `!(d <= 0)`, not `d > 0`: a NaN denominator divides, as `indicatorValue` lets it.
  const pooled =
    pooledAny && !(pooledDenominator <= 0) ? (scale * pooledNumerator) / pooledDenominator : null;
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
  return { block: result, values: { pooled, value, hasValue } };
}

/** A period's indicators and, for the periods compared against, their values by slot. */
export interface ComputedPeriod {
  indicators: PeriodIndicators;
  values: { indicators: Record<IndicatorName, BlockValues>; areas: Map<string, BlockValues> };
}

/** What `computePeriod` compares the period against; its blocks then carry their `change`. */
export interface Against {
  previous: ComputedPeriod;
  yearBefore: ComputedPeriod;
}

/**
 * Network indicators of one period from the month summaries (DESIGN §7). Pure. The sums are
 * gathered month by month in one pass: each municipality's parts are still added in month order,
 * so every figure is the same to the last bit as summing each municipality's months in turn.
 */
export function computePeriod(
  period: ReportingPeriod,
  roster: readonly RosterEntry[],
  slots: Slots,
  summaries: MonthSummaries,
  dueDay: number,
  against?: Against,
): ComputedPeriod {
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
  const expected = roster.length * period.months.length;

  const indicators = {} as Record<IndicatorName, IndicatorBlock>;
  const indicatorValues = {} as Record<IndicatorName, BlockValues>;
  const periods = against && {
    previous: against.previous.indicators.period,
    yearBefore: against.yearBefore.indicators.period,
  };
  INDICATOR_NAMES.forEach((name, k) => {
    const perSlot = sums[k] as SlotSums;
    if (name === "visitsPer1000Inhabitants") perInhabitant(perSlot, slots);
    const baseline = against &&
      periods && {
        periods,
        previous: against.previous.values.indicators[name],
        yearBefore: against.yearBefore.values.indicators[name],
      };
    const computed = block(name, perSlot, slots.all, slots, baseline);
    indicators[name] = computed.block;
    indicatorValues[name] = computed.values;
  });

  const areas: Record<string, { filterRate: IndicatorBlock }> = {};
  const areaValues = new Map<string, BlockValues>();
  for (const area of [...areaSums.keys()].sort((a, b) => (a < b ? -1 : 1))) {
    const perSlot = areaSums.get(area) as SlotSums;
    const order = Int32Array.from(reportOrder.filter((slot) => perSlot.present[slot] === 1));
    const baseline = against &&
      periods && {
        periods,
        previous: against.previous.values.areas.get(area),
        yearBefore: against.yearBefore.values.areas.get(area),
      };
    const computed = block("filterRate", perSlot, order, slots, baseline);
    areas[area] = { filterRate: computed.block };
    areaValues.set(area, computed.values);
  }

  return {
    indicators: {
      period: period.key,
      completeness: {
        expected,
        reporting,
        rate: expected > 0 ? (100 * reporting) / expected : null,
        onTime,
      },
      indicators,
      areas,
    },
    values: { indicators: indicatorValues, areas: areaValues },
  };
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
  return computePeriod(period, roster, slotsOf(roster), summaries, dueDay).indicators;
}
