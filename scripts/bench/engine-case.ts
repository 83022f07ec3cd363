/**
 * One engine measurement in a fresh process, so that its peak memory is its own:
 *   tsx scripts/bench/engine-case.ts <municipalities> <period>   → one JSON line
 */
import type { MonthSummaryEntry } from "../../functions/src/domain/indicators/month-summary.js";
import { summariseMonth } from "../../functions/src/domain/indicators/month-summary.js";
import { networkIndicators } from "../../functions/src/domain/indicators/network-indicators.js";
import type { Month } from "../../functions/src/domain/period.js";
import { parseReportingPeriod } from "../../functions/src/domain/reporting-period.js";
import { istatOf, syntheticMonths } from "./synthetic.js";

const municipalities = Number(process.argv[2] ?? 1000);
const period = parseReportingPeriod(process.argv[3] ?? "2025-01");
const PROCEDURES = 150;
if (!period) throw new Error("period: YYYY-MM, YYYY-Qn or YYYY");

const make = syntheticMonths(42, PROCEDURES);
const roster = Array.from({ length: municipalities }, (_, i) => ({
  istat: istatOf(i),
  population: 5_000 + i,
}));
const summaries = new Map<Month, Map<string, MonthSummaryEntry>>();

// Submissions summarise one month at a time; rows are dropped once summarised, as in the store.
let summariseMs = 0;
for (const month of period.months) {
  const perMonth = new Map<string, MonthSummaryEntry>();
  for (const { istat } of roster) {
    const stored = make(istat, month);
    const start = performance.now();
    perMonth.set(istat, summariseMonth(stored));
    summariseMs += performance.now() - start;
  }
  summaries.set(month, perMonth);
}

// First run: what a fresh function instance pays (JIT still cold); then the median of 5 warm runs.
globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let start = performance.now();
const result = networkIndicators(period, roster, summaries, 10);
const indicatorsMs = performance.now() - start;
const heapAfter = process.memoryUsage().heapUsed;
const warm: number[] = [];
for (let i = 0; i < 5; i++) {
  globalThis.gc?.();
  start = performance.now();
  networkIndicators(period, roster, summaries, 10);
  warm.push(performance.now() - start);
}
const warmMs = warm.sort((a, b) => a - b)[2];

console.log(
  JSON.stringify({
    municipalities,
    period: period.key,
    municipalityMonths: municipalities * period.months.length,
    summarisePerMonthMs: summariseMs / (municipalities * period.months.length),
    indicatorsMs,
    warmMs,
    indicatorsHeapMB: (heapAfter - heapBefore) / 2 ** 20,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    check: result.indicators.filterRate.distribution.n,
  }),
);
