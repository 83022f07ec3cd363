import type { MonthContent } from "../month.js";
import { INDICATOR_NAMES, type IndicatorName, monthParts, value } from "./definitions.js";
import { addRatio, EMPTY_RATIO, type Ratio } from "./ratio.js";

export interface IndicatorFigure {
  value: number | null;
  numerator: number;
  denominator: number;
}

export interface MunicipalityIndicators {
  indicators: Record<IndicatorName, IndicatorFigure>;
  areas: Record<string, { filterRate: IndicatorFigure }>;
  procedures: Record<string, { filterRate: IndicatorFigure }>;
}

function figure(name: IndicatorName, sums: Ratio | null, population?: number): IndicatorFigure {
  const s = sums ?? EMPTY_RATIO;
  const denominator = name === "visitsPer1000Inhabitants" ? (population ?? 0) : s.denominator;
  return { value: value(name, sums, population), numerator: s.numerator, denominator };
}

function addTo(map: Map<string, Ratio>, key: string, desk: number, total: number): void {
  const sum = map.get(key) ?? EMPTY_RATIO;
  map.set(key, addRatio(sum, { numerator: desk, denominator: total, months: 0 }));
}

/** One municipality's indicators over any set of its months (a month, a quarter, a year). */
export function municipalityIndicators(
  months: readonly MonthContent[],
  population?: number,
): MunicipalityIndicators {
  const sums = new Map<IndicatorName, Ratio | null>(INDICATOR_NAMES.map((n) => [n, null]));
  const areas = new Map<string, Ratio>();
  const procedures = new Map<string, Ratio>();
  for (const month of months) {
    const parts = monthParts(month);
    for (const name of INDICATOR_NAMES) {
      const p = parts[name];
      if (p) sums.set(name, addRatio(sums.get(name) ?? EMPTY_RATIO, p));
    }
    for (const row of month.procedures) {
      addTo(areas, row.area, row.desk, row.total);
      addTo(procedures, row.code, row.desk, row.total);
    }
  }
  // Per-area and per-procedure sums count a month once for the month's filter rate.
  const filterOf = (ratio: Ratio) => ({
    filterRate: figure("filterRate", { ...ratio, months: 1 }),
  });
  return {
    indicators: Object.fromEntries(
      INDICATOR_NAMES.map((name) => [name, figure(name, sums.get(name) ?? null, population)]),
    ) as Record<IndicatorName, IndicatorFigure>,
    areas: Object.fromEntries([...areas].map(([code, r]) => [code, filterOf(r)])),
    procedures: Object.fromEntries([...procedures].map(([code, r]) => [code, filterOf(r)])),
  };
}
