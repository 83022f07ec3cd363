/**
 * One engine measurement in a fresh process, so that its peak memory is its own:
 *   tsx scripts/bench/engine-case.ts <municipalities> <period> [report]   → one JSON line
 * Without `report` it times `networkIndicators` over the period's months; with it, what a GET of
 * indicators computes: `periodReport` over the months it needs (the period, the previous one and
 * the same period a year before), changes included.
 */
import type { MonthSummaryEntry } from "../../functions/src/domain/indicators/month-summary.js";
import { summariseMonth } from "../../functions/src/domain/indicators/month-summary.js";
import { networkIndicators } from "../../functions/src/domain/indicators/network-indicators.js";
import { monthsNeeded, periodReport } from "../../functions/src/domain/indicators/period-report.js";
import type { Month } from "../../functions/src/domain/period.js";
import { parseReportingPeriod } from "../../functions/src/domain/reporting-period.js";
import { istatOf, syntheticMonths } from "./synthetic.js";

const municipalities = Number(process.argv[2] ?? 1000);
const period = parseReportingPeriod(process.argv[3] ?? "2025-01");
const report = process.argv[4] === "report";
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
for (const month of report ? monthsNeeded(period) : period.months) {
  const perMonth = new Map<string, MonthSummaryEntry>();
  for (const { istat } of roster) {
    const stored = make(istat, month);
    const start = performance.now();
    perMonth.set(istat, summariseMonth(stored));
    summariseMs += performance.now() - start;
  }
  summaries.set(month, perMonth);
}

const compute = report
  ? () => periodReport(period, roster, summaries, 10)
  : () => networkIndicators(period, roster, summaries, 10);

// First run: what a fresh function instance pays (JIT still cold); then the median of 5 warm runs.
globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let start = performance.now();
const result = compute();
const indicatorsMs = performance.now() - start;
const heapAfter = process.memoryUsage().heapUsed;
const warm: number[] = [];
for (let i = 0; i < 5; i++) {
  globalThis.gc?.();
  start = performance.now();
  compute();
  warm.push(performance.now() - start);
}
const warmMs = warm.sort((a, b) => a - b)[2];

console.log(
  JSON.stringify({
    municipalities,
    period: period.key,
    computes: report ? "periodReport" : "networkIndicators",
    municipalityMonths: municipalities * summaries.size,
    summarisePerMonthMs: summariseMs / (municipalities * summaries.size),
    indicatorsMs,
    warmMs,
    indicatorsHeapMB: (heapAfter - heapBefore) / 2 ** 20,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    check: result.indicators.filterRate.distribution.n,
  }),
);
