import type { MonthSummaryEntry } from "../domain/indicators/month-summary.js";
import { summariseMonth } from "../domain/indicators/month-summary.js";
import type { MonthSummaries, RosterEntry } from "../domain/indicators/network-indicators.js";
import type { Month } from "../domain/period.js";
import type { StoredMonth } from "../domain/stored-month.js";
import { type NetworkDocument, toNetworkDocument } from "./network-store.js";
import type { Paths } from "./paths.js";
import { toProcedureCodes, withMonthCodes } from "./procedure-codes.js";

/** One municipality's month summaries of one year, by month. */
export type YearSummary = Partial<Record<Month, MonthSummaryEntry>>;

/**
 * `networks/{network}/summaryYears/{YYYY}/summaries/{istat}`: the shard of the network's summaries
 * that one municipality's submissions rewrite. Sharding by municipality is what lets hundreds of
 * municipalities submit the same month at once without contending on a document (production
 * sustains about one write per second per document); sharding by year bounds what a read touches
 * whatever the number of months stored. A year of 12 entries is a few KB, far from the 1 MiB limit.
 *
 * The entries are one JSON string, not map fields: map fields would each be indexed (40,000 index
 * entries per document at most) and cost a protobuf field each on every read and write.
 * `firestore.indexes.json` exempts the field from indexing altogether.
 */
interface StoredYearSummary {
  municipality: string;
  year: string;
  months: string;
}

export function yearOf(month: Month): string {
  return month.slice(0, 4);
}

export function toYearSummary(data: Record<string, unknown> | undefined): YearSummary {
  const stored = data as Partial<StoredYearSummary> | undefined;
  return stored?.months ? (JSON.parse(stored.months) as YearSummary) : {};
}

export function storedYearSummary(
  municipality: string,
  year: string,
  months: YearSummary,
): StoredYearSummary {
  // Month order, so that the same content is the same string whatever order it was built in.
  const ordered = Object.fromEntries(
    Object.entries(months).sort(([a], [b]) => (a < b ? -1 : 1)),
  ) as YearSummary;
  return { municipality, year, months: JSON.stringify(ordered) };
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

export interface Counts {
  documentsRead: number;
  documentsWritten: number;
}

export class SummaryStore {
  constructor(private readonly paths: Paths) {}

  /**
   * The network document and the summaries of `months`, read together in one round trip: the
   * network document and one query per year touched (a month, quarter, semester or year with its
   * comparisons touches two years), each returning one document per municipality. What is read
   * grows with the municipalities and never with the months stored.
   */
  async read(network: string, months: readonly Month[]): Promise<IndicatorInputs | null> {
    const years = [...new Set(months.map(yearOf))].sort();
    const [networkSnap, ...yearSnaps] = await Promise.all([
      this.paths.network(network).get(),
      ...years.map((year) => this.paths.yearSummaries(network, year).get()),
    ]);
    const settings = toNetworkDocument(networkSnap.data());
    if (!settings) return null;
    const wanted = new Set<string>(months);
    const summaries = new Map<Month, Map<string, MonthSummaryEntry>>();
    let documentsRead = 1;
    for (const snapshot of yearSnaps) {
      // A query is billed one read even when it returns nothing.
      documentsRead += Math.max(1, snapshot.size);
      for (const doc of snapshot.docs) {
        // A municipality that left the network keeps its history but no longer counts.
        if (!settings.municipalities[doc.id]) continue;
        for (const [month, entry] of Object.entries(toYearSummary(doc.data()))) {
          if (!wanted.has(month) || !entry) continue;
          let perMonth = summaries.get(month as Month);
          if (!perMonth) {
            perMonth = new Map();
            summaries.set(month as Month, perMonth);
          }
          perMonth.set(doc.id, entry);
        }
      }
    }
    return { network: settings, roster: rosterOf(settings), summaries, documentsRead };
  }

  /**
   * Rebuilds one municipality's entries for `months` (all of one year) from its month documents,
   * in a small transaction of its own: a submission landing meanwhile makes it retry instead of
   * being overwritten, and no lock is ever held on more than one municipality's documents.
   */
  async rebuild(network: string, istat: string, months: readonly Month[]): Promise<Counts> {
    const year = yearOf(months[0] as Month);
    if (months.some((m) => yearOf(m) !== year)) throw new Error("rebuild: months of one year only");
    const summaryRef = this.paths.yearSummary(network, year, istat);
    const monthRefs = months.map((m) => this.paths.month(network, istat, m));
    const codesRef = this.paths.procedureCodes(network, istat);
    return this.paths.db.runTransaction(
      async (tx) => {
        const [summarySnap, codesSnap, ...monthSnaps] = await tx.getAll(
          summaryRef,
          codesRef,
          ...monthRefs,
        );
        const current = toYearSummary(summarySnap?.data());
        // Months stored before the procedure codes were kept get there too (cards need them).
        let codes = toProcedureCodes(codesSnap?.data());
        let codesChanged: ReturnType<typeof withMonthCodes> = null;
        const next: YearSummary = { ...current };
        months.forEach((month, i) => {
          const snap = monthSnaps[i];
          // The justify-or-correct ledger is not in the month document: keep it.
          const { justified, corrected } = current[month] ?? {};
          if (snap?.exists) {
            const stored = snap.data() as StoredMonth;
            const added = withMonthCodes(
              istat,
              codes,
              month,
              stored.procedures.map((p) => p.code),
            );
            if (added) {
              codesChanged = added;
              codes = toProcedureCodes(added);
            }
            next[month] = {
              ...summariseMonth(stored),
              ...(justified ? { justified } : {}),
              ...(corrected ? { corrected } : {}),
            };
          } else delete next[month];
        });
        const stored = storedYearSummary(istat, year, next);
        const unchanged = summarySnap?.exists
          ? (summarySnap.data() as StoredYearSummary).months === stored.months
          : Object.keys(next).length === 0;
        if (!unchanged) tx.set(summaryRef, stored);
        if (codesChanged) tx.set(codesRef, codesChanged);
        return {
          documentsRead: 2 + months.length,
          documentsWritten: (unchanged ? 0 : 1) + (codesChanged ? 1 : 0),
        };
      },
      { maxAttempts: 10 },
    );
  }
}
