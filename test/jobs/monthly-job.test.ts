import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogSink } from "../../functions/src/services/log.js";
import { createStores } from "../../functions/src/store/stores.js";
import { seedSmallNetwork, startTestStack, type TestStack } from "../support/test-stack.js";

let stack: TestStack;
let seeded: Awaited<ReturnType<typeof seedSmallNetwork>>;

beforeAll(async () => {
  stack = await startTestStack();
  seeded = await seedSmallNetwork(stack);
  const coordinator = await stack.token(stack.coordinator);
  const row = { code: "A", name: "CIE", area: "anagrafe", total: 10, desk: 7 };
  for (const month of ["2025-01", "2025-02", "2025-03"]) {
    await stack.call("PUT", `/v1/municipalities/${seeded.rho}/months/${month}`, {
      token: coordinator,
      body: { procedures: [row] },
    });
  }
});
afterAll(async () => stack?.stop());

/** A Pub/Sub message as Cloud Scheduler publishes it, delivered as a binary-mode CloudEvent. */
function deliver(id: string, time: string) {
  return fetch(stack.jobsUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "ce-id": id,
      "ce-specversion": "1.0",
      "ce-type": "google.cloud.pubsub.topic.v1.messagePublished",
      "ce-source": "//pubsub.googleapis.com/projects/poli-net/topics/monthly-recompute",
      "ce-time": time,
    },
    body: JSON.stringify({
      message: { data: Buffer.from("monthly").toString("base64"), messageId: id },
    }),
  });
}

describe("the monthly job (CloudEvent monthlyRecompute)", () => {
  it("recomputes the closed month, its quarter and year, locks old months and records the run", async () => {
    const lines: string[] = [];
    const restore = setLogSink((line) => lines.push(line));
    const response = await deliver("event-1", "2025-04-11T04:00:00Z").finally(restore);
    // One summary line per network run, as Cloud Logging reads it.
    const summaries = lines
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.message === "Monthly recompute done");
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({
      severity: "INFO",
      network: stack.network,
      month: "2025-03",
    });
    expect(response.status).toBeLessThan(300);
    const run = (await stack.db.doc(`networks/${stack.network}/runs/event-1`).get()).data();
    expect(run).toMatchObject({ status: "done", month: "2025-03", municipalities: 2, errors: [] });
    expect(run?.documentsRead).toBeGreaterThan(0);
    expect(run?.documentsWritten).toBeGreaterThan(0);
    expect(Date.parse(run?.end)).toBeGreaterThanOrEqual(Date.parse(run?.start));
    for (const period of ["2025-03", "2025-Q1", "2025-H1", "2025"]) {
      const report = await createStores(stack.db).periodIndicators.get(stack.network, period);
      expect(report?.period, period).toBe(period);
    }
    // On 11 April January is past its lock date (60 days after 1 February), February is not.
    const month = (m: string) =>
      stack.db.doc(`networks/${stack.network}/municipalities/${seeded.rho}/months/${m}`).get();
    expect((await month("2025-01")).data()?.lockedAt).toBe("2025-04-11T04:00:00.000Z");
    expect((await month("2025-02")).data()?.lockedAt).toBeUndefined();
    expect(run?.monthsLocked).toBe(1);
    // March ends the first quarter, not the semester nor the year: two reports published.
    expect(run?.published).toEqual([
      { period: "2025-03", version: 1, status: "published" },
      { period: "2025-Q1", version: 1, status: "published" },
    ]);
    const versions = await stack.call("GET", "/v1/reports/2025-Q1", {
      token: await stack.token(seeded.rhoStaff),
    });
    expect(versions.body.versions).toEqual([
      { version: 1, publishedAt: "2025-04-11T04:00:00.000Z", by: "monthlyRecompute" },
    ]);
  });

  it("publishes nothing new when another run finds the same content", async () => {
    const response = await deliver("event-2", "2025-04-11T05:00:00Z");
    expect(response.status).toBeLessThan(300);
    const run = (await stack.db.doc(`networks/${stack.network}/runs/event-2`).get()).data();
    expect(run?.published).toEqual([
      { period: "2025-03", version: 1, status: "unchanged" },
      { period: "2025-Q1", version: 1, status: "unchanged" },
    ]);
  });

  it("does no harm when Pub/Sub delivers the same event again", async () => {
    const ref = stack.db.doc(`networks/${stack.network}/runs/event-1`);
    const before = await ref.get();
    const response = await deliver("event-1", "2025-04-11T04:00:00Z");
    expect(response.status).toBeLessThan(300);
    const after = await ref.get();
    expect(after.data()).toEqual(before.data());
    expect(after.updateTime?.isEqual(before.updateTime as never)).toBe(true);
  });
});
