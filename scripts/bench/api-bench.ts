import { monthsNeeded } from "../../functions/src/domain/indicators/period-report.js";
import { addMonths, monthOf } from "../../functions/src/domain/period.js";
import { parseReportingPeriod } from "../../functions/src/domain/reporting-period.js";
import { createStores } from "../../functions/src/store/stores.js";
import { startStack } from "../local/stack.js";
import { countRpcs } from "./rpc-counter.js";
import { benchStaffEmail, seedBenchNetwork } from "./seed-network.js";
import { syntheticMonths } from "./synthetic.js";

export interface ApiRow {
  what: string;
  medianMs: number;
  calls: string;
  documentsRead: number;
  documentsWritten: number;
}

export const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const callsOf = (calls: Record<string, number>) =>
  Object.entries(calls)
    .map(([method, n]) => `${method}×${n}`)
    .join(" ");

/**
 * Through the API and the Firestore engine in use: a 300-procedure submission, and GETs of a
 * month, quarter and year of indicators over a network of `networkSize` municipalities whose
 * summaries are filled for two years. Documents read by a GET come from the store's own count
 * (queries do not name their documents), bytes from the shards read.
 */
export async function apiBench(
  networkSize: number,
  log: (line: string) => void,
): Promise<ApiRow[]> {
  const stack = await startStack({ port: 0, demo: false, projectId: `bench-${Date.now()}` });
  const rpc = countRpcs(stack.db);
  const rows: ApiRow[] = [];
  try {
    const month = addMonths(monthOf(new Date()), -1);
    const year = parseReportingPeriod(month.slice(0, 4));
    if (!year) throw new Error("year");
    const seeded = await seedBenchNetwork(stack.db, stack.network, networkSize, monthsNeeded(year));
    log(
      `  seeded ${networkSize} municipalities × ${monthsNeeded(year).length} month summaries; largest shard ${(seeded.largestShardBytes / 1024).toFixed(1)} KiB`,
    );
    const staff = seeded.istats[0] as string;
    const token = await stack.tokens.sign({ email: benchStaffEmail(stack.network, staff) });
    const call = async (method: string, path: string, body?: unknown) => {
      const start = performance.now();
      const response = await fetch(`${stack.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      if (response.status !== 200)
        throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
      return { ms: performance.now() - start, bytes: text.length };
    };
    const measure = async (
      what: string,
      runs: number,
      action: (i: number) => Promise<{ ms: number; bytes: number }>,
      documentsRead?: number,
    ) => {
      const times: number[] = [];
      let bytes = 0;
      rpc.reset();
      for (let i = 0; i < runs; i++) {
        const result = await action(i);
        times.push(result.ms);
        bytes = result.bytes;
      }
      rows.push({
        what: `${what}, response ${(bytes / 1024).toFixed(0)} KiB`,
        medianMs: median(times),
        calls: callsOf(
          Object.fromEntries(Object.entries(rpc.counts.calls).map(([m, n]) => [m, n / runs])),
        ),
        documentsRead: documentsRead ?? rpc.counts.documentsRead / runs,
        documentsWritten: rpc.counts.documentsWritten / runs,
      });
      log(`  ${what}: median ${median(times).toFixed(1)} ms`);
    };

    const make = syntheticMonths(7, 300);
    await measure(`PUT month, 300 procedures (${networkSize} municipalities)`, 5, (i) => {
      const { procedures, service } = make(staff, month);
      return call("PUT", `/v1/municipalities/${staff}/months/${month}`, {
        procedures,
        service: { ...service, visits: (service.visits ?? 0) + i },
      });
    });
    const stores = createStores(stack.db);
    for (const key of [
      month,
      `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5)) / 3)}`,
      month.slice(0, 4),
    ]) {
      const period = parseReportingPeriod(key);
      if (!period) throw new Error(key);
      const read = await stores.summaries.read(stack.network, monthsNeeded(period));
      // What the add-on asks (its own municipality, the network whole), then the full answer where
      // it is under the response limit.
      const queries = ["?municipalities=own", ...(networkSize <= 5000 ? [""] : [])];
      for (const query of queries) {
        await measure(
          `GET /v1/indicators/${key}${query} (${networkSize} municipalities)`,
          networkSize > 2000 ? 2 : 5,
          () => call("GET", `/v1/indicators/${key}${query}`),
          read?.documentsRead,
        );
      }
    }
  } finally {
    await stack.stop();
  }
  return rows;
}
