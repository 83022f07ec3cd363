import { gzipSync } from "node:zlib";
import canonicalize from "canonicalize";
import { summariseMonth } from "../../functions/src/domain/indicators/month-summary.js";
import { addMonths, monthOf } from "../../functions/src/domain/period.js";
import { parseReportingPeriod } from "../../functions/src/domain/reporting-period.js";
import { buildReport, reportMonths } from "../../functions/src/reports/report-model.js";
import { buildPeriodReport, publishReport } from "../../functions/src/services/publish-report.js";
import { Paths } from "../../functions/src/store/paths.js";
import { createStores } from "../../functions/src/store/stores.js";
import {
  rosterOf,
  storedYearSummary,
  type YearSummary,
} from "../../functions/src/store/summary-store.js";
import { startStack } from "../local/stack.js";
import { median } from "./api-bench.js";
import { countRpcs } from "./rpc-counter.js";
import { seedBenchNetwork } from "./seed-network.js";
import { syntheticMonths } from "./synthetic.js";

export interface ReportBenchRow {
  municipalities: number;
  buildMs: number;
  publishMs: number;
  unchangedMs: number;
  documentsRead: number;
  documentsWritten: number;
  unchangedRead: number;
  unchangedWritten: number;
  jsonKiB: number;
  gzipKiB: number;
  batchGetDocuments: number;
}

/**
 * A year's report for a network of `size` municipalities: summaries for the year and the year
 * before (what the report reads), the year's months with one data-quality remark each. Measures the pure build (median of 3), then a first
 * publication (a new version) and a second one (unchanged) through the service.
 */
export async function reportBench(size: number): Promise<ReportBenchRow> {
  const stack = await startStack({ port: 0, demo: false, projectId: `report-bench-${Date.now()}` });
  try {
    const year = parseReportingPeriod(addMonths(monthOf(new Date()), -12).slice(0, 4));
    if (!year) throw new Error("year");
    const { istats } = await seedBenchNetwork(stack.db, stack.network, size, reportMonths(year));
    // The year's shards again, each month with one remark, as submissions leave them.
    const paths = new Paths(stack.db);
    const make = syntheticMonths(3, 150);
    const writer = stack.db.bulkWriter();
    const warning = {
      severity: "warning" as const,
      code: "outlier" as const,
      path: ["procedures", 3, "total"],
      message: "Riga 4 (P003): 390 pratiche sono molto lontane dal solito per il comune.",
    };
    for (const istat of istats) {
      const entries: YearSummary = {};
      for (const month of year.months)
        entries[month] = summariseMonth({ ...make(istat, month), warnings: [warning] });
      writer.set(
        paths.yearSummary(stack.network, year.key, istat),
        storedYearSummary(istat, year.key, entries),
      );
    }
    await writer.close();

    const stores = createStores(stack.db);
    const inputs = await stores.summaries.read(stack.network, reportMonths(year));
    if (!inputs) throw new Error("network");
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      buildReport({
        network: { id: stack.network, name: "bench", dueDay: 10 },
        period: year,
        municipalities: rosterOf(inputs.network).map((m) => ({ ...m, name: m.istat })),
        areaNames: {},
        summaries: inputs.summaries,
        warnings: [],
      });
      times.push(performance.now() - start);
    }
    const built = await buildPeriodReport(stores, stack.network, year);
    const json = canonicalize(built?.report) ?? "";

    const rpc = countRpcs(stack.db);
    let start = performance.now();
    const first = await publishReport(stores, stack.network, year, "bench");
    const publishMs = performance.now() - start;
    const batchGetDocuments = rpc.counts.documentsRead;
    start = performance.now();
    const again = await publishReport(stores, stack.network, year, "bench");
    const unchangedMs = performance.now() - start;
    if (first.status !== "published" || again.status !== "unchanged") throw new Error("statuses");
    return {
      municipalities: size,
      buildMs: median(times),
      publishMs,
      unchangedMs,
      documentsRead: first.documentsRead,
      documentsWritten: first.documentsWritten,
      unchangedRead: again.documentsRead,
      unchangedWritten: again.documentsWritten,
      jsonKiB: json.length / 1024,
      gzipKiB: gzipSync(json).length / 1024,
      batchGetDocuments,
    };
  } finally {
    await stack.stop();
  }
}
