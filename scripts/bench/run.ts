/**
 * `npm run bench`: figures, never assertions.
 *   Engine: network indicators for 1,000…8,000 municipalities × 150 procedures, a month and a year,
 *   each case in its own process (peak memory is the case's own); `networkIndicators` over the
 *   period alone, then `periodReport` (what a GET computes: three periods and the changes).
 *   Cold start: fresh processes importing the built production entry, and the Firestore client's
 *   first read (scripts/bench/cold-start.ts).
 *   API: a 300-procedure submission and indicator GETs through the local stack and Firestore.
 *   Journal: what the local Firestore's durability (fdatasync before each answer) costs a commit.
 *   Reports: a year's report built and published for 11 and 1,000 municipalities.
 *   Cards and to-do: the largest documents issue 11 adds, and a coordinator's to-do.
 *   Forecast: rolling-origin backtest of the load forecast against the seasonal-naive baseline.
 * BENCH_QUICK=1 runs the smallest sizes only.
 */
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import {
  googleFirestoreEmulatorInstalled,
  startGoogleFirestoreEmulator,
} from "../local/google-firestore-emulator.js";
import { apiBench } from "./api-bench.js";
import { burstBench } from "./burst-bench.js";
import { todoBench, worstDocumentBytes } from "./cards-bench.js";
import { coldStart } from "./cold-start.js";
import { forecastBacktest } from "./forecast-backtest.js";
import { journalBench } from "./journal-bench.js";
import { reportBench } from "./report-bench.js";

const quick = process.env.BENCH_QUICK === "1";
const sizes = quick ? [1000] : [1000, 2000, 4000, 8000];
const periods = ["2025-01", "2025"];
// `networkIndicators` alone, then `periodReport` ("report").
const cases = ["", "report"].flatMap((mode) => periods.map((period) => [period, mode] as const));

forecastBacktest();
console.log(
  "\nLargest documents of cards and the justify-or-correct loop (Firestore's limit: 1,048,576 bytes)",
);
console.log("document | bytes");
for (const { what, bytes } of worstDocumentBytes()) console.log(`${what} | ${bytes}`);
console.log();
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
console.log(
  "\nThe HTML report of a year (model from summaries, then the page with its 8 SVG charts); the Sheets sink's one batchUpdate",
);
console.log(
  "municipalities | model ms | first page ms | warm page ms | page KB | Sheets requests | batchUpdate KB | peak RSS MB",
);
for (const n of [11, 1000]) {
  const out = execFileSync(
    process.execPath,
    ["--import", "tsx", "scripts/bench/report-html-case.ts", String(n)],
    { encoding: "utf8", maxBuffer: 1 << 20 },
  );
  const r = JSON.parse(out.trim().split("\n").at(-1) ?? "{}");
  console.log(
    [
      String(r.municipalities).padStart(14),
      r.modelMs.toFixed(0).padStart(8),
      r.firstHtmlMs.toFixed(0).padStart(13),
      r.warmHtmlMs.toFixed(0).padStart(12),
      r.htmlKB.toFixed(0).padStart(7),
      String(r.sheetsRequests).padStart(15),
      r.sheetsBodyKB.toFixed(0).padStart(14),
      r.peakRssMB.toFixed(0).padStart(11),
    ].join(" | "),
  );
}

// Storage through the API on each engine: the embedded one, then Google's emulator when installed
// (FIRESTORE_EMULATOR_HOST makes the local stack use it).
const engines: { name: string; start: () => Promise<{ stop(): Promise<void> } | null> }[] = [
  { name: "embedded Firestore", start: async () => null },
];
if (googleFirestoreEmulatorInstalled()) {
  engines.push({
    name: "Google's Firestore emulator",
    start: async () => {
      const emulator = await startGoogleFirestoreEmulator();
      process.env.FIRESTORE_EMULATOR_HOST = emulator.host;
      return {
        stop: async () => {
          delete process.env.FIRESTORE_EMULATOR_HOST;
          await emulator.stop();
        },
      };
    },
  });
} else {
  console.log(
    "\nGoogle's Firestore emulator is not installed here: storage figures are the embedded engine's only.",
  );
}
const burstSize = quick ? 50 : 200;
const networkSizes = quick ? [11, 100] : [11, 1000, 8000];
for (const engine of engines) {
  const running = await engine.start();
  try {
    console.log(
      `\nDeadline burst on ${engine.name}: ${burstSize} municipalities, 150 procedures each`,
    );
    const bursts = await burstBench(burstSize, (line) => console.log(line));
    console.log("what | wall ms | p50 ms | p95 ms | max ms | statuses | reporting after");
    for (const r of bursts) {
      console.log(
        `${r.what} | ${r.wallMs.toFixed(0)} | ${r.p50Ms.toFixed(0)} | ${r.p95Ms.toFixed(0)} | ${r.maxMs.toFixed(0)} | ${r.statuses} | ${r.reporting}`,
      );
    }
    console.log(
      `\nA year's report on ${engine.name} (build: pure, median of 3; publish: read, build, freeze)`,
    );
    console.log(
      "municipalities | build ms | publish ms | docs read | docs written | JSON KiB | gzip KiB | again: ms, read, written",
    );
    for (const size of [11, 1000]) {
      const r = await reportBench(size);
      console.log(
        `${r.municipalities} | ${r.buildMs.toFixed(0)} | ${r.publishMs.toFixed(0)} | ${r.documentsRead} (${r.batchGetDocuments} by key) | ${r.documentsWritten} | ${r.jsonKiB.toFixed(0)} | ${r.gzipKiB.toFixed(0)} | ${r.unchangedMs.toFixed(0)}, ${r.unchangedRead}, ${r.unchangedWritten}`,
      );
    }
    console.log(
      `\nA coordinator's to-do (GET /v1/me/todo, GET /v1/reminders) on ${engine.name}, 24 months of summaries`,
    );
    console.log("municipalities | median ms | docs read");
    for (const size of [11, 1000]) {
      const r = await todoBench(size);
      console.log(`${r.municipalities} | ${r.medianMs.toFixed(0)} | ${r.documentsRead}`);
    }
    for (const size of networkSizes) {
      console.log(`\nAPI on ${engine.name}, network of ${size} municipalities`);
      const rows = await apiBench(size, (line) => console.log(line));
      console.log("what | median ms | Firestore calls per request | docs read | docs written");
      for (const row of rows) {
        console.log(
          `${row.what} | ${row.medianMs.toFixed(1)} | ${row.calls} | ${row.documentsRead} | ${row.documentsWritten}`,
        );
      }
    }
  } finally {
    await running?.stop();
  }
}

console.log(
  `\nLocal Firestore journal: fdatasync before each commit's answer, in ${tmpdir()} (a month: 150 procedures)`,
);
console.log(
  "what | line bytes | writers | commits | median µs/commit | p95 µs/commit | commits/s | commits per fdatasync",
);
for (const row of await journalBench(quick)) {
  console.log(
    [
      row.what,
      row.lineBytes,
      row.writers,
      row.commits,
      row.medianUs.toFixed(0),
      row.p95Us.toFixed(0),
      row.commitsPerSecond.toFixed(0),
      row.commitsPerSync?.toFixed(1) ?? "",
    ].join(" | "),
  );
}
