import type { MonthContent } from "../month.js";
import {
  INDICATOR_NAMES,
  type IndicatorName,
  indicatorValue,
  monthParts,
  withPopulation,
} from "./definitions.js";
import { type Ratio, sumRatios } from "./ratio.js";

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

export function figure(name: IndicatorName, sums: Ratio | null): IndicatorFigure {
  return {
    value: indicatorValue(name, sums),
    numerator: sums?.numerator ?? 0,
    denominator: sums?.denominator ?? 0,
  };
}

/** Desk and total cases per key (area or procedure code) over the given months. */
export function filterPartsBy(
  months: readonly MonthContent[],
  key: "area" | "code",
): Map<string, Ratio> {
  const sums = new Map<string, Ratio>();
  for (const month of months) {
    for (const row of month.procedures) {
      const sum = sums.get(row[key]) ?? { numerator: 0, denominator: 0 };
      sums.set(row[key], {
        numerator: sum.numerator + row.desk,
        denominator: sum.denominator + row.total,
      });
    }
  }
  return sums;
}

/** One municipality's indicators over any set of its months (a month, a quarter, a year). */
export function municipalityIndicators(
  months: readonly MonthContent[],
  population?: number,
): MunicipalityIndicators {
  const parts = months.map(monthParts);
  const filterOf = (sums: Map<string, Ratio>) =>
    Object.fromEntries(
      [...sums].map(([code, r]) => [code, { filterRate: figure("filterRate", r) }]),
    );
  return {
    indicators: Object.fromEntries(
      INDICATOR_NAMES.map((name) => [
        name,
        figure(name, withPopulation(name, sumRatios(parts.map((p) => p[name])), population)),
      ]),
    ) as Record<IndicatorName, IndicatorFigure>,
    areas: filterOf(filterPartsBy(months, "area")),
    procedures: filterOf(filterPartsBy(months, "code")),
  };
}
