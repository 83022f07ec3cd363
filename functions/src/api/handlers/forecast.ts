import { mergeCalendars } from "../../domain/calendar/effective-events.js";
import { seasonalForecast } from "../../domain/forecast/seasonal-forecast.js";
import { type AreaForecast, unplannedPeaks } from "../../domain/forecast/unplanned-peaks.js";
import { addMonths, type Month, monthOf } from "../../domain/period.js";
import { badRequest, notFound } from "../api-error.js";
import type { RouteContext, RouteResult } from "../context.js";
import { requireMunicipalityAccess } from "./guards.js";

/** Past years the forecast reads: the recent level and up to four years of seasonality. */
const HISTORY_YEARS = 5;

function requireHorizon(value: unknown): number {
  if (value === undefined) return 3;
  const n = Number(value);
  if (typeof value !== "string" || !/^\d{1,2}$/.test(value) || n < 1 || n > 12)
    throw badRequest(
      `months must be a whole number from 1 to 12; got "${String(value).slice(0, 20)}".`,
    );
  return n;
}

/**
 * `GET /v1/municipalities/{istat}/forecast?months=N`: expected cases per area for N months from
 * the current one (Europe/Rome), from the municipality's own history only, with the forecast
 * peaks no calendar event of their area covers. One batched read: the network document, the
 * municipality's summary shards of the last years (its cases per area and month) and the network
 * and local calendars of the years the forecast touches.
 */
export async function getForecast({
  req,
  caller,
  params,
  stores,
  now,
}: RouteContext): Promise<RouteResult> {
  const istat = requireMunicipalityAccess(caller, params.istat);
  const horizon = requireHorizon(req.query.months);
  const origin = monthOf(now());
  const last = addMonths(origin, horizon - 1);
  const originYear = Number(origin.slice(0, 4));
  const historyYears = Array.from({ length: HISTORY_YEARS + 1 }, (_, i) =>
    String(originYear - HISTORY_YEARS + i),
  );
  // Last year's windows may run into this year's months.
  const calendarYears = [
    ...new Set([originYear - 1, originYear, Number(last.slice(0, 4))].map(String)),
  ];
  const read = await stores.calendars.readForMunicipality(
    caller.network,
    istat,
    calendarYears,
    historyYears,
  );
  if (!read) throw notFound(`Municipality ${istat} is not in network ${caller.network}.`);
  const byArea = new Map<string, Map<Month, number>>();
  for (const summary of read.summaries) {
    for (const [month, entry] of Object.entries(summary)) {
      if (!entry || month >= origin) continue;
      for (const [area, [, total]] of Object.entries(entry.areas)) {
        const series = byArea.get(area) ?? new Map<Month, number>();
        series.set(month as Month, total);
        byArea.set(area, series);
      }
    }
  }
  const areas: AreaForecast[] = [...byArea.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([area, series]) => ({ area, months: seasonalForecast(series, origin, horizon) }))
    .filter((f) => f.months.length > 0);
  const patronDay = read.municipality.patronDay;
  const events = calendarYears.flatMap((year) =>
    mergeCalendars(
      read.networkCalendars.get(year)?.events ?? [],
      read.localCalendars.get(year)?.events ?? [],
      patronDay,
    ),
  );
  return {
    status: 200,
    body: {
      municipality: istat,
      from: origin,
      months: horizon,
      areas: areas.map(({ area, months }) => ({
        area,
        name: read.network.areas[area]?.name ?? area,
        months,
      })),
      unplanned: unplannedPeaks(areas, events),
    },
  };
}
