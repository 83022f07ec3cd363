/** `tsx scripts/bench/report-only.ts [sizes…]`: the report figures of `npm run bench` alone. */
import { reportBench } from "./report-bench.js";

const sizes = process.argv.slice(2).map(Number);
for (const size of sizes.length > 0 ? sizes : [11, 1000]) {
  console.log(JSON.stringify(await reportBench(size)));
}
