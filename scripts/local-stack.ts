/**
 * `npm start`: the POLI-NET back end on this machine, no Google account needed.
 *   PORT (8080) · JOBS_PORT (PORT + 1) · POLINET_DATA_DIR (.polinet) · POLINET_COORDINATOR
 *   POLINET_DEMO=0 to skip demo data · POLINET_COMPACT_EVERY (10000 commits per snapshot)
 * SIGINT/SIGTERM/SIGHUP: stop accepting, answer the requests in flight (30 s at most), save, exit 0.
 */
import { resolve } from "node:path";
import { addMonths, monthOf } from "../functions/src/domain/period.js";
import { startStack } from "./local/stack.js";

const port = Number(process.env.PORT ?? 8080);
// Port 0 (tests) picks free ports for both servers.
const jobsPort = Number(process.env.JOBS_PORT ?? (port === 0 ? 0 : port + 1));
const dataDir = resolve(process.env.POLINET_DATA_DIR ?? ".polinet");
const log = (line: string) => console.log(line);

let stopping = false;
async function shutdown(reason: string) {
  // Ctrl-C reaches this process twice under npm (from the terminal, and forwarded by npm).
  if (stopping) return;
  stopping = true;
  try {
    // A signal during start-up (demo data loading) waits for it: never half a demo network.
    const stack = await starting;
    // stop() stops listening before it returns: the line below is never printed while a new
    // connection could still be accepted.
    const stopped = stack.stop();
    console.log(`\n${reason}: no new connections; finishing the requests in flight, then saving…`);
    await stopped;
  } catch (err) {
    console.error("Stopping failed:", err);
    process.exit(1);
  }
  console.log("Stopped.");
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => void shutdown(signal));
}

// Under `npm start`, npm is the parent (the script execs node in place of its shell). If npm is
// killed outright it cannot pass a signal on, and this process would keep the port: notice the
// new parent and stop.
if (process.env.npm_lifecycle_event === "start") {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void shutdown(`npm (pid ${parent}) is gone`);
  }, 500).unref();
}

const starting = startStack({
  port,
  jobsPort,
  dataDir,
  demo: process.env.POLINET_DEMO !== "0",
  log,
  ...(process.env.POLINET_COMPACT_EVERY
    ? { compactEntries: Number(process.env.POLINET_COMPACT_EVERY) }
    : {}),
  ...(process.env.POLINET_COORDINATOR ? { coordinator: process.env.POLINET_COORDINATOR } : {}),
});

const stack = await starting;
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

Every write is on disk before it is answered. Ctrl-C stops it after the requests in flight.`);
