import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { addMonths } from "../../functions/src/domain/period.js";
import { DEMO_MUNICIPALITIES } from "../../scripts/demo/demo-network.js";
import { demoStaffEmail } from "../../scripts/demo/load-demo.js";
import { openMonth } from "../support/test-stack.js";

const dataDir = mkdtempSync(join(tmpdir(), "polinet-start-"));
let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts `scripts/local-stack.ts` as `npm start` does and waits for the URL it prints. */
function start(): Promise<{ url: string; output: () => string; exited: Promise<number | null> }> {
  const env = { ...process.env, PORT: "0", POLINET_DATA_DIR: dataDir };
  child = spawn(process.execPath, ["--import", "tsx", "scripts/local-stack.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) =>
    child?.once("exit", (code) => resolve(code)),
  );
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /local stack on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve({ url: match[1], output: () => output, exited });
    };
    child?.stdout?.on("data", onData);
    child?.stderr?.on("data", onData);
    void exited.then((code) => reject(new Error(`local stack exited with ${code}:\n${output}`)));
  });
}

describe("npm start", () => {
  it.skipIf(process.env.FIRESTORE_EMULATOR_HOST)(
    "serves the demo network on loopback, hands out tokens, and stops cleanly on SIGTERM",
    async () => {
      const { url, output, exited } = await start();
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
      child?.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(output()).toContain("Stopped.");
      expect(existsSync(join(dataDir, "firestore.json"))).toBe(true);
    },
  );
});
