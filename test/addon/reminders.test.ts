/**
 * *Promemoria settimanali*: the coordinator's menu item installs (once) or removes the weekly
 * time-driven trigger; the trigger's function sends one Italian e-mail per municipality that the
 * real API lists for this ISO week, records each, and sends nothing twice in a week, also when
 * MailApp's daily quota runs out half way. Each describe has a stack of its own, so that each
 * starts with nothing recorded as sent this week.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AddonFixture, configure, startAddonFixture } from "./harness/addon-fixture.js";
import type { AddonUser } from "./harness/addon-harness.js";

interface Run {
  week: string;
  sent: string[];
  left: string[];
  problem: string | null;
}

const posts = (report: { requests: { method: string; url: string; json?: unknown }[] }) =>
  report.requests.filter((r) => r.method === "POST").map((r) => r.json);

async function coordinatorOf(fixture: AddonFixture): Promise<AddonUser> {
  const user = await fixture.user(fixture.stack.coordinator);
  configure(user, fixture.apiUrl, "015182");
  return user;
}

describe("the menu item", () => {
  let fixture: AddonFixture;
  beforeAll(async () => {
    fixture = await startAddonFixture();
  });
  afterAll(async () => {
    await fixture?.stop();
  });

  it("switches the weekly trigger on once, and off", async () => {
    const coordinator = await coordinatorOf(fixture);
    coordinator.ui.alertAnswers.push("YES");
    const on = coordinator.run("toggleWeeklyReminders");
    expect(on.errors).toEqual([]);
    expect(on.toasts[0]?.message).toContain("Promemoria settimanali attivati");
    expect(coordinator.triggers.list).toMatchObject([
      { handler: "sendWeeklyReminders", everyWeeks: 1, weekDay: "MONDAY", hour: 8 },
    ]);
    // Asked again while on, the answer "No" keeps the one trigger: never a second one.
    coordinator.ui.alertAnswers.push("NO");
    const kept = coordinator.run("toggleWeeklyReminders");
    expect(kept.alerts[0]?.message).toContain("sono attivi");
    expect(coordinator.triggers.list).toHaveLength(1);
    coordinator.ui.alertAnswers.push("YES");
    coordinator.run("toggleWeeklyReminders");
    expect(coordinator.triggers.list).toEqual([]);
    coordinator.ui.alertAnswers.push("NO");
    coordinator.run("toggleWeeklyReminders");
    expect(coordinator.triggers.list).toEqual([]);
  });

  it("is the coordinator's: staff are told so and nothing is installed", async () => {
    const staff = await fixture.user(fixture.stack.rhoStaff);
    configure(staff, fixture.apiUrl);
    staff.ui.alertAnswers.push("YES");
    const report = staff.run("toggleWeeklyReminders");
    expect(report.alerts[0]?.message).toBe(
      "I promemoria settimanali li attiva il coordinatore della rete.",
    );
    expect(staff.triggers.list).toEqual([]);
  });
});

describe("the weekly run", () => {
  let fixture: AddonFixture;
  beforeAll(async () => {
    fixture = await startAddonFixture();
  });
  afterAll(async () => {
    await fixture?.stop();
  });

  it("sends one message per municipality with something to do, then nothing the same week", async () => {
    const coordinator = await coordinatorOf(fixture);
    const first = coordinator.run<Run>("sendWeeklyReminders");
    expect(first.errors).toEqual([]);
    // Neither Rho nor Este has sent a month: both have months to send, one staff member each.
    expect(coordinator.mail.sent.map((m) => m.to).sort()).toEqual([
      "staff@este.test",
      "staff@rho.test",
    ]);
    const rho = coordinator.mail.sent.find((m) => m.to === "staff@rho.test");
    expect(rho?.subject).toMatch(/^POLI-NET: \d+ cos[ae] da fare per Rho$/);
    expect(rho?.body).toContain("POLI-NET: cose da fare per il comune di Rho");
    expect(rho?.body).toContain("Mesi da inviare:");
    // Each message recorded on the server right after it went.
    expect(posts(first)).toEqual(first.result.sent.map((municipality) => ({ municipality })));
    expect(first.result.sent.sort()).toEqual(["015182", "028037"]);
    expect(first.requests[0]?.url).toContain(`/v1/reminders?week=${first.result.week}`);
    expect(first.result.week).toMatch(/^\d{4}-W\d{2}$/);

    const second = coordinator.run<Run>("sendWeeklyReminders");
    expect(second.errors).toEqual([]);
    expect(coordinator.mail.sent).toHaveLength(2);
    expect(second.result.sent).toEqual([]);
    expect(posts(second)).toEqual([]);
  });
});

describe("the weekly run with the daily quota", () => {
  let fixture: AddonFixture;
  beforeAll(async () => {
    fixture = await startAddonFixture();
  });
  afterAll(async () => {
    await fixture?.stop();
  });

  it("sends what the quota allows and stops; the next run sends the rest, a third nothing", async () => {
    const coordinator = await coordinatorOf(fixture);
    coordinator.mail.quota = 1;
    const first = coordinator.run<Run>("sendWeeklyReminders");
    expect(first.errors).toEqual([]);
    expect(coordinator.mail.sent).toHaveLength(1);
    expect(first.result.sent).toHaveLength(1);
    expect(first.result.left).toHaveLength(1);
    expect(first.warnings.join("\n")).toContain(
      "daily mail quota used up; 1 left for the next run",
    );
    expect(posts(first)).toHaveLength(1);

    coordinator.mail.quota = 100;
    const second = coordinator.run<Run>("sendWeeklyReminders");
    expect(second.result.sent).toEqual(first.result.left);
    expect(coordinator.mail.sent.map((m) => m.to).sort()).toEqual([
      "staff@este.test",
      "staff@rho.test",
    ]);
    const third = coordinator.run<Run>("sendWeeklyReminders");
    expect(third.result.sent).toEqual([]);
    expect(coordinator.mail.sent).toHaveLength(2);
  });
});
