import pMap from "p-map";
import type { Caller } from "../domain/caller.js";
import {
  type DataQualityWarning,
  dataQualityWarnings,
  type MonthOfHistory,
} from "../domain/data-quality.js";
import { summariseMonth } from "../domain/indicators/month-summary.js";
import { validateMonthBody } from "../domain/month-validation.js";
import { addMonths, type Month } from "../domain/period.js";
import type { StoredMonth } from "../domain/stored-month.js";
import { decideSubmission, type SubmissionDecision } from "../domain/submission.js";
import type { ValidationIssue } from "../domain/validation-issue.js";
import { nextLedger } from "../domain/warning-ledger.js";
import { toNetworkDocument } from "./network-store.js";
import type { Paths } from "./paths.js";
import { toProcedureCodes, withMonthCodes } from "./procedure-codes.js";
import { storedYearSummary, toYearSummary, yearOf } from "./summary-store.js";

export type SubmissionOutcome =
  | Exclude<SubmissionDecision, { kind: "store" | "unchanged" }>
  /** `population` rides along (already read) for the indicators of the response. */
  | { kind: "unchanged"; current: StoredMonth; population: number | undefined }
  | { kind: "stored"; stored: StoredMonth; population: number | undefined }
  | { kind: "invalid"; issues: ValidationIssue[] }
  | { kind: "rejected"; warnings: DataQualityWarning[] }
  | { kind: "unknown-municipality" };

export interface SubmissionInput {
  caller: Caller;
  municipality: string;
  month: Month;
  body: unknown;
}

/**
 * A submission contends only with submissions of the same municipality and year (the month, its
 * year summary shard): a few attempts absorb a staff member sending all months at once. Past them
 * the API answers 503 with Retry-After rather than keep the caller waiting.
 */
const MAX_ATTEMPTS = 10;
/** Month documents per batched read of warnings. */
const WARNINGS_BATCH = 500;

export interface MonthWarnings {
  istat: string;
  month: Month;
  warnings: DataQualityWarning[];
}

export class MonthStore {
  constructor(
    private readonly paths: Paths,
    private readonly clock: () => Date,
  ) {}

  /**
   * One transaction per submission (DESIGN §5): one batched read of the network document
   * (settings, areas, roster), the month, the municipality's summary shard of that year and its
   * last 12 months; one commit writing the new month, the previous revision into the history, and
   * the month's entry in the shard, so that indicators are never older than the latest accepted
   * submission. Nothing here is shared with another municipality but the network document, which
   * is only read.
   */
  async submit(input: SubmissionInput): Promise<SubmissionOutcome> {
    const { caller, municipality, month } = input;
    const network = caller.network;
    const refs = {
      network: this.paths.network(network),
      month: this.paths.month(network, municipality, month),
      summary: this.paths.yearSummary(network, yearOf(month), municipality),
      codes: this.paths.procedureCodes(network, municipality),
    };
    // The municipality's last 12 months feed the data-quality remarks; read in the same batch.
    const historyRefs = Array.from({ length: 12 }, (_, i) =>
      this.paths.month(network, municipality, addMonths(month, -1 - i)),
    );
    return this.paths.db.runTransaction(
      async (tx): Promise<SubmissionOutcome> => {
        const [networkSnap, monthSnap, summarySnap, codesSnap, ...historySnaps] = await tx.getAll(
          refs.network,
          refs.month,
          refs.summary,
          refs.codes,
          ...historyRefs,
        );
        const history = historySnaps.filter((s) => s.exists).map((s) => s.data() as MonthOfHistory);
        const settings = toNetworkDocument(networkSnap?.data());
        const entry = settings?.municipalities[municipality];
        if (!settings || !entry) return { kind: "unknown-municipality" };
        const validation = validateMonthBody(input.body, {
          areas: new Set(Object.keys(settings.areas)),
        });
        if (!validation.ok) return { kind: "invalid", issues: validation.issues };
        const current = monthSnap?.exists ? (monthSnap.data() as StoredMonth) : null;
        const decision = decideSubmission(
          { caller, municipality, month, body: validation.body, settings, now: this.clock() },
          current,
        );
        const population = entry.population;
        if (decision.kind === "unchanged") return { ...decision, population };
        if (decision.kind !== "store") return decision;
        const warnings = dataQualityWarnings(month, decision.next, history);
        if (warnings.some((w) => w.severity === "error")) return { kind: "rejected", warnings };
        const next: StoredMonth = { ...decision.next, warnings };
        if (current)
          tx.create(this.paths.revision(network, municipality, month, current.revision), current);
        tx.set(refs.month, next);
        const summary = toYearSummary(summarySnap?.data());
        // Remarks the new revision no longer makes are recorded as corrected (DESIGN §12).
        const ledger = nextLedger(month, summary[month], current?.warnings ?? [], warnings);
        summary[month] = { ...summariseMonth(next), ...ledger };
        tx.set(refs.summary, storedYearSummary(municipality, yearOf(month), summary));
        const codes = withMonthCodes(
          municipality,
          toProcedureCodes(codesSnap?.data()),
          month,
          next.procedures.map((p) => p.code),
        );
        if (codes) tx.set(refs.codes, codes);
        return { kind: "stored", stored: next, population };
      },
      { maxAttempts: MAX_ATTEMPTS },
    );
  }

  async get(network: string, istat: string, month: Month): Promise<StoredMonth | null> {
    const snapshot = await this.paths.month(network, istat, month).get();
    return snapshot.exists ? (snapshot.data() as StoredMonth) : null;
  }

  /**
   * The data-quality remarks stored with the current revision of these municipality-months, for
   * a report whose shards predate the remarks kept in summaries: only the `warnings` field is
   * fetched (a field mask), in batched reads of a few hundred documents.
   */
  async warnings(
    network: string,
    keys: readonly { istat: string; month: Month }[],
  ): Promise<{ found: MonthWarnings[]; documentsRead: number }> {
    const batches: { istat: string; month: Month }[][] = [];
    for (let at = 0; at < keys.length; at += WARNINGS_BATCH)
      batches.push(keys.slice(at, at + WARNINGS_BATCH));
    const found: MonthWarnings[] = [];
    await pMap(
      batches,
      async (batch) => {
        const refs = batch.map(({ istat, month }) => this.paths.month(network, istat, month));
        const snapshots = await this.paths.db.getAll(...refs, { fieldMask: ["warnings"] });
        snapshots.forEach((snapshot, i) => {
          const warnings = (snapshot.data() as Partial<StoredMonth> | undefined)?.warnings;
          const key = batch[i];
          if (key && warnings && warnings.length > 0) found.push({ ...key, warnings });
        });
      },
      { concurrency: 4 },
    );
    return { found, documentsRead: keys.length };
  }

  /** Every accepted version, oldest first: the history documents and the current month. */
  async revisions(network: string, istat: string, month: Month): Promise<StoredMonth[]> {
    const [history, current] = await Promise.all([
      this.paths.revisions(network, istat, month).get(),
      this.get(network, istat, month),
    ]);
    const all = history.docs.map((doc) => doc.data() as StoredMonth);
    if (current) all.push(current);
    return all.sort((a, b) => a.revision - b.revision);
  }
}
