import { randomUUID } from "node:crypto";
import { addMonths, monthOf } from "../../functions/src/domain/period.js";
import { createStores } from "../../functions/src/store/stores.js";
import { startStack } from "../local/stack.js";
import { benchStaffEmail, seedBenchNetwork } from "./seed-network.js";
import { syntheticMonths } from "./synthetic.js";

export interface BurstRow {
  what: string;
  wallMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  statuses: string;
  reporting: number;
}

const quantile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

/**
 * The monthly deadline: `count` municipalities submit the same month (150 procedures each) all at
 * once, against the same submissions sent one after another into a twin network; then a
 * coordinator corrects 50 municipalities' month at once. Every answer is counted by status, and
 * the indicators are read back to check every stored submission is reporting.
 */
export async function burstBench(count: number, log: (line: string) => void): Promise<BurstRow[]> {
  const stack = await startStack({
    port: 0,
    demo: false,
    projectId: `burst-${randomUUID().slice(0, 8)}`,
  });
  const rows: BurstRow[] = [];
  try {
    const month = addMonths(monthOf(new Date()), -1);
    const make = syntheticMonths(3, 150);
    const stores = createStores(stack.db);
    const run = async (
      what: string,
      network: string,
      size: number,
      concurrent: boolean,
      email?: string,
    ) => {
      const { istats } = await seedBenchNetwork(stack.db, network, size);
      if (email) await stores.members.put(network, email, { role: "coordinator" });
      const requests = await Promise.all(
        istats.map(async (istat) => {
          const { procedures, service } = make(istat, month);
          return {
            istat,
            token: await stack.tokens.sign({ email: email ?? benchStaffEmail(network, istat) }),
            body: JSON.stringify({ procedures, service }),
          };
        }),
      );
      const send = async ({ istat, token, body }: (typeof requests)[number]) => {
        const start = performance.now();
        const response = await fetch(`${stack.url}/v1/municipalities/${istat}/months/${month}`, {
          method: "PUT",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body,
        });
        await response.text();
        return { status: response.status, ms: performance.now() - start };
      };
      const started = performance.now();
      const results = concurrent
        ? await Promise.all(requests.map(send))
        : await requests.reduce<Promise<{ status: number; ms: number }[]>>(
            async (done, request) => [...(await done), await send(request)],
            Promise.resolve([]),
          );
      const wallMs = performance.now() - started;
      const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
      const statuses = new Map<number, number>();
      for (const { status } of results) statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const read = await stores.summaries.read(network, [month]);
      const row: BurstRow = {
        what,
        wallMs,
        p50Ms: quantile(sorted, 0.5),
        p95Ms: quantile(sorted, 0.95),
        maxMs: sorted.at(-1) ?? 0,
        statuses: [...statuses].map(([s, n]) => `${s}×${n}`).join(" "),
        reporting: read?.summaries.get(month)?.size ?? 0,
      };
      log(`  ${what}: ${wallMs.toFixed(0)} ms, ${row.statuses}, ${row.reporting} reporting`);
      rows.push(row);
    };
    await run(`${count} submissions one after another`, "bench-sequential", count, false);
    await run(`${count} submissions of the same month at once`, "bench-burst", count, true);
    await run(
      "50 coordinator corrections at once",
      "bench-coordinator",
      50,
      true,
      "coordinator@bench.test",
    ).catch((error) => log(`  coordinator burst failed: ${error}`));
  } finally {
    await stack.stop();
  }
  return rows;
}
