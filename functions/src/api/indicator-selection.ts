import type { Caller } from "../domain/caller.js";
import type { ComparedBlock, ComparedPeriodIndicators } from "../domain/indicators/changes.js";
import { INDICATOR_NAMES } from "../domain/indicators/definitions.js";
import { isIstatCode } from "../domain/municipality.js";
import { ApiError, badRequest } from "./api-error.js";

/**
 * At most this many municipality figures in one response (a figure is ~150 bytes of JSON): about
 * 15 MB, well under Cloud Run's 32 MiB response limit. A full year for 8,000 municipalities is
 * 8,000 × (7 indicators + areas) figures: such a caller selects what it needs.
 */
export const MAX_FIGURES_PER_RESPONSE = 100_000;

export interface IndicatorSelection {
  indicators: ReadonlySet<string> | null;
  /** null: every area; empty: none. */
  areas: ReadonlySet<string> | null;
  /** null: every municipality; empty: none (network figures only). */
  municipalities: ReadonlySet<string> | null;
}

const list = (value: string | null): string[] | null =>
  value === null
    ? null
    : value
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean);

/**
 * `?indicators=filterRate,satisfactionRate` · `?areas=anagrafe,tributi|none` ·
 * `?municipalities=015182,028037|own|none`: what a caller reading a large network selects.
 */
export function parseSelection(query: URLSearchParams, caller: Caller): IndicatorSelection {
  const indicators = list(query.get("indicators"));
  const unknown = indicators?.filter((name) => !(INDICATOR_NAMES as string[]).includes(name));
  if (unknown && unknown.length > 0) {
    throw badRequest(
      `Unknown indicator(s) ${unknown.join(", ")}: choose among ${INDICATOR_NAMES.join(", ")}.`,
    );
  }
  const areas = list(query.get("areas"));
  let municipalities = list(query.get("municipalities"));
  if (municipalities?.length === 1 && municipalities[0] === "own") {
    municipalities = caller.municipality ? [caller.municipality] : [];
  }
  const none = (values: string[] | null) =>
    values?.length === 1 && values[0] === "none" ? [] : values;
  const chosen = none(municipalities);
  const invalid = chosen?.filter((istat) => !isIstatCode(istat));
  if (invalid && invalid.length > 0) {
    throw badRequest(`"${invalid[0]}" is not an ISTAT code: 6 digits expected, e.g. 015182.`);
  }
  return {
    indicators: indicators ? new Set(indicators) : null,
    areas: none(areas) ? new Set(none(areas)) : null,
    municipalities: chosen ? new Set(chosen) : null,
  };
}

/** The selected part of a report; refuses one too large to send whole. */
export function selectIndicators(
  report: ComparedPeriodIndicators,
  selection: IndicatorSelection,
): ComparedPeriodIndicators {
  const keep = <T>(set: ReadonlySet<string> | null, entries: [string, T][]) =>
    set ? entries.filter(([key]) => set.has(key)) : entries;
  const trim = (block: ComparedBlock): ComparedBlock =>
    selection.municipalities
      ? {
          ...block,
          municipalities: Object.fromEntries(
            keep(selection.municipalities, Object.entries(block.municipalities)),
          ),
        }
      : block;
  const indicators = keep(selection.indicators, Object.entries(report.indicators));
  const areas = keep(selection.areas, Object.entries(report.areas));
  const perBlock = selection.municipalities
    ? selection.municipalities.size
    : Object.keys(report.indicators.filterRate?.municipalities ?? {}).length;
  const figures = perBlock * (indicators.length + areas.length);
  if (figures > MAX_FIGURES_PER_RESPONSE) {
    throw new ApiError(
      400,
      "response_too_large",
      `This answer would hold ${figures} municipality figures (at most ${MAX_FIGURES_PER_RESPONSE}): select with ?indicators=…, ?areas=…|none or ?municipalities=…|own|none.`,
    );
  }
  return {
    ...report,
    indicators: Object.fromEntries(indicators.map(([name, block]) => [name, trim(block)])),
    areas: Object.fromEntries(
      areas.map(([area, { filterRate }]) => [area, { filterRate: trim(filterRate) }]),
    ),
  };
}
