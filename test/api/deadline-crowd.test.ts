import { http } from "@google-cloud/functions-framework";
import { getTestServer } from "@google-cloud/functions-framework/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApi } from "../../functions/src/api/app.js";
import { createFirestore } from "../../functions/src/store/firestore.js";
import { createStores } from "../../functions/src/store/stores.js";
import { benchStaffEmail, seedBenchNetwork } from "../../scripts/bench/seed-network.js";
import { openMonth, startTestStack, type TestStack } from "../support/test-stack.js";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => stack?.stop());

const CROWD = 200;

describe("the monthly deadline", () => {
  it(`stores all ${CROWD} municipalities submitting the same month at once, and every one reports`, async () => {
    const network = "crowd";
    const { istats } = await seedBenchNetwork(stack.db, network, CROWD);
    const month = openMonth();
    const tokens = await Promise.all(
      istats.map((istat) => stack.tokens.sign({ email: benchStaffEmail(network, istat) })),
    );
    // Each municipality's own figures, so that the pooled rate can be checked against their sum.
    const bodies = istats.map((_, i) => ({
      procedures: [
        {
          code: "ANA-01",
          name: "Carta d'identità",
          area: "anagrafe",
          total: 100 + i,
          desk: 50 + (i % 40),
        },
      ],
      service: { visits: 1000 + i },
    }));
    const answers = await Promise.all(
      istats.map((istat, i) =>
        stack.call("PUT", `/v1/municipalities/${istat}/months/${month}`, {
          token: tokens[i] as string,
          body: bodies[i],
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(CROWD);

    const coordinatorEmail = "coordinatore@crowd.test";
    await createStores(stack.db).members.put(network, coordinatorEmail, { role: "coordinator" });
    const indicators = await stack.call("GET", `/v1/indicators/${month}`, {
      token: await stack.tokens.sign({ email: coordinatorEmail }),
    });
    expect(indicators.status).toBe(200);
    expect(indicators.body.completeness).toMatchObject({ expected: CROWD, reporting: CROWD });
    const desk = bodies.reduce((sum, b) => sum + (b.procedures[0]?.desk ?? 0), 0);
    const total = bodies.reduce((sum, b) => sum + (b.procedures[0]?.total ?? 0), 0);
    expect(indicators.body.indicators.filterRate.pooled).toBeCloseTo((100 * desk) / total, 10);
  });

  it("answers 503 with Retry-After and the error shape when storage does not answer in time", async () => {
    // A Firestore client pointed at a port where nothing listens: every call hangs in retries.
    // FIRESTORE_EMULATOR_HOST would win over the host given, so it is set aside while building it.
    const engine = process.env.FIRESTORE_EMULATOR_HOST;
    delete process.env.FIRESTORE_EMULATOR_HOST;
    const db = createFirestore({ projectId: "unreachable", emulatorHost: "127.0.0.1:9" });
    if (engine) process.env.FIRESTORE_EMULATOR_HOST = engine;
    http(
      "apiWithoutStorage",
      createApi({ db, verifyToken: stack.tokens.verify, deadlineMs: 1_500 }),
    );
    const server = getTestServer("apiWithoutStorage");
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/v1/me`, {
        headers: { authorization: `Bearer ${await stack.token(stack.coordinator)}` },
      });
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("unavailable");
      expect(body.error.message).toMatch(/retry/i);
    } finally {
      server.close();
      server.closeAllConnections();
      await db.terminate().catch(() => {});
    }
  });
});
