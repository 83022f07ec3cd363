import type { Caller } from "../domain/caller.js";
import type { ComparedBlock, ComparedPeriodIndicators } from "../domain/indicators/changes.js";

type Figure = ComparedBlock["municipalities"][string];

/** What every member sees of another municipality: rates and their standing, never counts. */
export type SharedFigure = Pick<Figure, "value" | "rank" | "smallDenominator" | "change">;

/** What every member sees of the network: rates and their spread, never sums or intervals. */
export interface SharedBlock
  extends Pick<ComparedBlock, "pooled" | "mean" | "distribution" | "change"> {
  municipalities: Record<string, Figure | SharedFigure>;
}

export interface SharedPeriodIndicators
  extends Omit<ComparedPeriodIndicators, "indicators" | "areas"> {
  indicators: Record<string, SharedBlock>;
  areas: Record<string, { filterRate: SharedBlock }>;
}

/**
 * DESIGN §2: rates, ranks and distributions are shared; counts are not volunteered. Staff get
 * numerator, denominator and interval of their own municipality only; of the others and of the
 * network (pooled numerator and denominator, and the pooled interval, from which the network's
 * denominator can be solved back) only values, ranks, flags and changes. The fields are copied by
 * name, not removed by name, so a count added to the blocks later stays hidden until it is
 * listed here on purpose.
 */
export function visibleTo(
  caller: Caller,
  report: ComparedPeriodIndicators,
): ComparedPeriodIndicators | SharedPeriodIndicators {
  if (caller.role === "coordinator") return report;
  const share = (block: ComparedBlock): SharedBlock => {
    const municipalities: SharedBlock["municipalities"] = {};
    for (const [istat, figure] of Object.entries(block.municipalities)) {
      municipalities[istat] = istat === caller.municipality ? figure : sharedFigure(figure);
    }
    return {
      pooled: block.pooled,
      mean: block.mean,
      distribution: block.distribution,
      municipalities,
      change: block.change,
    };
  };
  return {
    ...report,
    indicators: Object.fromEntries(
      Object.entries(report.indicators).map(([name, block]) => [name, share(block)]),
    ),
    areas: Object.fromEntries(
      Object.entries(report.areas).map(([area, { filterRate }]) => [
        area,
        { filterRate: share(filterRate) },
      ]),
    ),
  };
}

function sharedFigure({ value, rank, smallDenominator, change }: Figure): SharedFigure {
  return { value, rank, ...(smallDenominator === undefined ? {} : { smallDenominator }), change };
}
