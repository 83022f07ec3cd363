/**
 * The HTML report of a year in a fresh process (its memory is its own):
 *   tsx scripts/bench/report-html-case.ts <municipalities>   → one JSON line
 * The model is built from synthetic month summaries of the year, its comparisons and the 24-month
 * trend (30 procedures per municipality-month: the page shows none of them, only the indicators);
 * then the page is rendered, charts included. Also the Sheets batchUpdate's size for that model.
 */
import type { MonthSummaryEntry } from "../../functions/src/domain/indicators/month-summary.js";
import { summariseMonth } from "../../functions/src/domain/indicators/month-summary.js";
import type { Month } from "../../functions/src/domain/period.js";
import { parseReportingPeriod } from "../../functions/src/domain/reporting-period.js";
import { renderReportHtml } from "../../functions/src/reports/report-html.js";
import { buildReport, reportMonths } from "../../functions/src/reports/report-model.js";
import { reportTabRequests } from "../../functions/src/reports/sheets-requests.js";
import { AREAS, istatOf, syntheticMonths } from "./synthetic.js";

const municipalities = Number(process.argv[2] ?? 11);
const period = parseReportingPeriod("2025");
if (!period) throw new Error("unreachable");
const make = syntheticMonths(7, 30);
const roster = Array.from({ length: municipalities }, (_, i) => ({
  istat: istatOf(i),
  population: 5_000 + i,
  name: `Comune ${i + 1}`,
}));
const summaries = new Map<Month, Map<string, MonthSummaryEntry>>();
for (const month of reportMonths(period)) {
  summaries.set(month, new Map(roster.map((m) => [m.istat, summariseMonth(make(m.istat, month))])));
}

let start = performance.now();
const report = buildReport({
  network: { id: "bench", name: "Rete di prova", dueDay: 10 },
  period,
  municipalities: roster,
  areaNames: Object.fromEntries(AREAS.map((a) => [a, a])),
  summaries,
  warnings: [],
});
const modelMs = performance.now() - start;
const meta = { version: 1, publishedAt: "2026-01-15T09:00:00.000Z" };
start = performance.now();
const html = await renderReportHtml(report, meta);
const firstHtmlMs = performance.now() - start;
start = performance.now();
await renderReportHtml(report, meta);
const warmHtmlMs = performance.now() - start;
const plan = reportTabRequests(report, meta, []);

console.log(
  JSON.stringify({
    municipalities,
    modelMs,
    firstHtmlMs,
    warmHtmlMs,
    htmlKB: Buffer.byteLength(html) / 1024,
    sheetsRequests: plan.requests.length,
    sheetsBodyKB: Buffer.byteLength(JSON.stringify({ requests: plan.requests })) / 1024,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
