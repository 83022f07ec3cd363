import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MAX_SUMMARY_NOTES,
  summariseMonth,
} from "../../functions/src/domain/indicators/month-summary.js";
import type { ReportingPeriod } from "../../functions/src/domain/reporting-period.js";
import { parseReportingPeriod } from "../../functions/src/domain/reporting-period.js";
import { buildPeriodReport } from "../../functions/src/services/publish-report.js";
import { createStores } from "../../functions/src/store/stores.js";
import { seedSmallNetwork, startTestStack, type TestStack } from "../support/test-stack.js";

let stack: TestStack;
let seeded: Awaited<ReturnType<typeof seedSmallNetwork>>;
const march = parseReportingPeriod("2025-03") as ReportingPeriod;

beforeAll(async () => {
  stack = await startTestStack();
  seeded = await seedSmallNetwork(stack);
  const coordinator = await stack.token(stack.coordinator);
  // No service figures: the month gets one remark, "no-service-metrics".
  const res = await stack.call("PUT", `/v1/municipalities/${seeded.rho}/months/2025-03`, {
    token: coordinator,
    body: { procedures: [{ code: "A", name: "CIE", area: "anagrafe", total: 10, desk: 5 }] },
  });
  expect(res.body.warnings.map((w: { code: string }) => w.code)).toEqual(["no-service-metrics"]);
});
afterAll(async () => stack?.stop());

describe("the data-quality notes of a published report", () => {
  it("come from the summary shards: no month document is read", async () => {
    const built = await buildPeriodReport(createStores(stack.db), stack.network, march);
    expect(built?.report.notes.map((n) => [n.istat, n.code])).toEqual([
      [seeded.rho, "no-service-metrics"],
    ]);
    // The network document, one query per year touched (2023–2025), one shard each at most, and
    // the card index query (cardsCurrent), billed one read though it returns nothing here.
    expect(built?.documentsRead).toBe(1 + 1 + 1 + 1 + 1);
  });

  it("come from the month document when its shard was written before shards kept them", async () => {
    const shard = stack.db.doc(
      `networks/${stack.network}/summaryYears/2025/summaries/${seeded.rho}`,
    );
    const months = JSON.parse((await shard.get()).data()?.months);
    delete months["2025-03"].notes;
    await shard.update({ months: JSON.stringify(months) });
    const built = await buildPeriodReport(createStores(stack.db), stack.network, march);
    expect(built?.report.notes.map((n) => [n.istat, n.code])).toEqual([
      [seeded.rho, "no-service-metrics"],
    ]);
    // …plus Rho's March, read for its warnings only (Este sent no March: nothing to read).
    expect(built?.documentsRead).toBe(5 + 1);
  });

  it("keeps at most MAX_SUMMARY_NOTES remarks per month in a shard, and counts the rest", () => {
    const warning = {
      severity: "info" as const,
      code: "procedure-missing" as const,
      path: ["procedures"],
      message: "Il procedimento X manca.",
    };
    const entry = summariseMonth({
      municipality: seeded.rho,
      month: "2025-03",
      revision: 1,
      submittedAt: "2025-04-01T08:00:00.000Z",
      submittedBy: "x@poli-net.test",
      firstSubmittedAt: "2025-04-01T08:00:00.000Z",
      procedures: [],
      service: {},
      warnings: Array.from({ length: 25 }, () => warning),
    });
    expect(entry.notes).toHaveLength(MAX_SUMMARY_NOTES);
    expect(entry.notesOmitted).toBe(25 - 20);
  });
});
