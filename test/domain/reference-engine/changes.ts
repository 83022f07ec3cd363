/**
 * Oracle, never to be edited: a verbatim copy of functions/src/domain/indicators/changes.ts at
 * commit fe2e4bd (before the engine was tuned), only its import paths changed.
 * network-indicators.oracle.test.ts proves the tuned engine answers exactly as this one did.
 */
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

const delta = (now: number | null | undefined, then: number | null | undefined) =>
  now === null || now === undefined || then === null || then === undefined ? null : now - then;

function compare(
  current: IndicatorBlock,
  previous?: IndicatorBlock,
  yearBefore?: IndicatorBlock,
  keys?: { previous: string; yearBefore: string },
): ComparedBlock {
  const municipalities: ComparedBlock["municipalities"] = {};
  for (const [istat, figure] of Object.entries(current.municipalities)) {
    municipalities[istat] = {
      ...figure,
      change: {
        previousPeriod: delta(figure.value, previous?.municipalities[istat]?.value),
        yearBefore: delta(figure.value, yearBefore?.municipalities[istat]?.value),
      },
    };
  }
  return {
    ...current,
    municipalities,
    change: {
      previousPeriod: {
        period: keys?.previous ?? "",
        pooled: previous?.pooled ?? null,
        delta: delta(current.pooled, previous?.pooled),
      },
      yearBefore: {
        period: keys?.yearBefore ?? "",
        pooled: yearBefore?.pooled ?? null,
        delta: delta(current.pooled, yearBefore?.pooled),
      },
    },
  };
}

/** Adds the change against the previous period and the same period a year before to every block. */
export function withChanges(
  current: PeriodIndicators,
  previous: PeriodIndicators,
  yearBefore: PeriodIndicators,
): ComparedPeriodIndicators {
  const keys = { previous: previous.period, yearBefore: yearBefore.period };
  const indicators = Object.fromEntries(
    Object.entries(current.indicators).map(([name, b]) => [
      name,
      compare(
        b,
        previous.indicators[name as keyof typeof previous.indicators],
        yearBefore.indicators[name as keyof typeof yearBefore.indicators],
        keys,
      ),
    ]),
  );
  const areas = Object.fromEntries(
    Object.entries(current.areas).map(([area, { filterRate }]) => [
      area,
      {
        filterRate: compare(
          filterRate,
          previous.areas[area]?.filterRate,
          yearBefore.areas[area]?.filterRate,
          keys,
        ),
      },
    ]),
  );
  return { ...current, indicators, areas };
}
