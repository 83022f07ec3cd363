import { peaksPlannedAheadSums } from "../domain/calendar/peaks-planned-ahead.js";
import type { ComparedPeriodIndicators } from "../domain/indicators/changes.js";
import { monthsNeeded, periodReport } from "../domain/indicators/period-report.js";
import type { ReportingPeriod } from "../domain/reporting-period.js";
import type { Stores } from "../store/stores.js";
import type { IndicatorInputs } from "../store/summary-store.js";

/**
 * A period's report as both `GET /v1/indicators` and the recomputation make it, so that what is
 * persisted is what a GET shows: the month summaries and, read alongside in the same round trip
 * (one query per year), the peak calendars' entries for `peaksPlannedAhead`. Null when the
 * network does not exist.
 */
export async function readPeriodReport(
  stores: Stores,
  network: string,
  period: ReportingPeriod,
): Promise<{ inputs: IndicatorInputs; report: ComparedPeriodIndicators } | null> {
  const months = monthsNeeded(period);
  const years = [...new Set(months.map((m) => m.slice(0, 4)))];
  const [inputs, peaks] = await Promise.all([
    stores.summaries.read(network, months),
    stores.calendars.readPeaks(network, years),
  ]);
  if (!inputs) return null;
  const municipalities = inputs.roster.map(({ istat }) => ({
    istat,
    patronDay: inputs.network.municipalities[istat]?.patronDay,
    entries: peaks.get(istat) ?? [],
  }));
  const threshold = inputs.network.peakThreshold;
  const report = periodReport(
    period,
    inputs.roster,
    inputs.summaries,
    inputs.network.dueDay,
    (p) => ({ peaksPlannedAhead: peaksPlannedAheadSums(p, municipalities, threshold) }),
  );
  return { inputs, report };
}
