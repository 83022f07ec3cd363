/**
 * `npm run bench`: figures, never assertions.
 *   Engine: network indicators for 1,000…8,000 municipalities × 150 procedures, a month and a year,
 *   each case in its own process (peak memory is the case's own); `networkIndicators` over the
 *   period alone, then `periodReport` (what a GET computes: three periods and the changes).
 *   Cold start: fresh processes importing the built production entry, and the Firestore client's
 *   first read (scripts/bench/cold-start.ts).
 *   API: a 300-procedure submission and indicator GETs through the local stack and Firestore.
 * BENCH_QUICK=1 runs the smallest sizes only.
 */
import { execFileSync } from "node:child_process";
import { apiBench } from "./api-bench.js";
import { coldStart } from "./cold-start.js";

const quick = process.env.BENCH_QUICK === "1";
const sizes = quick ? [1000] : [1000, 2000, 4000, 8000];
const periods = ["2025-01", "2025"];
// `networkIndicators` alone, then `periodReport` ("report").
const cases = ["", "report"].flatMap((mode) => periods.map((period) => [period, mode] as const));

console.log(`Engine (pure domain), 150 procedures per municipality-month, Node ${process.version}`);
console.log(
  "computes          | municipalities | period  | muni-months | first run ms | warm ms | heap MB | peak RSS MB | summarise µs/month",
);
for (const [period, mode] of cases) {
  for (const n of sizes) {
    const out = execFileSync(
      process.execPath,
      ["--expose-gc", "--import", "tsx", "scripts/bench/engine-case.ts", String(n), period, mode],
      {
        encoding: "utf8",
        maxBuffer: 1 << 20,
      },
    );
    const r = JSON.parse(out.trim().split("\n").at(-1) ?? "{}");
    console.log(
      [
        r.computes.padEnd(17),
        String(r.municipalities).padStart(14),
        r.period.padEnd(7),
        String(r.municipalityMonths).padStart(11),
        r.indicatorsMs.toFixed(0).padStart(12),
        r.warmMs.toFixed(0).padStart(7),
        r.indicatorsHeapMB.toFixed(0).padStart(7),
        r.peakRssMB.toFixed(0).padStart(11),
        (r.summarisePerMonthMs * 1000).toFixed(0).padStart(18),
      ].join(" | "),
    );
  }
}

console.log("\nCold start of the production entry, median (min–max) of fresh processes");
await coldStart(quick ? 3 : 7, (line) => console.log(line));

const networkSize = quick ? 100 : 1000;
console.log(
  `\nAPI through the local stack and the local Firestore (network of ${networkSize} municipalities)`,
);
const rows = await apiBench(networkSize, (line) => console.log(line));
console.log("what | median ms | Firestore calls per request | docs read | docs written");
for (const row of rows) {
  console.log(
    `${row.what} | ${row.medianMs.toFixed(1)} | ${row.calls} | ${row.documentsRead} | ${row.documentsWritten}`,
  );
}
