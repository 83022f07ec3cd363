/**
 * *Genera report* (coordinators) and *Report pubblicati* (everyone) in the add-on, against the
 * real local stack: the period prompt takes the Italian semester, the dialog links the versions.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AddonFixture,
  configure,
  looksHuman,
  startAddonFixture,
} from "./harness/addon-fixture.js";
import type { AddonUser } from "./harness/addon-harness.js";

let fixture: AddonFixture;
let coordinator: AddonUser;
let staff: AddonUser;

beforeAll(async () => {
  fixture = await startAddonFixture();
  const admin = await fixture.stack.token(fixture.stack.coordinator);
  const put = await fixture.stack.call("PUT", "/v1/municipalities/015182/months/2025-02", {
    token: admin,
    body: { procedures: [{ code: "A", name: "A", area: "anagrafe", total: 40, desk: 30 }] },
  });
  expect(put.status).toBe(200);
  coordinator = await fixture.user(fixture.stack.coordinator);
  configure(coordinator, fixture.stack.url, "028037");
  staff = await fixture.user(fixture.stack.rhoStaff);
  configure(staff, fixture.stack.url);
});
afterAll(async () => {
  await fixture?.stop();
});

const paths = (report: { requests: { method: string; url: string }[] }) =>
  report.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`);

describe("Genera report", () => {
  it("publishes the semester typed as 2025-S1 and shows the links", async () => {
    coordinator.ui.promptAnswers.push({ text: "2025-S1" });
    const report = coordinator.run("generateReport");
    expect(report.alerts).toEqual([]);
    expect(paths(report)).toEqual(["POST /v1/reports"]);
    expect(report.requests[0]?.json).toEqual({ period: "2025-H1" });
    const dialog = coordinator.ui.dialogs.at(-1);
    expect(dialog?.title).toBe("POLI-NET – Genera report");
    const html = dialog?.html.getContent() ?? "";
    expect(html).toContain("Pubblicata la versione 1 del report di 1° semestre 2025.");
    expect(html).toContain("google.script.run.showReportPage(&quot;2025-H1&quot;, 1)");
    expect(html).toContain(`${fixture.stack.url}/v1/reports/2025-H1/versions/1`);
    // Open data is off and no spreadsheet is set: neither is offered.
    expect(html).not.toContain("/open/");
    expect(html).not.toContain("foglio Google");

    coordinator.ui.promptAnswers.push({ text: "2025-h1" });
    coordinator.run("generateReport");
    expect(coordinator.ui.dialogs.at(-1)?.html.getContent()).toContain(
      "non è cambiato: resta la versione 1",
    );
  });

  it("offers the open data links once the network publishes them", async () => {
    const admin = await fixture.stack.token(fixture.stack.coordinator);
    await fixture.stack.call("PUT", "/v1/network", { token: admin, body: { openData: true } });
    coordinator.ui.promptAnswers.push({ text: "2025-T1" });
    coordinator.run("generateReport");
    const html = coordinator.ui.dialogs.at(-1)?.html.getContent() ?? "";
    expect(html).toContain(`${fixture.stack.url}/open/`);
    expect(html).toContain("/2025-Q1.csv");
  });

  it("refuses a bad period in Italian and does nothing on Cancel", async () => {
    coordinator.ui.promptAnswers.push({ text: "2025-S3" });
    const bad = coordinator.run("generateReport");
    expect(bad.requests).toEqual([]);
    expect(bad.alerts[0]?.message).toContain('Il periodo "2025-S3" non è valido');
    const dialogs = coordinator.ui.dialogs.length;
    coordinator.ui.promptAnswers.push({ button: "CANCEL" });
    const cancelled = coordinator.run("generateReport");
    expect(cancelled.requests).toEqual([]);
    expect(coordinator.ui.dialogs).toHaveLength(dialogs);
  });

  it("tells staff, in Italian, that they may not publish", async () => {
    staff.ui.promptAnswers.push({ text: "2025-S1" });
    const refused = staff.run("generateReport");
    expect(refused.alerts).toHaveLength(1);
    expect(refused.alerts[0]?.message).toContain("non ha il permesso di pubblicare il report");
    expect(looksHuman(refused.alerts[0]?.message ?? "")).toBe(true);
  });
});

describe("Report pubblicati", () => {
  it("lists the network's reports for staff, latest publication first, and opens the page", async () => {
    const report = staff.run("showPublishedReports");
    expect(report.alerts).toEqual([]);
    expect(paths(report)).toEqual(["GET /v1/reports", "GET /v1/network"]);
    expect(report.fetchAllCalls).toBe(1);
    const html = staff.ui.dialogs.at(-1)?.html.getContent() ?? "";
    const periods = [...html.matchAll(/<th scope="row">([^<]+)<\/th>/g)].map((m) => m[1]);
    expect(periods).toEqual(["1° trimestre 2025", "1° semestre 2025"]);
    expect(html).toContain("/2025-H1.csv");

    const page = staff.run("showReportPage", "2025-H1", 1);
    expect(page.alerts).toEqual([]);
    expect(paths(page)).toEqual(["GET /v1/reports/2025-H1/versions/1.html"]);
    const shown = staff.ui.dialogs.at(-1);
    expect(shown?.title).toBe("Report 1° semestre 2025");
    expect(shown?.html.getContent()).toContain("<h1");
    expect(shown?.html.getContent()).toContain("Report della rete");
  });
});
