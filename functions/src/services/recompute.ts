import pMap from "p-map";
import type { ComparedPeriodIndicators } from "../domain/indicators/changes.js";
import type { Month } from "../domain/period.js";
import type { ReportingPeriod } from "../domain/reporting-period.js";
import type { Stores } from "../store/stores.js";
import { type Counts, yearOf } from "../store/summary-store.js";
import { readPeriodReport } from "./period-report.js";

export type { Counts };

export interface ReportResult extends Counts {
  period: string;
  indicators: ComparedPeriodIndicators;
  municipalities: number;
  /** The persisted version (a hash of the content) and whether this run changed it. */
  version: string;
  status: "stored" | "unchanged";
}

export type Progress = (message: string, fields?: Record<string, unknown>) => void;

/**
 * Municipalities rebuilt at once. Each rebuild is a small transaction over one municipality's
 * documents; a handful in flight keeps Firestore busy without holding many documents in memory.
 */
const REBUILD_CONCURRENCY = 8;
/** A progress line every this many municipalities. */
const PROGRESS_EVERY = 250;

/**
 * Rebuilds the month summaries of `months` from the month documents, one municipality at a time
 * (bounded concurrency): never a long transaction over the whole network, so submissions go on
 * meanwhile and a submission landing during a rebuild is never overwritten.
 */
export async function rebuildSummaries(
  stores: Stores,
  network: string,
  months: readonly Month[],
  progress: Progress = () => {},
): Promise<Counts> {
  const settings = await stores.networks.get(network);
  if (!settings) throw new Error(`network ${network} does not exist`);
  const byYear = new Map<string, Month[]>();
  for (const month of months)
    byYear.set(yearOf(month), [...(byYear.get(yearOf(month)) ?? []), month]);
  const istats = Object.keys(settings.municipalities).sort();
  const counts: Counts = { documentsRead: 1, documentsWritten: 0 };
  let done = 0;
  await pMap(
    istats,
    async (istat) => {
      for (const yearMonths of byYear.values()) {
        const rebuilt = await stores.summaries.rebuild(network, istat, yearMonths);
        counts.documentsRead += rebuilt.documentsRead;
        counts.documentsWritten += rebuilt.documentsWritten;
      }
      done++;
      if (done % PROGRESS_EVERY === 0 && done < istats.length) {
        progress(`Rebuilt month summaries of ${done}/${istats.length} municipalities`, {
          network,
        });
      }
    },
    { concurrency: REBUILD_CONCURRENCY },
  );
  return counts;
}

/** Computes a period's indicators from the current summaries and persists them. */
export async function persistReport(
  stores: Stores,
  network: string,
  period: ReportingPeriod,
): Promise<ReportResult> {
  const read = await readPeriodReport(stores, network, period);
  if (!read) throw new Error(`network ${network} does not exist`);
  const { inputs, report: indicators } = read;
  const persisted = await stores.periodIndicators.put(network, indicators);
  return {
    period: period.key,
    indicators,
    municipalities: inputs.roster.length,
    version: persisted.version,
    status: persisted.status,
    documentsRead: inputs.documentsRead + 1,
    documentsWritten: persisted.documentsWritten,
  };
}

/**
 * Rebuilds a period from the month documents: its months' summaries, then its indicators,
 * persisted. Deterministic: running it twice gives the same version and writes nothing new.
 */
export async function recomputePeriod(
  stores: Stores,
  network: string,
  period: ReportingPeriod,
  progress?: Progress,
): Promise<ReportResult> {
  const rebuilt = await rebuildSummaries(stores, network, period.months, progress);
  const report = await persistReport(stores, network, period);
  return {
    ...report,
    documentsRead: rebuilt.documentsRead + report.documentsRead,
    documentsWritten: rebuilt.documentsWritten + report.documentsWritten,
  };
}
