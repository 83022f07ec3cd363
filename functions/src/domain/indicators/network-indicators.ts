import type { DateTime } from "luxon";
import { type Month, monthEnd } from "../period.js";
import type { ReportingPeriod } from "../reporting-period.js";
import type { BlockValues } from "./changes.js";
import { INDICATOR_NAMES, type IndicatorName } from "./definitions.js";
import { block, valuesOf } from "./indicator-block.js";
import type { MonthSummaryEntry } from "./month-summary.js";
import type { Ratio } from "./ratio.js";
import {
  addPart,
  perInhabitant,
  type SlotSums,
  type Slots,
  slotSums,
  slotsOf,
} from "./slot-sums.js";
import type { Distribution } from "./statistics.js";

export { MIN_DENOMINATOR } from "./indicator-block.js";

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
 * Sums of indicators that month summaries do not hold (`peaksPlannedAhead` comes from the peak
 * calendars), per municipality, for one period: they replace what the months would give.
 */
export type ExternalSums = Partial<Record<IndicatorName, ReadonlyMap<string, Ratio | null>>>;

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
  external: ExternalSums,
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
  INDICATOR_NAMES.forEach((name, k) => {
    const given = external[name];
    if (!given) return;
    const replaced = slotSums(slotCount);
    const filled = new Uint8Array(slotCount);
    roster.forEach(({ istat }, r) => {
      const slot = slots.ofRosterEntry[r] as number;
      const ratio = given.get(istat);
      if (filled[slot] === 1 || !ratio) return;
      filled[slot] = 1;
      addPart(replaced, slot, ratio.numerator, ratio.denominator);
    });
    sums[k] = replaced;
  });
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
  external: ExternalSums = {},
): PeriodValues {
  const gathered = gather(period, roster, slots, summaries, dueDay, external);
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
  external: ExternalSums = {},
): PeriodIndicators {
  const gathered = gather(period, roster, slots, summaries, dueDay, external);
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

/** Network indicators of one period from the month summaries (DESIGN §7). Pure. */
export function networkIndicators(
  period: ReportingPeriod,
  roster: readonly RosterEntry[],
  summaries: MonthSummaries,
  dueDay: number,
  external: ExternalSums = {},
): PeriodIndicators {
  return computePeriod(period, roster, slotsOf(roster), summaries, dueDay, undefined, external);
}
