import type { Firestore } from "@google-cloud/firestore";
import { summariseMonth } from "../../functions/src/domain/indicators/month-summary.js";
import { DEFAULT_NETWORK_SETTINGS } from "../../functions/src/domain/network.js";
import type { Month } from "../../functions/src/domain/period.js";
import { Paths } from "../../functions/src/store/paths.js";
import {
  storedYearSummary,
  type YearSummary,
  yearOf,
} from "../../functions/src/store/summary-store.js";
import { AREAS, istatOf, syntheticMonths } from "./synthetic.js";

export const benchStaffEmail = (network: string, istat: string) =>
  `staff-${istat}@${network}.bench.test`;

/**
 * A benchmark network written straight into Firestore: seeding is not what is measured. The
 * roster of `size` municipalities, the areas, one staff member per municipality
 * (`benchStaffEmail`), and optionally every municipality's month summaries for
 * `summaryMonths` as if all had submitted.
 */
export async function seedBenchNetwork(
  db: Firestore,
  network: string,
  size: number,
  summaryMonths: readonly Month[] = [],
): Promise<{ istats: string[]; largestShardBytes: number }> {
  const paths = new Paths(db);
  const istats = Array.from({ length: size }, (_, i) => istatOf(i));
  await paths.network(network).set({
    ...DEFAULT_NETWORK_SETTINGS,
    areas: Object.fromEntries(AREAS.map((code) => [code, { name: code }])),
    municipalities: Object.fromEntries(
      istats.map((istat, i) => [
        istat,
        { name: `Comune ${i}`, province: "MI", population: 5000 + i },
      ]),
    ),
  });
  const writer = db.bulkWriter();
  for (const istat of istats) {
    writer.set(paths.member(benchStaffEmail(network, istat)), {
      network,
      role: "staff",
      municipality: istat,
    });
  }
  const small = syntheticMonths(11, 150);
  let largestShardBytes = 0;
  const years = [...new Set(summaryMonths.map(yearOf))];
  for (const year of years) {
    const months = summaryMonths.filter((m) => yearOf(m) === year);
    for (const istat of istats) {
      const entries: YearSummary = {};
      for (const m of months) entries[m] = summariseMonth(small(istat, m));
      const stored = storedYearSummary(istat, year, entries);
      largestShardBytes = Math.max(largestShardBytes, stored.months.length);
      writer.set(paths.yearSummary(network, year, istat), stored);
    }
  }
  await writer.close();
  return { istats, largestShardBytes };
}
