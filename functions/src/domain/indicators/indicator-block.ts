import {
  type Baseline,
  type BlockValues,
  blockChange,
  type ComparedBlock,
  municipalityChange,
} from "./changes.js";
import { INDICATORS, type IndicatorName } from "./definitions.js";
import type { IndicatorBlock, MunicipalityFigure } from "./network-indicators.js";
import type { SlotSums, Slots } from "./slot-sums.js";
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

type ComparedFigure = ComparedBlock["municipalities"][string];

/** A block's values by slot, its values in `order` and its pooled sums: what the rest needs. */
export interface Valued extends BlockValues {
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
export function valuesOf(
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
export function block(
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
