import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openMonth, sampleMonth, seedSmallNetwork, startTestStack } from "../support/test-stack.js";

const dataDir = mkdtempSync(join(tmpdir(), "polinet-restart-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("the local stack keeps its data between runs", () => {
  it.skipIf(process.env.FIRESTORE_EMULATOR_HOST)(
    "serves after a restart what was stored before it",
    async () => {
      const projectId = "restart-test";
      const first = await startTestStack({ dataDir, projectId });
      const seeded = await seedSmallNetwork(first);
      const path = `/v1/municipalities/${seeded.rho}/months/${openMonth()}`;
      const coordinator = await first.token(first.coordinator);
      await first.call("PUT", path, { token: coordinator, body: sampleMonth() });
      const second = await first.call("PUT", path, {
        token: coordinator,
        body: sampleMonth({ service: { visits: 7 } }),
      });
      expect(second.body.revision).toBe(2);
      const before = await first.call("GET", `${path}/revisions`, { token: coordinator });
      await first.stop();

      const again = await startTestStack({ dataDir, projectId });
      try {
        // A new signing key: tokens from the first run are worthless, so get a new one.
        const token = await again.token(again.coordinator);
        const after = await again.call("GET", `${path}/revisions`, { token });
        expect(after.status).toBe(200);
        expect(after.body).toEqual(before.body);
        const third = await again.call("PUT", path, {
          token,
          body: { ...sampleMonth(), baseRevision: 2 },
        });
        expect(third.body).toMatchObject({ revision: 3, status: "stored" });
      } finally {
        await again.stop();
      }
    },
  );
});
