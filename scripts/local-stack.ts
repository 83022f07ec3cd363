/**
 * `npm start`: the POLI-NET back end on this machine, no Google account needed.
 *   PORT (8080) · JOBS_PORT (PORT + 1) · POLINET_DATA_DIR (.polinet) · POLINET_COORDINATOR
 *   POLINET_DEMO=0 to skip demo data
 */
import { resolve } from "node:path";
import { addMonths, monthOf } from "../functions/src/domain/period.js";
import { startStack } from "./local/stack.js";

const port = Number(process.env.PORT ?? 8080);
// Port 0 (tests) picks free ports for both servers.
const jobsPort = Number(process.env.JOBS_PORT ?? (port === 0 ? 0 : port + 1));
const dataDir = resolve(process.env.POLINET_DATA_DIR ?? ".polinet");
const log = (line: string) => console.log(line);

const stack = await startStack({
  port,
  jobsPort,
  dataDir,
  demo: process.env.POLINET_DEMO !== "0",
  log,
  ...(process.env.POLINET_COORDINATOR ? { coordinator: process.env.POLINET_COORDINATOR } : {}),
});

const lastMonth = addMonths(monthOf(new Date()), -1);
console.log(`
POLI-NET local stack on ${stack.url}  (data in ${dataDir})

  Get a token:   curl -s -X POST ${stack.url}/dev/token -H 'Content-Type: application/json' \\
                   -d '{"email":"${stack.coordinator}"}'
  Use it:        TOKEN=$(curl -s -X POST ${stack.url}/dev/token -H 'Content-Type: application/json' \\
                   -d '{"email":"${stack.coordinator}"}' | sed 's/.*"token":"\\([^"]*\\)".*/\\1/')
                 curl -s ${stack.url}/v1/municipalities -H "Authorization: Bearer $TOKEN"
                 curl -s ${stack.url}/v1/municipalities/015182/months/${lastMonth} -H "Authorization: Bearer $TOKEN"
                 curl -s ${stack.url}/v1/indicators/${lastMonth.slice(0, 4)} -H "Authorization: Bearer $TOKEN"
  Monthly job:   curl -s -X POST ${stack.jobsUrl} -H 'Content-Type: application/json' -H "ce-id: run-$(date +%s)" \\
                   -H 'ce-specversion: 1.0' -H 'ce-type: google.cloud.pubsub.topic.v1.messagePublished' \\
                   -H 'ce-source: local' -d '{"message":{"data":""}}'

Ctrl-C stops it; data is saved first.`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: saving data and stopping…`);
  await stack.stop();
  console.log("Stopped.");
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
