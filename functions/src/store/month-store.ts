import type { Caller } from "../domain/caller.js";
import { validateMonthBody } from "../domain/month-validation.js";
import type { Municipality } from "../domain/municipality.js";
import type { Month } from "../domain/period.js";
import type { StoredMonth } from "../domain/stored-month.js";
import { decideSubmission, type SubmissionDecision } from "../domain/submission.js";
import type { ValidationIssue } from "../domain/validation-issue.js";
import { toNetworkDocument } from "./network-store.js";
import type { Paths } from "./paths.js";

export type SubmissionOutcome =
  | Exclude<SubmissionDecision, { kind: "store" | "unchanged" }>
  /** `population` rides along (already read) for the indicators of the response. */
  | { kind: "unchanged"; current: StoredMonth; population: number | undefined }
  | { kind: "stored"; stored: StoredMonth; population: number | undefined }
  | { kind: "invalid"; issues: ValidationIssue[] }
  | { kind: "unknown-municipality" };

export interface SubmissionInput {
  caller: Caller;
  municipality: string;
  month: Month;
  body: unknown;
}

/**
 * Optimistic transactions abort when another submission to the same month commits first; the
 * client retries. Twenty colleagues pressing "Invia" at once must all get through.
 */
const MAX_ATTEMPTS = 30;

export class MonthStore {
  constructor(
    private readonly paths: Paths,
    private readonly clock: () => Date,
  ) {}

  /**
   * One transaction per submission (DESIGN §5): one batched read of the network (settings, areas),
   * the municipality and the month; one commit writing the new month and, when there was one, the
   * previous revision into the history.
   */
  async submit(input: SubmissionInput): Promise<SubmissionOutcome> {
    const { caller, municipality, month } = input;
    const network = caller.network;
    const refs = {
      network: this.paths.network(network),
      municipality: this.paths.municipality(network, municipality),
      month: this.paths.month(network, municipality, month),
    };
    return this.paths.db.runTransaction(
      async (tx): Promise<SubmissionOutcome> => {
        const [networkSnap, municipalitySnap, monthSnap] = await tx.getAll(
          refs.network,
          refs.municipality,
          refs.month,
        );
        const settings = toNetworkDocument(networkSnap?.data());
        if (!settings || !municipalitySnap?.exists) return { kind: "unknown-municipality" };
        const validation = validateMonthBody(input.body, {
          areas: new Set(Object.keys(settings.areas)),
        });
        if (!validation.ok) return { kind: "invalid", issues: validation.issues };
        const current = monthSnap?.exists ? (monthSnap.data() as StoredMonth) : null;
        const decision = decideSubmission(
          { caller, municipality, month, body: validation.body, settings, now: this.clock() },
          current,
        );
        const population = (municipalitySnap.data() as Municipality).population;
        if (decision.kind === "unchanged") return { ...decision, population };
        if (decision.kind !== "store") return decision;
        if (current)
          tx.create(this.paths.revision(network, municipality, month, current.revision), current);
        tx.set(refs.month, decision.next);
        return { kind: "stored", stored: decision.next, population };
      },
      { maxAttempts: MAX_ATTEMPTS },
    );
  }

  async get(network: string, istat: string, month: Month): Promise<StoredMonth | null> {
    const snapshot = await this.paths.month(network, istat, month).get();
    return snapshot.exists ? (snapshot.data() as StoredMonth) : null;
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
