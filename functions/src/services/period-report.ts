import { peaksPlannedAheadSums } from "../domain/calendar/peaks-planned-ahead.js";
import { cardsCurrentSums } from "../domain/cards/cards-current.js";
import type { ComparedPeriodIndicators } from "../domain/indicators/changes.js";
import type { ExternalSums } from "../domain/indicators/network-indicators.js";
import { monthsNeeded, periodReport } from "../domain/indicators/period-report.js";
import type { Month } from "../domain/period.js";
import type { ReportingPeriod } from "../domain/reporting-period.js";
import type { Stores } from "../store/stores.js";
import type { IndicatorInputs } from "../store/summary-store.js";

/**
 * A period's report as both `GET /v1/indicators` and the recomputation make it, so that what is
 * persisted is what a GET shows: the month summaries and, read alongside in the same round trip
 * (one query per year), the peak calendars' entries for `peaksPlannedAhead` and the card index
 * for `cardsCurrent`. Null when the
 * network does not exist.
 */
export async function readPeriodReport(
  stores: Stores,
  network: string,
  period: ReportingPeriod,
): Promise<{ inputs: IndicatorInputs; report: ComparedPeriodIndicators } | null> {
  const read = await readIndicatorInputs(stores, network, monthsNeeded(period));
  if (!read) return null;
  const { inputs, external } = read;
  const report = periodReport(
    period,
    inputs.roster,
    inputs.summaries,
    inputs.network.dueDay,
    external,
  );
  return { inputs, report };
}

/**
 * The month summaries of `months` and, read alongside in the same round trip, the sums of the
 * indicators months do not hold: what every computation of network indicators needs (the GET,
 * the recomputation, the published report).
 */
export async function readIndicatorInputs(
  stores: Stores,
  network: string,
  months: readonly Month[],
): Promise<{
  inputs: IndicatorInputs;
  external: (period: ReportingPeriod) => ExternalSums;
} | null> {
  const years = [...new Set(months.map((m) => m.slice(0, 4)))];
  const [inputs, peaks, cards] = await Promise.all([
    stores.summaries.read(network, months),
    stores.calendars.readPeaks(network, years),
    stores.cards.readReviews(network),
  ]);
  if (!inputs) return null;
  // The card index (cardsCurrent) is one query whatever the years: count what it returned.
  inputs.documentsRead += Math.max(1, cards.size);
  const municipalities = inputs.roster.map(({ istat }) => ({
    istat,
    patronDay: inputs.network.municipalities[istat]?.patronDay,
    entries: peaks.get(istat) ?? [],
  }));
  const threshold = inputs.network.peakThreshold;
  return {
    inputs,
    external: (p) => ({
      peaksPlannedAhead: peaksPlannedAheadSums(p, municipalities, threshold),
      cardsCurrent: cardsCurrentSums(p, inputs.roster, inputs.summaries, cards),
    }),
  };
}
