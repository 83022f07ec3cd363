/**
 * The local stack for the add-on tests, in a process of its own: the add-on harness blocks its
 * thread while UrlFetchApp waits, so the server cannot live there. Prints one JSON line with
 * the URL and the seeded network, and stops when its stdin closes (the test ended or died).
 */
import { seedSmallNetwork, startTestStack } from "../../support/test-stack.js";

const stack = await startTestStack();
const seeded = await seedSmallNetwork(stack);
process.stdout.write(
  `${JSON.stringify({ url: stack.url, coordinator: stack.coordinator, ...seeded })}\n`,
);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await stack.stop();
  process.exit(0);
}
process.stdin.on("close", stop);
process.stdin.on("end", stop);
process.stdin.resume();
process.on("SIGTERM", stop);
