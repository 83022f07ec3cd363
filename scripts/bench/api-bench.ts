import { createStores } from "../../functions/src/api/app.js";
import { summariseMonth } from "../../functions/src/domain/indicators/month-summary.js";
import { monthsNeeded } from "../../functions/src/domain/indicators/period-report.js";
import { DEFAULT_NETWORK_SETTINGS } from "../../functions/src/domain/network.js";
import { addMonths, type Month, monthOf } from "../../functions/src/domain/period.js";
import { parseReportingPeriod } from "../../functions/src/domain/reporting-period.js";
import { Paths } from "../../functions/src/store/paths.js";
import { storedSummary } from "../../functions/src/store/summary-store.js";
import { startStack } from "../local/stack.js";
import { countRpcs } from "./rpc-counter.js";
import { AREAS, istatOf, syntheticMonths } from "./synthetic.js";

export interface ApiRow {
  what: string;
  medianMs: number;
  calls: string;
  documentsRead: number;
  documentsWritten: number;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const callsOf = (calls: Record<string, number>) =>
  Object.entries(calls)
    .map(([method, n]) => `${method}×${n}`)
    .join(" ");

/**
 * Through the API and the local Firestore: submissions of 300 procedures (into a small network and
 * into one of `networkSize` municipalities, whose month summary is large) and GETs of indicators.
 */
export async function apiBench(
  networkSize: number,
  log: (line: string) => void,
): Promise<ApiRow[]> {
  const stack = await startStack({ port: 0, demo: false, projectId: `bench-${Date.now()}` });
  const rpc = countRpcs(stack.db);
  const paths = new Paths(stack.db);
  const rows: ApiRow[] = [];
  try {
    const stores = createStores(stack.db);
    for (const area of AREAS) await stores.networks.putArea(stack.network, area, { name: area });
    // The roster of `networkSize` municipalities, written at once: seeding is not what is measured.
    const network = (await paths.network(stack.network).get()).data() ?? {};
    const municipalities = Object.fromEntries(
      Array.from({ length: networkSize }, (_, i) => [
        istatOf(i),
        { name: `Comune ${i}`, province: "MI", population: 5000 + i },
      ]),
    );
    await paths
      .network(stack.network)
      .set({ ...DEFAULT_NETWORK_SETTINGS, ...network, municipalities });
    const staff = istatOf(0);
    await stores.members.put(stack.network, "bench@poli-net.test", {
      role: "staff",
      municipality: staff,
    });
    const token = (await (
      await fetch(`${stack.url}/dev/token`, {
        method: "POST",
        body: JSON.stringify({ email: "bench@poli-net.test" }),
        headers: { "content-type": "application/json" },
      })
    ).json()) as { token: string };
    const call = async (method: string, path: string, body?: unknown) => {
      const start = performance.now();
      const response = await fetch(`${stack.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token.token}`, "content-type": "application/json" },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      if (response.status !== 200)
        throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
      return performance.now() - start;
    };

    const make = syntheticMonths(7, 300);
    const month = addMonths(monthOf(new Date()), -1);
    const measure = async (what: string, runs: number, action: (i: number) => Promise<number>) => {
      const times: number[] = [];
      rpc.reset();
      for (let i = 0; i < runs; i++) times.push(await action(i));
      rows.push({
        what,
        medianMs: median(times),
        calls: callsOf(
          Object.fromEntries(Object.entries(rpc.counts.calls).map(([m, n]) => [m, n / runs])),
        ),
        documentsRead: rpc.counts.documentsRead / runs,
        documentsWritten: rpc.counts.documentsWritten / runs,
      });
      log(`  ${what}: median ${median(times).toFixed(1)} ms`);
    };

    await measure("PUT month, 300 procedures (summary still small)", 10, (i) => {
      const { procedures, service } = make(staff, month);
      return call("PUT", `/v1/municipalities/${staff}/months/${month}`, {
        procedures,
        service: { ...service, visits: (service.visits ?? 0) + i },
      });
    });

    // Fill a year of month summaries for every municipality, as if all had submitted.
    const year = parseReportingPeriod(month.slice(0, 4));
    if (!year) throw new Error("year");
    const summaryMonths = monthsNeeded(year);
    const small = syntheticMonths(11, 150);
    for (const m of summaryMonths) {
      const entries = Object.fromEntries(
        Object.keys(municipalities).map((istat) => [istat, summariseMonth(small(istat, m))]),
      );
      await paths
        .monthSummary(stack.network, m as Month)
        .set(storedSummary({ month: m as Month, municipalities: entries }));
    }
    log(`  seeded ${summaryMonths.length} month summaries × ${networkSize} municipalities`);

    await measure(
      `PUT month, 300 procedures (summary of ${networkSize} municipalities)`,
      5,
      (i) => {
        const { procedures, service } = make(staff, month);
        return call("PUT", `/v1/municipalities/${staff}/months/${month}`, {
          procedures,
          service: { ...service, visits: (service.visits ?? 0) + 100 + i },
        });
      },
    );
    for (const period of [
      month,
      `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5)) / 3)}`,
      month.slice(0, 4),
    ]) {
      await measure(`GET /v1/indicators/${period} (${networkSize} municipalities)`, 5, () =>
        call("GET", `/v1/indicators/${period}`),
      );
    }
  } finally {
    await stack.stop();
  }
  return rows;
}
