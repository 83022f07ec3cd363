import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MonthSummaryEntry } from "../../functions/src/domain/indicators/month-summary.js";
import { periodReport } from "../../functions/src/domain/indicators/period-report.js";
import { parseReportingPeriod } from "../../functions/src/domain/reporting-period.js";
import { createStores } from "../../functions/src/store/stores.js";
import { startTestStack, type TestStack } from "../support/test-stack.js";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => stack?.stop());

/** A report of `n` municipalities with irregular figures, so that it compresses like a real one. */
function largeReport(n: number, seed: number) {
  const period = parseReportingPeriod("2025-03");
  if (!period) throw new Error("period");
  const roster = Array.from({ length: n }, (_, i) => ({
    istat: String(100000 + i),
    population: 9000 + i,
  }));
  let state = seed;
  const next = (max: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % max;
  };
  const entries = new Map<string, MonthSummaryEntry>();
  for (const { istat } of roster) {
    const total = 100 + next(5000);
    entries.set(istat, {
      parts: { filterRate: [next(total), total], satisfactionRate: [next(90), 90] },
      areas: Object.fromEntries(
        ["anagrafe", "tributi", "servizi-sociali"].map((a) => {
          const t = 10 + next(900);
          return [a, [next(t), t]];
        }),
      ),
      firstSubmittedAt: "2025-04-03T08:00:00.000Z",
      revision: 1,
    });
  }
  return periodReport(period, roster, new Map([["2025-03", entries]]), 10);
}

describe("persisted period indicators", () => {
  it("stores a report larger than a document in chunks and reads back exactly what was stored", async () => {
    const stores = createStores(stack.db);
    const report = largeReport(6000, 7);
    const json = JSON.stringify(report);
    expect(json.length).toBeGreaterThan(4 * 1024 * 1024);
    const first = await stores.periodIndicators.put(stack.network, report);
    expect(first.status).toBe("stored");
    // More than one chunk was needed: the compressed report alone passes 1 MiB.
    expect(first.bytes).toBeGreaterThan(1024 * 1024);
    expect(await stores.periodIndicators.get(stack.network, "2025-03")).toEqual(JSON.parse(json));

    const again = await stores.periodIndicators.put(stack.network, largeReport(6000, 7));
    expect(again).toMatchObject({
      status: "unchanged",
      version: first.version,
      documentsWritten: 0,
    });

    // A changed report replaces the old one and its chunks go.
    const changed = largeReport(6000, 8);
    const second = await stores.periodIndicators.put(stack.network, changed);
    expect(second.version).not.toBe(first.version);
    expect(await stores.periodIndicators.get(stack.network, "2025-03")).toEqual(
      JSON.parse(JSON.stringify(changed)),
    );
    const chunks = await stack.db
      .collection(`networks/${stack.network}/periodIndicators/2025-03/chunks`)
      .get();
    expect(chunks.docs.every((d) => d.id.startsWith(second.version))).toBe(true);
  });
});
