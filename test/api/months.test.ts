import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, monthOf } from "../../functions/src/domain/period.js";
import {
  openMonth,
  sampleMonth,
  seedSmallNetwork,
  startTestStack,
  type TestStack,
} from "../support/test-stack.js";

let stack: TestStack;
let rhoToken: string;
let coordinatorToken: string;
let rho: string;

beforeAll(async () => {
  stack = await startTestStack();
  const seeded = await seedSmallNetwork(stack);
  rho = seeded.rho;
  rhoToken = await stack.token(seeded.rhoStaff);
  coordinatorToken = await stack.token(stack.coordinator);
});
afterAll(async () => stack?.stop());

const monthPath = (istat: string, month: string) => `/v1/municipalities/${istat}/months/${month}`;

describe("PUT and GET a month", () => {
  it("stores a month, returns its indicators, and reads it back with its revision", async () => {
    const month = openMonth();
    const put = await stack.call("PUT", monthPath(rho, month), {
      token: rhoToken,
      body: sampleMonth(),
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ revision: 1, status: "stored", warnings: [] });
    // 100 · (95 + 10) / (120 + 40), worked by hand: a ratio of sums, not a mean of 79.2 % and 25 %.
    expect(put.body.indicators.indicators.filterRate).toEqual({
      value: 65.625,
      numerator: 105,
      denominator: 160,
    });
    expect(put.body.indicators.areas.tributi.filterRate.value).toBe(25);
    expect(put.body.indicators.indicators.satisfactionRate.value).toBeCloseTo(
      (100 * 121) / 140,
      10,
    );
    expect(put.body.indicators.indicators.complaintsPer1000Visits.value).toBeCloseTo(
      3000 / 1800,
      10,
    );
    expect(put.body.indicators.indicators.visitsPer1000Inhabitants.value).toBeCloseTo(
      1_800_000 / 51_000,
      10,
    );

    const get = await stack.call("GET", monthPath(rho, month), { token: rhoToken });
    expect(get.status).toBe(200);
    expect(get.body).toMatchObject({
      municipality: rho,
      month,
      revision: 1,
      submittedBy: "staff@rho.test",
    });
    expect(get.body.procedures).toHaveLength(2);
    expect(get.body.service.openingHoursWeekly).toBe(38);
  });

  it("answers unchanged, without a new revision, when the same content comes again in another row order", async () => {
    const month = addMonths(openMonth(), -1);
    const body = sampleMonth();
    expect(
      (await stack.call("PUT", monthPath(rho, month), { token: coordinatorToken, body })).body
        .revision,
    ).toBe(1);
    const again = await stack.call("PUT", monthPath(rho, month), {
      token: coordinatorToken,
      body: { ...body, procedures: [...body.procedures].reverse() },
    });
    expect(again.body).toMatchObject({ revision: 1, status: "unchanged" });
    const history = await stack.call("GET", `${monthPath(rho, month)}/revisions`, {
      token: coordinatorToken,
    });
    expect(history.body.revisions.map((r: { revision: number }) => r.revision)).toEqual([1]);
  });

  it("keeps every accepted version in the history and refuses a stale baseRevision", async () => {
    const month = addMonths(openMonth(), -2);
    const path = monthPath(rho, month);
    await stack.call("PUT", path, { token: coordinatorToken, body: sampleMonth() });
    const changed = sampleMonth({
      procedures: [
        { code: "ANA-01", name: "Carta d'identità", area: "anagrafe", total: 130, desk: 100 },
      ],
    });
    const second = await stack.call("PUT", path, {
      token: coordinatorToken,
      body: { ...changed, baseRevision: 1 },
    });
    expect(second.body).toMatchObject({ revision: 2, status: "stored" });

    const stale = await stack.call("PUT", path, {
      token: coordinatorToken,
      body: { ...sampleMonth(), baseRevision: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_revision");
    const history = await stack.call("GET", `${path}/revisions`, { token: coordinatorToken });
    expect(history.body.revisions.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);
    expect(history.body.revisions[0].procedures).toHaveLength(2);
    expect(history.body.revisions[1].procedures[0].total).toBe(130);
    expect((await stack.call("GET", path, { token: coordinatorToken })).body.revision).toBe(2);
  });

  it("loses no revision when 20 submissions to one month arrive at once", async () => {
    // The current month: open to staff whatever today is.
    const month = monthOf(new Date());
    const path = monthPath(rho, month);
    // Twenty writers of one document: some may be told 503 with Retry-After when the engine's
    // locks or retries run out (Google's emulator, like production, locks what a transaction
    // read). A client that retries as told must see every one of them stored exactly once.
    const refusals: { status: number; retryAfter: string | null }[] = [];
    const submit = async (i: number) => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const response = await fetch(`${stack.url}${path}`, {
          method: "PUT",
          headers: { authorization: `Bearer ${rhoToken}`, "content-type": "application/json" },
          body: JSON.stringify(
            sampleMonth({
              procedures: [
                { code: "ANA-01", name: "CIE", area: "anagrafe", total: 1000 + i, desk: i },
              ],
            }),
          ),
        });
        const body = (await response.json()) as { revision: number; status: string };
        if (response.status === 200) return body;
        refusals.push({ status: response.status, retryAfter: response.headers.get("retry-after") });
        await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 300));
      }
      throw new Error(`submission ${i} never stored`);
    };
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => submit(i)));
    for (const refusal of refusals) {
      expect(refusal.status).toBe(503);
      expect(refusal.retryAfter).toMatch(/^\d+$/);
    }
    // "unchanged" only if a 503 came from the deadline while its transaction still committed.
    for (const result of results) expect(["stored", "unchanged"]).toContain(result.status);
    expect(results.map((r) => r.revision).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    const history = await stack.call("GET", `${path}/revisions`, { token: rhoToken });
    expect(history.body.revisions).toHaveLength(20);
    const totals = history.body.revisions.map(
      (r: { procedures: { total: number }[] }) => r.procedures[0]?.total,
    );
    expect([...totals].sort()).toEqual(Array.from({ length: 20 }, (_, i) => 1000 + i));
  });
});

describe("dates", () => {
  it("refuses a future month and one before the network's first month, in Italian", async () => {
    const future = addMonths(monthOf(new Date()), 1);
    const put = await stack.call("PUT", monthPath(rho, future), {
      token: coordinatorToken,
      body: sampleMonth(),
    });
    expect(put.status).toBe(400);
    expect(put.body.error.issues[0]).toMatchObject({ path: ["month"] });
    expect(put.body.error.message).toMatch(/non è ancora iniziato/);
    const early = await stack.call("PUT", monthPath(rho, "2011-03"), {
      token: coordinatorToken,
      body: sampleMonth(),
    });
    expect(early.status).toBe(400);
    expect(early.body.error.message).toMatch(/aprile 2011/);
    expect(
      (
        await stack.call("PUT", monthPath(rho, "2011-04"), {
          token: coordinatorToken,
          body: sampleMonth(),
        })
      ).status,
    ).toBe(200);
  });

  it("refuses malformed months in the path", async () => {
    for (const month of ["2025-13", "2025-1", "25-01", "2025-00"]) {
      const put = await stack.call("PUT", monthPath(rho, month), {
        token: rhoToken,
        body: sampleMonth(),
      });
      expect(put.status, month).toBe(400);
    }
  });

  it("locks a month for staff 60 days after it ends; the coordinator may still correct it, in the history", async () => {
    // Four months back ended at least 89 days ago whatever today is.
    const month = addMonths(monthOf(new Date()), -4);
    const path = monthPath(rho, month);
    const staff = await stack.call("PUT", path, { token: rhoToken, body: sampleMonth() });
    expect(staff.status).toBe(409);
    expect(staff.body.error.code).toBe("month_locked");
    expect(staff.body.error.message).toMatch(/è chiuso/);
    const byCoordinator = await stack.call("PUT", path, {
      token: coordinatorToken,
      body: sampleMonth(),
    });
    expect(byCoordinator.status).toBe(200);
    const corrected = await stack.call("PUT", path, {
      token: coordinatorToken,
      body: sampleMonth({ service: { visits: 10 } }),
    });
    expect(corrected.body.revision).toBe(2);
    const history = await stack.call("GET", `${path}/revisions`, { token: rhoToken });
    expect(history.body.revisions.map((r: { submittedBy: string }) => r.submittedBy)).toEqual([
      stack.coordinator,
      stack.coordinator,
    ]);
  });

  it("answers 404 for a month never submitted", async () => {
    const get = await stack.call("GET", monthPath(rho, "2012-01"), { token: rhoToken });
    expect(get.status).toBe(404);
    expect(get.body.error.code).toBe("not_found");
  });
});
