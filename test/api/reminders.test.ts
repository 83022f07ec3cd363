import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStores } from "../../functions/src/store/stores.js";
import { seedSmallNetwork, startTestStack, type TestStack } from "../support/test-stack.js";

// The API's clock: Thursday 5 March 2026, ISO week 2026-W10.
const NOW = new Date("2026-03-05T10:00:00Z");
let stack: TestStack;
let rho: string;
let este: string;
let rhoToken: string;
let coordinator: string;
const formigine = "036015";

beforeAll(async () => {
  stack = await startTestStack({ clock: () => NOW });
  const seeded = await seedSmallNetwork(stack);
  ({ rho, este } = seeded);
  const stores = createStores(stack.db);
  await stores.members.put(stack.network, "anagrafe@rho.test", {
    role: "staff",
    municipality: rho,
  });
  // Formigine has no staff member yet: nobody to write to.
  await stores.networks.putMunicipality(stack.network, formigine, {
    name: "Formigine",
    province: "MO",
    population: 34_000,
  });
  rhoToken = await stack.token(seeded.rhoStaff);
  coordinator = await stack.token(stack.coordinator);
  // Rho sent every month from January 2026 but February (not due before 10 March).
  const res = await stack.call("PUT", `/v1/municipalities/${rho}/months/2026-01`, {
    token: rhoToken,
    body: {
      procedures: [{ code: "ANA-01", name: "CIE", area: "anagrafe", total: 10, desk: 8 }],
      service: { visits: 100 },
    },
  });
  expect(res.status).toBe(200);
});
afterAll(async () => stack?.stop());

const reminders = async (week: string) => {
  const res = await stack.call("GET", `/v1/reminders?week=${week}`, { token: coordinator });
  expect(res.status, res.text).toBe(200);
  return res.body;
};

describe("reminders", () => {
  it("gives the coordinator, per municipality with something to do, its staff and an Italian text", async () => {
    const body = await reminders("2026-W10");
    expect(body.week).toBe("2026-W10");
    const byIstat = new Map(
      body.reminders.map((r: { municipality: string }) => [r.municipality, r]),
    );
    expect([...byIstat.keys()]).toEqual([rho, este]);
    const toRho = byIstat.get(rho) as { recipients: string[]; subject: string; text: string };
    expect(toRho.recipients).toEqual(["anagrafe@rho.test", "staff@rho.test"]);
    expect(toRho.subject).toBe("POLI-NET: 1 cosa da fare per Rho");
    expect(toRho.text).toBe(
      [
        "POLI-NET: cose da fare per il comune di Rho",
        "",
        "Mesi da inviare:",
        "- febbraio 2026: da inviare entro il 10/03/2026",
        "",
        "Aprire il foglio del comune e usare il menu POLI-NET › Da fare.",
      ].join("\n"),
    );
    expect((byIstat.get(este) as { recipients: string[] }).recipients).toEqual(["staff@este.test"]);
    expect(body.skipped).toEqual([{ municipality: formigine, reason: "no-staff" }]);
  });

  it("records a reminder as sent once: a second record changes nothing and the week omits it", async () => {
    const post = (week: string, body: unknown, token = coordinator) =>
      stack.call("POST", `/v1/reminders/${week}/sent`, { token, body });
    const first = await post("2026-W10", { municipality: rho });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      status: "recorded",
      municipality: rho,
      week: "2026-W10",
      sentAt: NOW.toISOString(),
      by: stack.coordinator,
    });
    const second = await post("2026-W10", { municipality: rho });
    expect(second.body).toEqual({ ...first.body, status: "unchanged" });
    const after = await reminders("2026-W10");
    expect(after.reminders.map((r: { municipality: string }) => r.municipality)).toEqual([este]);
    expect(after.skipped).toContainEqual({ municipality: rho, reason: "already-sent" });
    // Next week Rho is due a reminder again.
    const next = await reminders("2026-W11");
    expect(next.reminders.map((r: { municipality: string }) => r.municipality)).toEqual([
      rho,
      este,
    ]);

    expect((await post("2026-W10", { municipality: "099999" })).status).toBe(404);
    const bad = await post("2026-W10", { municipality: "15182" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toEqual(["municipality"]);
    expect((await post("2026-W10", { municipality: rho, extra: 1 })).status).toBe(400);
    expect((await post("2025-W53", { municipality: rho })).status).toBe(400);
    expect((await post("2026-W10", { municipality: rho }, rhoToken)).status).toBe(403);
  });

  it("keeps staff e-mails from staff, and refuses weeks that do not exist", async () => {
    const staff = await stack.call("GET", "/v1/reminders?week=2026-W10", { token: rhoToken });
    expect(staff.status).toBe(403);
    expect(staff.text).not.toContain("@");
    for (const week of ["2026-10", "2026-W00", "2025-W53", "2026-w10", ""]) {
      const res = await stack.call("GET", `/v1/reminders?week=${week}`, { token: coordinator });
      expect(res.status, week).toBe(400);
    }
    // 2026 starts on a Thursday: it has a week 53.
    expect(
      (await stack.call("GET", "/v1/reminders?week=2026-W53", { token: coordinator })).status,
    ).toBe(200);
  });
});
