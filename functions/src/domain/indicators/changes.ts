import type { IndicatorBlock, PeriodIndicators } from "./network-indicators.js";

export interface Comparison {
  period: string;
  pooled: number | null;
  /** current − earlier, in the indicator's unit (percentage points for rates); null if either is. */
  delta: number | null;
}

export interface ComparedBlock extends IndicatorBlock {
  change: { previousPeriod: Comparison; yearBefore: Comparison };
  municipalities: Record<
    string,
    IndicatorBlock["municipalities"][string] & {
      change: { previousPeriod: number | null; yearBefore: number | null };
    }
  >;
}

export interface ComparedPeriodIndicators extends Omit<PeriodIndicators, "indicators" | "areas"> {
  indicators: Record<string, ComparedBlock>;
  areas: Record<string, { filterRate: ComparedBlock }>;
}

/**
 * One block's values by municipality slot (see `Slots`): what a later period compares against,
 * read by index instead of looking 8,000 ISTAT codes up in the earlier period's objects.
 */
export interface BlockValues {
  pooled: number | null;
  value: Float64Array;
  /** 1 where the municipality has a value in this block (it may have none, or not be in it). */
  hasValue: Uint8Array;
}

/** The same block in the previous period and a year before; absent when that period lacks it. */
export interface Baseline {
  periods: { previous: string; yearBefore: string };
  previous: BlockValues | undefined;
  yearBefore: BlockValues | undefined;
}

const delta = (now: number | null | undefined, then: number | null | undefined) =>
  now === null || now === undefined || then === null || then === undefined ? null : now - then;

const deltaAt = (values: BlockValues | undefined, slot: number, now: number | null) =>
  now === null || values === undefined || values.hasValue[slot] !== 1
    ? null
    : now - (values.value[slot] as number);

/** A municipality's change, built with its figure so that the figure is made once. */
export function municipalityChange(
  baseline: Baseline,
  slot: number,
  value: number | null,
): ComparedBlock["municipalities"][string]["change"] {
  return {
    previousPeriod: deltaAt(baseline.previous, slot, value),
    yearBefore: deltaAt(baseline.yearBefore, slot, value),
  };
}

export function blockChange(baseline: Baseline, pooled: number | null): ComparedBlock["change"] {
  return {
    previousPeriod: {
      period: baseline.periods.previous,
      pooled: baseline.previous?.pooled ?? null,
      delta: delta(pooled, baseline.previous?.pooled),
    },
    yearBefore: {
      period: baseline.periods.yearBefore,
      pooled: baseline.yearBefore?.pooled ?? null,
      delta: delta(pooled, baseline.yearBefore?.pooled),
    },
  };
}
