import { describe, expect, it } from "vitest";
import type { Caller } from "../../functions/src/domain/caller.js";
import { DEFAULT_NETWORK_SETTINGS } from "../../functions/src/domain/network.js";
import { decideSubmission, type SubmissionRequest } from "../../functions/src/domain/submission.js";

const staff: Caller = { email: "s@rho.test", role: "staff", network: "n", municipality: "015182" };
const coordinator: Caller = { email: "c@n.test", role: "coordinator", network: "n" };
const row = { code: "A", name: "CIE", area: "anagrafe", total: 10, desk: 5 };

function request(overrides: Partial<SubmissionRequest> = {}): SubmissionRequest {
  return {
    caller: staff,
    municipality: "015182",
    month: "2025-03",
    body: { procedures: [row], service: { visits: 3 } },
    settings: DEFAULT_NETWORK_SETTINGS,
    now: new Date("2025-04-05T10:00:00Z"),
    ...overrides,
  };
}

describe("deciding a submission", () => {
  it("stores revision 1, stamped with who and when", () => {
    const decision = decideSubmission(request(), null);
    expect(decision).toMatchObject({
      kind: "store",
      next: {
        revision: 1,
        submittedBy: "s@rho.test",
        submittedAt: "2025-04-05T10:00:00.000Z",
        firstSubmittedAt: "2025-04-05T10:00:00.000Z",
      },
    });
  });

  it("keeps the first submission time across revisions", () => {
    const first = decideSubmission(request(), null);
    if (first.kind !== "store") throw new Error("expected store");
    const later = decideSubmission(
      request({
        body: { procedures: [{ ...row, total: 11 }] },
        now: new Date("2025-04-20T10:00:00Z"),
      }),
      first.next,
    );
    expect(later).toMatchObject({
      kind: "store",
      next: { revision: 2, firstSubmittedAt: "2025-04-05T10:00:00.000Z" },
    });
  });

  it("finds unchanged content whatever the row order or the baseRevision given", () => {
    const twoRows = { procedures: [row, { ...row, code: "B" }] };
    const first = decideSubmission(request({ body: twoRows }), null);
    if (first.kind !== "store") throw new Error("expected store");
    const again = decideSubmission(
      request({ body: { procedures: [...twoRows.procedures].reverse(), baseRevision: 1 } }),
      first.next,
    );
    expect(again.kind).toBe("unchanged");
  });

  it("refuses a baseRevision that is not the stored one", () => {
    const first = decideSubmission(request(), null);
    if (first.kind !== "store") throw new Error("expected store");
    const stored = { ...first.next, revision: 3 };
    expect(
      decideSubmission(request({ body: { procedures: [], baseRevision: 2 } }), stored),
    ).toMatchObject({
      kind: "conflict",
      reason: "stale-base-revision",
    });
    expect(
      decideSubmission(request({ body: { procedures: [], baseRevision: 1 } }), null),
    ).toMatchObject({ kind: "conflict" });
    expect(
      decideSubmission(request({ body: { procedures: [], baseRevision: 0 } }), null).kind,
    ).toBe("store");
  });

  it("locks for staff from lockDays after the month's end, not for the coordinator", () => {
    const afterLock = new Date("2025-06-01T00:00:00Z"); // March ends 1 April; +60 days = 31 May.
    expect(decideSubmission(request({ now: afterLock }), null)).toMatchObject({
      kind: "conflict",
      reason: "locked",
    });
    expect(decideSubmission(request({ now: afterLock, caller: coordinator }), null).kind).toBe(
      "store",
    );
    const shortLock = { ...DEFAULT_NETWORK_SETTINGS, lockDays: 3 };
    expect(decideSubmission(request({ settings: shortLock }), null).kind).toBe("conflict");
  });

  it("refuses future months and months before the network began", () => {
    expect(decideSubmission(request({ month: "2025-05" }), null)).toMatchObject({
      kind: "refused",
      reason: "future",
    });
    expect(decideSubmission(request({ month: "2025-04" }), null).kind).toBe("store");
    expect(
      decideSubmission(request({ month: "2011-03", caller: coordinator }), null),
    ).toMatchObject({
      kind: "refused",
      reason: "before-first-month",
    });
  });
});
