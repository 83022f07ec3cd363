/**
 * Rolling-origin backtest of the load forecast (DESIGN §11) against the seasonal-naive baseline
 * (the same month a year before), on two generated networks:
 *   - the demo network's generator (scripts/demo/history.ts) run over 6 years: flat procedures,
 *     January enrolments, June/December taxes, ±15 % noise, no trend in volumes;
 *   - a second network generated here: 40 municipalities with their own seasonal shapes (peaks in
 *     March, July or October of varying height), volumes growing or shrinking up to 20 % a year,
 *     ±25 % noise and a few missing months.
 * Every origin from month 25 on; every horizon 1–12 whose month is known; the same points for both
 * methods. MAE in cases, MASE scaled by each series' in-sample seasonal-naive MAE (Hyndman &
 * Koehler 2006), coverage of the 80 % interval. `npx tsx scripts/bench/forecast-backtest.ts`.
 */
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import {
  type Series,
  seasonalForecast,
  seasonalNaive,
} from "../../functions/src/domain/forecast/seasonal-forecast.js";
import { addMonths, type Month } from "../../functions/src/domain/period.js";
import { demoHistory, lastCompleteMonths } from "../demo/history.js";

const YEARS = 6;
const months = lastCompleteMonths("2026-01", 12 * YEARS);

function demoSeries(): Series[] {
  const byKey = new Map<string, Map<Month, number>>();
  for (const submission of demoHistory(months)) {
    for (const row of submission.body.procedures) {
      const key = `${submission.istat}/${row.area}`;
      const series = byKey.get(key) ?? new Map<Month, number>();
      series.set(submission.month, (series.get(submission.month) ?? 0) + row.total);
      byKey.set(key, series);
    }
  }
  return [...byKey.values()];
}

function secondNetwork(): Series[] {
  const rng = xoroshiro128plus(20_260_611);
  const real = (min: number, max: number) =>
    min + (uniformInt(rng, 0, 1_000_000) / 1_000_000) * (max - min);
  const all: Series[] = [];
  for (let m = 0; m < 40; m++) {
    for (let a = 0; a < 4; a++) {
      const base = real(20, 600);
      const trend = real(-0.2, 0.2);
      const peakMonth = [3, 7, 10, 1][(m + a) % 4] as number;
      const height = real(0.3, 3);
      const series = new Map<Month, number>();
      months.forEach((month, i) => {
        if (uniformInt(rng, 0, 40) === 0) return;
        const calendarMonth = Number(month.slice(5));
        const distance = Math.min(
          Math.abs(calendarMonth - peakMonth),
          12 - Math.abs(calendarMonth - peakMonth),
        );
        const season = 1 + height * Math.max(0, 1 - distance / 1.5);
        const level = base * (1 + trend) ** (i / 12);
        series.set(month, Math.round(level * season * real(0.75, 1.25)));
      });
      all.push(series);
    }
  }
  return all;
}

interface Score {
  points: number;
  maeModel: number;
  maeNaive: number;
  maseModel: number;
  maseNaive: number;
  coverage: number;
}

function backtest(allSeries: Series[]): Score {
  let points = 0;
  let absModel = 0;
  let absNaive = 0;
  let scaledModel = 0;
  let scaledNaive = 0;
  let covered = 0;
  for (const series of allSeries) {
    // In-sample scale: the seasonal-naive MAE over the first two years, before any origin.
    const diffs = months.slice(12, 24).flatMap((m) => {
      const now = series.get(m);
      const before = seasonalNaive(series, m);
      return now !== undefined && before !== undefined ? [Math.abs(now - before)] : [];
    });
    const scale = diffs.reduce((a, b) => a + b, 0) / Math.max(1, diffs.length);
    if (scale === 0) continue;
    for (let o = 24; o < months.length; o++) {
      const origin = months[o] as Month;
      const forecasts = seasonalForecast(series, origin, Math.min(12, months.length - o));
      for (const f of forecasts) {
        const actual = series.get(f.month);
        const naive = seasonalNaive(series, f.month);
        if (actual === undefined || naive === undefined || f.month >= addMonths(origin, 12))
          continue;
        points++;
        absModel += Math.abs(f.expected - actual);
        absNaive += Math.abs(naive - actual);
        scaledModel += Math.abs(f.expected - actual) / scale;
        scaledNaive += Math.abs(naive - actual) / scale;
        if (actual >= f.low && actual <= f.high) covered++;
      }
    }
  }
  return {
    points,
    maeModel: absModel / points,
    maeNaive: absNaive / points,
    maseModel: scaledModel / points,
    maseNaive: scaledNaive / points,
    coverage: covered / points,
  };
}

export function forecastBacktest(): void {
  console.log(
    `Load forecast, rolling-origin backtest (${YEARS} years a series, origins from month 25, horizons 1–12)`,
  );
  console.log(
    "network                    | series | points | MAE model | MAE naive | MASE model | MASE naive | model/naive | 80 % coverage",
  );
  for (const [name, series] of [
    ["demo generator, 11 munis", demoSeries()],
    ["second network, 40 munis", secondNetwork()],
  ] as const) {
    const s = backtest(series);
    console.log(
      [
        name.padEnd(26),
        String(series.length).padStart(6),
        String(s.points).padStart(6),
        s.maeModel.toFixed(1).padStart(9),
        s.maeNaive.toFixed(1).padStart(9),
        s.maseModel.toFixed(3).padStart(10),
        s.maseNaive.toFixed(3).padStart(10),
        (s.maeModel / s.maeNaive).toFixed(3).padStart(11),
        `${(100 * s.coverage).toFixed(1)} %`.padStart(13),
      ].join(" | "),
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) forecastBacktest();
