import type { ComparedPeriodIndicators } from "../domain/indicators/changes.js";
import { monthsNeeded, periodReport } from "../domain/indicators/period-report.js";
import type { ReportingPeriod } from "../domain/reporting-period.js";
import type { Paths } from "../store/paths.js";
import type { SummaryStore } from "../store/summary-store.js";

export interface RecomputeResult {
  period: string;
  indicators: ComparedPeriodIndicators;
  municipalities: number;
  documentsRead: number;
  documentsWritten: number;
}

/**
 * Rebuilds a period from the month documents: each month's summary again from every
 * municipality's month, then the period's indicators, persisted. Deterministic, so running it
 * twice writes identical documents.
 */
export async function recomputePeriod(
  paths: Paths,
  summaries: SummaryStore,
  network: string,
  period: ReportingPeriod,
): Promise<RecomputeResult> {
  let documentsRead = 0;
  let documentsWritten = 0;
  for (const month of period.months) {
    const counts = await summaries.rebuild(network, month);
    documentsRead += counts.documentsRead;
    documentsWritten += counts.documentsWritten;
  }
  const inputs = await summaries.read(network, monthsNeeded(period));
  if (!inputs) throw new Error(`network ${network} does not exist`);
  documentsRead += inputs.documentsRead;
  const indicators = periodReport(period, inputs.roster, inputs.summaries, inputs.network.dueDay);
  await paths.periodIndicators(network, period.key).set(indicators);
  documentsWritten += 1;
  return {
    period: period.key,
    indicators,
    municipalities: inputs.roster.length,
    documentsRead,
    documentsWritten,
  };
}
