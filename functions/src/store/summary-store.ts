import type { MonthSummaryEntry } from "../domain/indicators/month-summary.js";
import { summariseMonth } from "../domain/indicators/month-summary.js";
import type { MonthSummaries, RosterEntry } from "../domain/indicators/network-indicators.js";
import type { Month } from "../domain/period.js";
import type { StoredMonth } from "../domain/stored-month.js";
import { type NetworkDocument, toNetworkDocument } from "./network-store.js";
import type { Paths } from "./paths.js";

/** `networks/{network}/monthSummaries/{YYYY-MM}`: every municipality's entry for one month. */
export interface MonthSummaryDocument {
  month: Month;
  municipalities: Record<string, MonthSummaryEntry>;
}

/**
 * How a summary is stored: the entries as one JSON string. Thousands of municipalities × a score of
 * numbers as map fields would each be indexed by Firestore (40,000 index entries per document at
 * most) and cost a protobuf field each on every read and write; one string costs one field.
 */
interface StoredSummary {
  month: Month;
  municipalities: string;
}

export function toMonthSummary(
  month: Month,
  data: Record<string, unknown> | undefined,
): MonthSummaryDocument {
  const stored = data as Partial<StoredSummary> | undefined;
  return { month, municipalities: stored?.municipalities ? JSON.parse(stored.municipalities) : {} };
}

export function storedSummary(summary: MonthSummaryDocument): StoredSummary {
  return { month: summary.month, municipalities: JSON.stringify(summary.municipalities) };
}

export interface IndicatorInputs {
  network: NetworkDocument;
  roster: RosterEntry[];
  summaries: MonthSummaries;
  documentsRead: number;
}

export function rosterOf(network: NetworkDocument): RosterEntry[] {
  return Object.entries(network.municipalities)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([istat, m]) => ({ istat, population: m.population }));
}

export class SummaryStore {
  constructor(private readonly paths: Paths) {}

  /** The network document and the summaries of `months`, in one batched read. */
  async read(network: string, months: readonly Month[]): Promise<IndicatorInputs | null> {
    const [networkSnap, ...summarySnaps] = await this.paths.db.getAll(
      this.paths.network(network),
      ...months.map((m) => this.paths.monthSummary(network, m)),
    );
    const settings = toNetworkDocument(networkSnap?.data());
    if (!settings) return null;
    const summaries = new Map<Month, Map<string, MonthSummaryEntry>>();
    months.forEach((month, i) => {
      const data = summarySnaps[i]?.data();
      if (data)
        summaries.set(month, new Map(Object.entries(toMonthSummary(month, data).municipalities)));
    });
    return {
      network: settings,
      roster: rosterOf(settings),
      summaries,
      documentsRead: 1 + months.length,
    };
  }

  /**
   * Rebuilds a month's summary from the month documents of every municipality of the roster, in a
   * transaction, so that a submission landing meanwhile makes it retry instead of being lost.
   */
  async rebuild(
    network: string,
    month: Month,
  ): Promise<{ documentsRead: number; documentsWritten: number }> {
    const networkRef = this.paths.network(network);
    const summaryRef = this.paths.monthSummary(network, month);
    return this.paths.db.runTransaction(
      async (tx) => {
        const settings = toNetworkDocument((await tx.get(networkRef)).data());
        if (!settings) throw new Error(`network ${network} does not exist`);
        const istats = Object.keys(settings.municipalities).sort();
        const refs = istats.map((istat) => this.paths.month(network, istat, month));
        const snapshots = refs.length > 0 ? await tx.getAll(...refs) : [];
        const municipalities: Record<string, MonthSummaryEntry> = {};
        for (const snapshot of snapshots) {
          if (snapshot.exists) {
            const stored = snapshot.data() as StoredMonth;
            municipalities[stored.municipality] = summariseMonth(stored);
          }
        }
        tx.set(summaryRef, storedSummary({ month, municipalities }));
        return { documentsRead: 1 + refs.length, documentsWritten: 1 };
      },
      { maxAttempts: 30 },
    );
  }
}
