import type { PeakEntry } from "../domain/calendar/peak-entry.js";
import { peaksPlannedAheadSums } from "../domain/calendar/peaks-planned-ahead.js";
import { cardsCurrentSums } from "../domain/cards/cards-current.js";
import type { ComparedPeriodIndicators } from "../domain/indicators/changes.js";
import type { ExternalSums } from "../domain/indicators/network-indicators.js";
import { monthsNeeded, periodReport } from "../domain/indicators/period-report.js";
import type { Month } from "../domain/period.js";
import type { ReportingPeriod } from "../domain/reporting-period.js";
import type { CardReviews } from "../store/card-store.js";
import type { Stores } from "../store/stores.js";
import type { IndicatorInputs } from "../store/summary-store.js";

/** What the indicators months do not hold are computed from: peak entries and card reviews. */
export interface ExternalInputs {
  peaks: Map<string, PeakEntry[]>;
  cards: Map<string, CardReviews>;
}

/**
 * The month summaries of `months` with, in the same round trip, the peak calendars' entries of
 * their years (one query per year) and every municipality's card reviews (one query): what a
 * period's indicators and report need. Null when the network does not exist.
 */
export async function readIndicatorInputs(
  stores: Stores,
  network: string,
  months: readonly Month[],
): Promise<{ inputs: IndicatorInputs; external: ExternalInputs } | null> {
  const years = [...new Set(months.map((m) => m.slice(0, 4)))];
  const [inputs, peaks, cards] = await Promise.all([
    stores.summaries.read(network, months),
    stores.calendars.readPeaks(network, years),
    stores.cards.readReviews(network),
  ]);
  if (!inputs) return null;
  // The card index is one query whatever the years: count what it returned.
  inputs.documentsRead += Math.max(1, cards.size);
  return { inputs, external: { peaks, cards } };
}

/** The sums of `peaksPlannedAhead` and `cardsCurrent` for any period, from what was read. */
export function externalSums(
  inputs: IndicatorInputs,
  external: ExternalInputs,
): (period: ReportingPeriod) => ExternalSums {
  const municipalities = inputs.roster.map(({ istat }) => ({
    istat,
    patronDay: inputs.network.municipalities[istat]?.patronDay,
    entries: external.peaks.get(istat) ?? [],
  }));
  const threshold = inputs.network.peakThreshold;
  return (p) => ({
    peaksPlannedAhead: peaksPlannedAheadSums(p, municipalities, threshold),
    cardsCurrent: cardsCurrentSums(p, inputs.roster, inputs.summaries, external.cards),
  });
}

/**
 * A period's report as both `GET /v1/indicators` and the recomputation make it, so that what is
 * persisted is what a GET shows. Null when the network does not exist.
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
    externalSums(inputs, external),
  );
  return { inputs, report };
}
