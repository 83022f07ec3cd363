import type { DataQualityWarning } from "./data-quality.js";
import type { Month } from "./period.js";
import { shortId } from "./short-id.js";

/**
 * The justify-or-correct loop (DESIGN §12). Every remark has an id derived from its month, its
 * code and what it is about (the row's procedure code and field, not the row's position), so the
 * same remark made again on a new revision keeps its id; staff answer it with a justification, or
 * correct the value so that the next revision no longer makes it.
 */
export type WarningState = "open" | "justified" | "corrected";

export function warningId(month: Month, code: string, subject: string): string {
  return shortId(`${month}|${code}|${subject}`);
}

/** Remarks stored before ids existed get one from their path (their row position then). */
export function idOfWarning(month: Month, warning: DataQualityWarning): string {
  return warning.id ?? warningId(month, warning.code, warning.path.join("/"));
}

export interface Justification {
  by: string;
  at: string;
}

/** What a month's shard entry keeps of the loop; small, because a year of it rides in a shard. */
export interface WarningLedger {
  /** Ids justified, with author and time (the text and its history are in `…/justifications`). */
  justified?: Record<string, Justification>;
  /** Remarks of earlier revisions that the current one no longer makes: corrected. */
  corrected?: DataQualityWarning[];
}

/** Corrected remarks kept per month; older ones are dropped first. */
export const MAX_CORRECTED = 20;

/**
 * The ledger after a new revision: the previous revision's remarks that the new one no longer
 * makes join the corrected ones; a corrected remark made again is open (or justified) again.
 * Justifications stay with their id, so a remark that comes back keeps its answer.
 */
export function nextLedger(
  month: Month,
  previous: WarningLedger | undefined,
  before: readonly DataQualityWarning[],
  after: readonly DataQualityWarning[],
): WarningLedger {
  const now = new Set(after.map((w) => idOfWarning(month, w)));
  const corrected = new Map<string, DataQualityWarning>();
  for (const w of [...(previous?.corrected ?? []), ...before]) {
    const id = idOfWarning(month, w);
    if (!now.has(id)) corrected.set(id, { ...w, id });
  }
  return {
    ...(previous?.justified ? { justified: previous.justified } : {}),
    ...(corrected.size > 0 ? { corrected: [...corrected.values()].slice(-MAX_CORRECTED) } : {}),
  };
}

export interface StatedWarning extends DataQualityWarning {
  id: string;
  state: WarningState;
  justifiedBy?: string;
  justifiedAt?: string;
}

/** A month's remarks with their state: the current ones open or justified, then the corrected. */
export function statedWarnings(
  month: Month,
  current: readonly DataQualityWarning[],
  ledger: WarningLedger,
): StatedWarning[] {
  const justified = ledger.justified ?? {};
  const stated = current.map((w): StatedWarning => {
    const id = idOfWarning(month, w);
    const answer = justified[id];
    return answer
      ? { ...w, id, state: "justified", justifiedBy: answer.by, justifiedAt: answer.at }
      : { ...w, id, state: "open" };
  });
  const corrected = (ledger.corrected ?? []).map(
    (w): StatedWarning => ({ ...w, id: idOfWarning(month, w), state: "corrected" }),
  );
  return [...stated, ...corrected];
}
