import { summariseMonth } from "../domain/indicators/month-summary.js";
import { justificationBodySchema, type StoredJustification } from "../domain/justification.js";
import type { Month } from "../domain/period.js";
import type { StoredMonth } from "../domain/stored-month.js";
import type { ValidationIssue } from "../domain/validation-issue.js";
import { zodIssues } from "../domain/validation-issue.js";
import { idOfWarning } from "../domain/warning-ledger.js";
import type { Paths } from "./paths.js";
import { storedYearSummary, toYearSummary, type YearSummary, yearOf } from "./summary-store.js";

export type JustifyOutcome =
  | { kind: "invalid"; issues: ValidationIssue[] }
  | { kind: "no-month" }
  | { kind: "unknown-warning" }
  | { kind: "corrected" }
  | { kind: "unchanged"; current: StoredJustification }
  | { kind: "stored"; stored: StoredJustification };

export class WarningStore {
  constructor(
    private readonly paths: Paths,
    private readonly clock: () => Date,
  ) {}

  /**
   * One transaction: one batched read of the month (its current remarks), the municipality's
   * shard of that year (the ledger) and the justification; one commit writing the justification,
   * its previous version into `…/revisions`, and the id into the shard's ledger, so that reports,
   * the to-do and the warnings list see it in the shards they already read.
   */
  async justify(input: {
    network: string;
    municipality: string;
    month: Month;
    warningId: string;
    by: string;
    body: unknown;
  }): Promise<JustifyOutcome> {
    const { network, municipality, month, warningId } = input;
    const parsed = justificationBodySchema.safeParse(input.body);
    if (!parsed.success) return { kind: "invalid", issues: zodIssues(parsed.error) };
    const monthRef = this.paths.month(network, municipality, month);
    const shardRef = this.paths.yearSummary(network, yearOf(month), municipality);
    const ref = this.paths.justification(network, municipality, month, warningId);
    return this.paths.db.runTransaction(
      async (tx): Promise<JustifyOutcome> => {
        const [monthSnap, shardSnap, snap] = await tx.getAll(monthRef, shardRef, ref);
        if (!monthSnap?.exists) return { kind: "no-month" };
        const stored = monthSnap.data() as StoredMonth;
        const shard: YearSummary = toYearSummary(shardSnap?.data());
        const entry = shard[month] ?? summariseMonth(stored);
        if (!(stored.warnings ?? []).some((w) => idOfWarning(month, w) === warningId)) {
          const corrected = (entry.corrected ?? []).some(
            (w) => idOfWarning(month, w) === warningId,
          );
          return { kind: corrected ? "corrected" : "unknown-warning" };
        }
        const current = snap?.exists ? (snap.data() as StoredJustification) : null;
        const text = parsed.data.justification;
        if (current?.justification === text) return { kind: "unchanged", current };
        const next: StoredJustification = {
          municipality,
          month,
          warningId,
          justification: text,
          revision: (current?.revision ?? 0) + 1,
          by: input.by,
          at: this.clock().toISOString(),
        };
        if (current) tx.create(this.paths.revisionOf(ref, current.revision), current);
        tx.set(ref, next);
        shard[month] = {
          ...entry,
          justified: { ...entry.justified, [warningId]: { by: next.by, at: next.at } },
        };
        tx.set(shardRef, storedYearSummary(municipality, yearOf(month), shard));
        return { kind: "stored", stored: next };
      },
      { maxAttempts: 10 },
    );
  }

  /** The justifications of a month's remarks, current versions (a few at most). */
  async ofMonth(network: string, istat: string, month: Month): Promise<StoredJustification[]> {
    const snapshot = await this.paths
      .month(network, istat, month)
      .collection("justifications")
      .get();
    return snapshot.docs.map((doc) => doc.data() as StoredJustification);
  }

  /**
   * The shards of one year that hold the remarks and their ledger: one query for the network,
   * one document for a municipality. Bounded by the municipalities, whatever was submitted.
   */
  async shards(network: string, year: string, istat?: string): Promise<Map<string, YearSummary>> {
    if (istat) {
      const snap = await this.paths.yearSummary(network, year, istat).get();
      return new Map(snap.exists ? [[istat, toYearSummary(snap.data())]] : []);
    }
    const snapshot = await this.paths.yearSummaries(network, year).get();
    return new Map(snapshot.docs.map((doc) => [doc.id, toYearSummary(doc.data())]));
  }
}
