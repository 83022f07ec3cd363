import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, monthOf } from "../../functions/src/domain/period.js";
import { periodsContaining } from "../../functions/src/domain/reporting-period.js";
import { createStores } from "../../functions/src/store/stores.js";
import { yearOf } from "../../functions/src/store/summary-store.js";
import type { EmulatorProcess } from "../../scripts/local/emulator-process.js";
import {
  googlePubSubEmulatorInstalled,
  startGooglePubSubEmulator,
} from "../../scripts/local/google-pubsub-emulator.js";
import {
  sampleMonth,
  seedSmallNetwork,
  startTestStack,
  type TestStack,
} from "../support/test-stack.js";

const installed = googlePubSubEmulatorInstalled();
if (!installed)
  console.log("Google's Pub/Sub emulator is not installed: the Pub/Sub job test is skipped.");

let stack: TestStack;
let pubsub: EmulatorProcess;
let seeded: Awaited<ReturnType<typeof seedSmallNetwork>>;
const PROJECT = "poli-net-test";
const now = new Date();
const closed = addMonths(monthOf(now), -1);
// Four months back always ended more than 60 days ago (the default lock), whatever today is.
const old = addMonths(monthOf(now), -4);

async function pubsubCall(method: string, path: string, body?: unknown) {
  const response = await fetch(`http://${pubsub.host}/v1/projects/${PROJECT}/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json)}`);
  return json;
}

/** The deployed shape: topic → push subscription to the function, retries, dead-letter topic. */
async function wire() {
  await pubsubCall("PUT", "topics/monthly-recompute");
  await pubsubCall("PUT", "topics/monthly-recompute-dead-letter");
  await pubsubCall("PUT", "subscriptions/monthly-recompute-push", {
    topic: `projects/${PROJECT}/topics/monthly-recompute`,
    pushConfig: { pushEndpoint: stack.jobsUrl },
    ackDeadlineSeconds: 60,
    deadLetterPolicy: {
      deadLetterTopic: `projects/${PROJECT}/topics/monthly-recompute-dead-letter`,
      maxDeliveryAttempts: 5,
    },
    retryPolicy: { minimumBackoff: "1s", maximumBackoff: "2s" },
  });
  await pubsubCall("PUT", "subscriptions/dead-letters", {
    topic: `projects/${PROJECT}/topics/monthly-recompute-dead-letter`,
  });
}

async function publish(): Promise<string> {
  const published = await pubsubCall("POST", "topics/monthly-recompute:publish", {
    messages: [{ data: Buffer.from("monthly").toString("base64") }],
  });
  return (published.messageIds as string[])[0] as string;
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  seconds = 45,
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The network's run records of this message, whatever id the framework gave its event. */
async function runsOf(messageId: string) {
  const runs = await stack.db.collection(`networks/${stack.network}/runs`).get();
  return runs.docs.map((d) => d.data()).filter((r) => String(r.eventId).includes(messageId));
}

/** An unreadable summary shard of Rho: every run that touches the closed month fails on it. */
const shard = () =>
  createStores(stack.db).paths.yearSummary(stack.network, yearOf(closed), seeded.rho);

beforeAll(async () => {
  if (!installed) return;
  [stack, pubsub] = await Promise.all([startTestStack(), startGooglePubSubEmulator()]);
  seeded = await seedSmallNetwork(stack);
  const coordinator = await stack.token(stack.coordinator);
  for (const month of [old, closed]) {
    const put = await stack.call("PUT", `/v1/municipalities/${seeded.rho}/months/${month}`, {
      token: coordinator,
      body: sampleMonth(),
    });
    expect(put.status).toBe(200);
  }
  await wire();
});
afterAll(async () => {
  await pubsub?.stop();
  await stack?.stop();
});

describe.skipIf(!installed)("the monthly job through Google's Pub/Sub emulator", () => {
  it("recomputes the closed month, its quarter and year and locks old months when the scheduler publishes", async () => {
    const id = await publish();
    const [run] = await until("a finished run", async () => {
      const runs = await runsOf(id);
      return runs.some((r) => r.status === "done") ? runs : undefined;
    });
    expect(run).toMatchObject({ status: "done", month: closed, attempts: 1, errors: [] });
    const stores = createStores(stack.db);
    for (const period of periodsContaining(closed)) {
      expect((await stores.periodIndicators.get(stack.network, period.key))?.period).toBe(
        period.key,
      );
    }
    const month = (m: string) => stores.months.get(stack.network, seeded.rho, m as never);
    expect((await month(old))?.lockedAt).toBeDefined();
    expect((await month(closed))?.lockedAt).toBeUndefined();
  });

  it("delivers a failed run again until it succeeds, and does nothing twice", async () => {
    await shard().set({ municipality: seeded.rho, year: yearOf(closed), months: "{not json" });
    const id = await publish();
    await until("a failed attempt", async () => {
      const [run] = await runsOf(id);
      return run?.status === "failed" ? run : undefined;
    });
    await shard().delete();
    const [done] = await until("the redelivered run to succeed", async () => {
      const runs = await runsOf(id);
      return runs[0]?.status === "done" ? runs : undefined;
    });
    expect(done?.attempts).toBeGreaterThanOrEqual(2);
    // Delivered again after success (Pub/Sub is at-least-once): the record does not move.
    const attempts = done?.attempts;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await runsOf(id))[0]?.attempts).toBe(attempts);
  });

  it("sends a message that keeps failing to the dead-letter topic after 5 attempts", async () => {
    await shard().set({ municipality: seeded.rho, year: yearOf(closed), months: "{not json" });
    const id = await publish();
    const dead = await until(
      "the message in the dead-letter topic",
      async () => {
        const pulled = await pubsubCall("POST", "subscriptions/dead-letters:pull", {
          maxMessages: 10,
        });
        const messages = (pulled.receivedMessages ?? []) as {
          message: { attributes: Record<string, string> };
        }[];
        return messages.length > 0 ? messages : undefined;
      },
      90,
    );
    expect(dead[0]?.message.attributes.CloudPubSubDeadLetterSourceDeliveryCount).toBe("5");
    const [run] = await runsOf(id);
    expect(run).toMatchObject({ status: "failed", attempts: 5 });
    expect(run?.errors.join(" ")).toMatch(/JSON/);
    await shard().delete();
  });
});
