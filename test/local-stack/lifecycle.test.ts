// Stopping the local stack: SIGTERM lets the requests in flight finish and keeps what they wrote;
// killing the `npm start` process, even with SIGKILL, stops the server it started.
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  accepts,
  COORDINATOR,
  client,
  monthWrite,
  NPM_START,
  type StackProcess,
  seedOverApi,
  spawnStack,
} from "./stack-process.js";

const dirs: string[] = [];
const children: StackProcess[] = [];
afterAll(() => {
  for (const stack of children) stack.child.kill("SIGKILL");
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
/** A request on the agent's connections; its status, or 0 when the connection failed. */
function request(
  agent: Agent,
  url: string,
  method: string,
  path: string,
  token?: string,
  body?: object,
): Promise<number> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve) => {
    const outgoing = httpRequest(
      new URL(path, url),
      {
        method,
        agent,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(data ? { "content-type": "application/json" } : {}),
        },
      },
      (response) => {
        response.resume();
        response.once("end", () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.once("error", () => resolve(0));
    outgoing.end(data);
  });
}

const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "polinet-lifecycle-"));
  dirs.push(dir);
  return dir;
};

describe.skipIf(process.env.FIRESTORE_EMULATOR_HOST)("stopping the local stack", () => {
  it("on SIGTERM refuses new connections, answers every request in flight, then has it all on disk", async () => {
    const dataDir = tempDir();
    const stack = await spawnStack(dataDir);
    children.push(stack);
    const token = await seedOverApi(stack.url);
    const shutdownLine = "SIGTERM: no new connections";

    const writes = Array.from({ length: 60 }, (_, i) => monthWrite(i));
    // One open connection per request before any is sent: a connection still waiting in the
    // listen backlog when the server stops listening is reset, and its request never started.
    const agent = new Agent({ keepAlive: true, maxSockets: writes.length });
    await Promise.all(writes.map(() => request(agent, stack.url, "GET", "/healthz")));
    let signalled = false;
    let answeredDuringShutdown = 0;
    const refusedAfterSignal = stack.waitFor(shutdownLine).then(() => accepts(stack.url));
    const statuses = await Promise.all(
      writes.map(async (write) => {
        const status = await request(agent, stack.url, "PUT", write.path, token, write.body);
        // The first answer means the others are in flight: stop now.
        if (!signalled) signalled = stack.child.kill("SIGTERM");
        if (stack.output().includes(shutdownLine)) answeredDuringShutdown++;
        return status;
      }),
    );
    agent.destroy();
    expect(statuses).toEqual(writes.map(() => 200));
    expect(answeredDuringShutdown).toBeGreaterThan(0);
    expect(await refusedAfterSignal).toBe(false);
    expect(await stack.exited).toBe(0);
    expect(stack.output()).toContain("Stopped.");

    const again = await spawnStack(dataDir);
    children.push(again);
    try {
      const reader = client(again.url);
      const readToken = await reader.token(COORDINATOR);
      for (const write of writes) {
        const answer = await reader.call("GET", write.path, { token: readToken });
        expect([write.path, answer.status, answer.body?.service?.visits]).toEqual([
          write.path,
          200,
          write.visits,
        ]);
      }
    } finally {
      again.child.kill("SIGTERM");
      await again.exited;
    }
  }, 120_000);

  it.each(["SIGKILL", "SIGTERM"] as const)(
    "killing the npm start process with %s stops the server it started and frees the port",
    async (signal) => {
      const stack = await spawnStack(tempDir(), { command: NPM_START });
      children.push(stack);
      expect(await accepts(stack.url)).toBe(true);
      stack.child.kill(signal);
      // The output pipe closes once npm and every process it started have exited.
      await stack.closed;
      expect(stack.output()).toContain("Stopped.");
      expect(await accepts(stack.url)).toBe(false);
    },
    60_000,
  );
});
