import type { ComparedPeriodIndicators } from "../domain/indicators/changes.js";
import { monthsNeeded, periodReport } from "../domain/indicators/period-report.js";
import type { Month } from "../domain/period.js";
import type { ReportingPeriod } from "../domain/reporting-period.js";
import type { Paths } from "../store/paths.js";
import type { SummaryStore } from "../store/summary-store.js";

export interface Counts {
  documentsRead: number;
  documentsWritten: number;
}

export interface ReportResult extends Counts {
  period: string;
  indicators: ComparedPeriodIndicators;
  municipalities: number;
}

/** Rebuilds each month's summary from every municipality's month document. */
export async function rebuildSummaries(
  summaries: SummaryStore,
  network: string,
  months: readonly Month[],
): Promise<Counts> {
  const counts: Counts = { documentsRead: 0, documentsWritten: 0 };
  for (const month of months) {
    const rebuilt = await summaries.rebuild(network, month);
    counts.documentsRead += rebuilt.documentsRead;
    counts.documentsWritten += rebuilt.documentsWritten;
  }
  return counts;
}

/** Computes a period's indicators from the current summaries and persists them. */
export async function persistReport(
  paths: Paths,
  summaries: SummaryStore,
  network: string,
  period: ReportingPeriod,
): Promise<ReportResult> {
  const inputs = await summaries.read(network, monthsNeeded(period));
  if (!inputs) throw new Error(`network ${network} does not exist`);
  const indicators = periodReport(period, inputs.roster, inputs.summaries, inputs.network.dueDay);
  await paths.periodIndicators(network, period.key).set(indicators);
  return {
    period: period.key,
    indicators,
    municipalities: inputs.roster.length,
    documentsRead: inputs.documentsRead,
    documentsWritten: 1,
  };
}

/**
 * Rebuilds a period from the month documents: its months' summaries, then its indicators,
 * persisted. Deterministic, so running it twice writes identical documents.
 */
export async function recomputePeriod(
  paths: Paths,
  summaries: SummaryStore,
  network: string,
  period: ReportingPeriod,
): Promise<ReportResult> {
  const rebuilt = await rebuildSummaries(summaries, network, period.months);
  const report = await persistReport(paths, summaries, network, period);
  return {
    ...report,
    documentsRead: rebuilt.documentsRead + report.documentsRead,
    documentsWritten: rebuilt.documentsWritten + report.documentsWritten,
  };
}
