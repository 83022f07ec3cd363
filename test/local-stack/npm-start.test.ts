import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { addMonths } from "../../functions/src/domain/period.js";
import { DEMO_MUNICIPALITIES } from "../../scripts/demo/demo-network.js";
import { demoStaffEmail } from "../../scripts/demo/load-demo.js";
import { openMonth } from "../support/test-stack.js";
import { type StackProcess, spawnStack } from "./stack-process.js";

const dataDir = mkdtempSync(join(tmpdir(), "polinet-start-"));
let stack: StackProcess | undefined;
afterAll(() => {
  stack?.child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start", () => {
  it.skipIf(process.env.FIRESTORE_EMULATOR_HOST)(
    "serves the demo network on loopback, hands out tokens, and stops cleanly on SIGTERM",
    async () => {
      // The command `npm start` execs, with the demo network.
      stack = await spawnStack(dataDir, { env: { POLINET_DEMO: "1" } });
      const { url, output, exited } = stack;
      expect(output()).toContain("Demo network loaded: 11 municipalities");
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const tokenResponse = await fetch(`${url}/dev/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "coordinatore@poli-net.test" }),
      });
      const { token } = (await tokenResponse.json()) as { token: string };
      const list = (await (
        await fetch(`${url}/v1/municipalities`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as { municipalities: { istat: string }[] };
      expect(list.municipalities.map((m: { istat: string }) => m.istat).sort()).toEqual(
        DEMO_MUNICIPALITIES.map((m) => m.istat).sort(),
      );
      // Rho's staff member exists and can read the demo history of Rho.
      const rhoStaff = (await (
        await fetch(`${url}/dev/token`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: demoStaffEmail("015182") }),
        })
      ).json()) as { token: string };
      const months = await Promise.all(
        [0, -1, -2, -5, -11].map(async (offset) => {
          const response = await fetch(
            `${url}/v1/municipalities/015182/months/${addMonths(openMonth(), offset)}`,
            {
              headers: { authorization: `Bearer ${rhoStaff.token}` },
            },
          );
          return response.status;
        }),
      );
      expect(months.filter((status) => status === 200).length).toBeGreaterThanOrEqual(4);
      // The demo's network calendar, at Rho's effective dates: IMU on 16 June and 16 December.
      const year = openMonth().slice(0, 4);
      const calendar = (await (
        await fetch(`${url}/v1/municipalities/015182/calendar/${year}`, {
          headers: { authorization: `Bearer ${rhoStaff.token}` },
        })
      ).json()) as { patronDay: string; events: { id: string; source: string; date?: string }[] };
      expect(calendar.patronDay).toBe("05-08");
      const imu = calendar.events.filter((e) => e.id.startsWith("imu-"));
      expect(imu.map((e) => [e.source, e.date])).toEqual([
        ["network", `${year}-06-16`],
        ["network", `${year}-12-16`],
      ]);
      // Rho's own events last year: summer camps lacked measures until June (not planned 30 days
      // ahead), the TARI instalment and the social bonus call had them in January: 2 of 3.
      const lastYear = Number(year) - 1;
      const indicators = (await (
        await fetch(`${url}/v1/indicators/${lastYear}`, {
          headers: { authorization: `Bearer ${rhoStaff.token}` },
        })
      ).json()) as {
        indicators: Record<string, { municipalities: Record<string, Record<string, number>> }>;
      };
      expect(indicators.indicators.peaksPlannedAhead?.municipalities["015182"]).toMatchObject({
        numerator: 2,
        denominator: 3,
      });
      // The demo's procedure cards (one per procedure sent) and Rho's to-do.
      const auth = { headers: { authorization: `Bearer ${rhoStaff.token}` } };
      const cards = (await (await fetch(`${url}/v1/municipalities/015182/cards`, auth)).json()) as {
        cards: { status: string }[];
      };
      expect(cards.cards.length).toBeGreaterThan(5);
      for (const card of cards.cards) expect(["current", "due", "stale"]).toContain(card.status);
      const todo = await fetch(`${url}/v1/me/todo`, auth);
      expect(todo.status).toBe(200);
      stack.child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(output()).toContain("Stopped.");
      expect(existsSync(join(dataDir, "firestore.json"))).toBe(true);
    },
    // Loading the demo network (255 submissions) took 54 s with the whole suite on 2 cores.
    120_000,
  );
});
