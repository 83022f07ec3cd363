import type { Caller } from "./caller.js";
import { canonicalContent, type MonthBody, sameContent } from "./month.js";
import type { NetworkSettings } from "./network.js";
import { compareMonths, isFutureMonth, isLocked, italianMonth, type Month } from "./period.js";
import type { StoredMonth } from "./stored-month.js";

export interface SubmissionRequest {
  caller: Caller;
  municipality: string;
  month: Month;
  body: MonthBody;
  settings: NetworkSettings;
  now: Date;
}

export type SubmissionDecision =
  | { kind: "store"; next: StoredMonth }
  | { kind: "unchanged"; current: StoredMonth }
  | { kind: "refused"; reason: "future" | "before-first-month"; message: string }
  | { kind: "conflict"; reason: "locked" | "stale-base-revision"; message: string };

/**
 * Decides what a submission does to the stored month, given what is stored now. Pure: the store
 * calls it inside the transaction, so the decision and the write see the same document.
 */
export function decideSubmission(
  request: SubmissionRequest,
  current: StoredMonth | null,
): SubmissionDecision {
  const { caller, month, body, settings, now } = request;
  const label = italianMonth(month);
  if (isFutureMonth(month, now)) {
    return {
      kind: "refused",
      reason: "future",
      message: `Il mese di ${label} non è ancora iniziato: non si possono inviare dati futuri.`,
    };
  }
  if (compareMonths(month, settings.firstMonth) < 0) {
    return {
      kind: "refused",
      reason: "before-first-month",
      message: `La rete raccoglie dati da ${italianMonth(settings.firstMonth)}: ${label} è precedente.`,
    };
  }
  const currentRevision = current?.revision ?? 0;
  if (body.baseRevision !== undefined && body.baseRevision !== currentRevision) {
    return {
      kind: "conflict",
      reason: "stale-base-revision",
      message: `I dati di ${label} sono stati modificati da un'altra persona (revisione ${currentRevision}, non ${body.baseRevision}): aggiornare il foglio e riprovare.`,
    };
  }
  const locked = current?.lockedAt !== undefined || isLocked(month, settings.lockDays, now);
  if (caller.role !== "coordinator" && locked) {
    return {
      kind: "conflict",
      reason: "locked",
      message: `Il mese di ${label} è chiuso: sono passati più di ${settings.lockDays} giorni dalla fine del mese. Per correggerlo rivolgersi al coordinatore della rete.`,
    };
  }
  const content = canonicalContent(body);
  if (current && sameContent(current, content)) return { kind: "unchanged", current };
  const submittedAt = now.toISOString();
  return {
    kind: "store",
    next: {
      municipality: request.municipality,
      month,
      revision: currentRevision + 1,
      ...content,
      submittedAt,
      submittedBy: caller.email,
      firstSubmittedAt: current?.firstSubmittedAt ?? submittedAt,
      warnings: [],
      // A coordinator's correction keeps a locked month locked.
      ...(current?.lockedAt ? { lockedAt: current.lockedAt } : {}),
    },
  };
}
