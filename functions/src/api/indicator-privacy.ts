import type { Caller } from "../domain/caller.js";
import type { ComparedBlock, ComparedPeriodIndicators } from "../domain/indicators/changes.js";

/**
 * Staff see counts (numerator, denominator, the interval built from them) only for their own
 * municipality; every other municipality is a value, a rank and a small-denominator flag. The
 * pooled counts go too: with two municipalities, pooled minus one's own is the other's.
 */
export function visibleTo(
  caller: Caller,
  report: ComparedPeriodIndicators,
): ComparedPeriodIndicators {
  if (caller.role === "coordinator") return report;
  const hide = (block: ComparedBlock): ComparedBlock => {
    const { numerator: _n, denominator: _d, ...pooled } = block;
    const municipalities: ComparedBlock["municipalities"] = {};
    for (const [istat, figure] of Object.entries(block.municipalities)) {
      if (istat === caller.municipality) {
        municipalities[istat] = figure;
      } else {
        const { numerator: _num, denominator: _den, interval: _interval, ...shown } = figure;
        municipalities[istat] = shown as ComparedBlock["municipalities"][string];
      }
    }
    return { ...(pooled as ComparedBlock), municipalities };
  };
  return {
    ...report,
    indicators: Object.fromEntries(
      Object.entries(report.indicators).map(([name, block]) => [name, hide(block)]),
    ),
    areas: Object.fromEntries(
      Object.entries(report.areas).map(([area, { filterRate }]) => [
        area,
        { filterRate: hide(filterRate) },
      ]),
    ),
  };
}
