/**
 * The add-on and the deployed API: it calls only the server baked in at push time (https, the
 * manifest's urlFetchWhitelist), refuses any other address in Italian before sending anything,
 * shows the OAuth client ID coordinators must put in POLINET_AUDIENCES, and says so in Italian
 * when the API refuses its tokens for their audience.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_AUDIENCE } from "../../scripts/local/dev-tokens.js";
import {
  type AddonFixture,
  configure,
  looksHuman,
  startAddonFixture,
} from "./harness/addon-fixture.js";
import { AddonDocument } from "./harness/addon-harness.js";
import { FakeUrlFetchApp } from "./harness/fake-url-fetch.js";
import { SyncFetcher } from "./harness/sync-fetch.js";

interface View {
  apiUrl: string;
  problem: string | null;
  identity: string | null;
  saved?: boolean;
  addon: { server: string; clientId: string; warning: string | null };
}

let fixture: AddonFixture;
beforeAll(async () => {
  fixture = await startAddonFixture();
});
afterAll(async () => {
  await fixture?.stop();
});

/** Document properties the add-on wrote under its own prefix. */
const stored = (document: AddonDocument) =>
  [...document.properties.values.keys()].filter((key) => key.startsWith("polinet."));

describe("the server address", () => {
  it("refuses http:// with an Italian sentence naming the https address, saves nothing and sends nothing", async () => {
    const staff = await fixture.user(fixture.stack.rhoStaff);
    // The very server the add-on was built for, but over http: still refused.
    const typed = fixture.apiUrl.replace("https://", "http://");
    const report = staff.run<View>("saveSettings", { apiUrl: typed, municipality: "015182" });
    expect(report.result.saved).toBe(false);
    expect(report.result.problem).toContain("http://");
    expect(report.result.problem).toContain(`https://, all'indirizzo ${fixture.apiUrl}`);
    expect(report.result.problem).not.toContain("non risponde");
    expect(report.result.problem).toSatisfy(looksHuman);
    expect(report.requests).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(stored(staff.document)).toEqual([]);
  });

  it("refuses another host, or a path outside the whitelisted prefix, before UrlFetchApp would", async () => {
    const staff = await fixture.user(fixture.stack.rhoStaff);
    for (const typed of [
      "https://polinet.example.org/",
      "https://api.poli-net.test.example.org/",
      `https://evil.test/${fixture.apiUrl}`,
    ]) {
      const report = staff.run<View>("saveSettings", { apiUrl: typed, municipality: "" });
      expect(report.result.problem).toBe(
        `Questo componente aggiuntivo comunica solo con il server ${fixture.apiUrl}, non con ${typed}. Per un altro server il coordinatore deve pubblicare di nuovo il componente aggiuntivo con quell'indirizzo.`,
      );
      expect(report.requests).toEqual([]);
    }
    expect(stored(staff.document)).toEqual([]);
    // The same check guards every action, not only the sidebar's save: a stored address from an
    // earlier version gives way to the baked one instead of failing in UrlFetchApp.
    staff.document.properties.setProperty("polinet.apiUrl", "https://old-server.example.org/");
    const view = staff.run<View>("getSettingsView");
    expect(view.result).toMatchObject({ apiUrl: fixture.apiUrl, problem: null });
    expect(view.requests.map((r) => r.url)).toEqual([`${fixture.apiUrl}v1/me`]);
  });

  it("accepts the baked address typed in capitals or without the final slash, and stores it normalised", async () => {
    const staff = await fixture.user(fixture.stack.rhoStaff);
    const typed = fixture.apiUrl.toUpperCase().replace(/\/$/, "");
    const report = configure(staff, typed);
    expect(report.result.problem).toBeNull();
    expect(staff.document.properties.getProperty("polinet.apiUrl")).toBe(fixture.apiUrl);
  });

  it("would otherwise meet UrlFetchApp's whitelist: the fake enforces the built manifest's", async () => {
    // Without the add-on's own check a foreign host ends in this exception, which the add-on can
    // only report as "il server non risponde".
    expect(fixture.addon.whitelist).toEqual([fixture.apiUrl]);
    const fetcher = new SyncFetcher();
    const urlFetch = new FakeUrlFetchApp(fetcher, {
      whitelist: fixture.addon.whitelist,
      servers: {},
    });
    expect(() => urlFetch.fetch("https://polinet.example.org/v1/me")).toThrow(/urlFetchWhitelist/);
    expect(urlFetch.requests).toEqual([]);
    await fetcher.close();
  });
});

describe("the OAuth client ID (token audience)", () => {
  it("is shown in the settings sidebar with the server, with no warning when the token says the same", async () => {
    const staff = await fixture.user(fixture.stack.rhoStaff);
    const view = staff.run<View>("getSettingsView").result;
    expect(view.addon).toEqual({
      server: fixture.apiUrl,
      clientId: LOCAL_AUDIENCE,
      warning: null,
    });
    staff.run("showSettings");
    const html = staff.ui.sidebars[0]?.getContent() ?? "";
    expect(html).toContain("POLINET_AUDIENCES");
    for (const id of ["server", "clientId", "warning"]) expect(html).toContain(`id="${id}"`);
  });

  it("a token for another audience: the API's 401 becomes an Italian sentence for the coordinator, and the sidebar names the ID", async () => {
    const otherClient = "123456789012-otherproject.apps.googleusercontent.com";
    const staff = await fixture.user(fixture.stack.rhoStaff, new AddonDocument(), {
      audience: otherClient,
    });
    const saved = staff.run<View>("saveSettings", {
      apiUrl: fixture.apiUrl,
      municipality: "",
    });
    expect(saved.requests.map((r) => r.status)).toEqual([401]);
    expect(saved.result.problem).toBe(
      `Il server non riconosce questo componente aggiuntivo: il coordinatore deve aggiungere il suo ID client (${otherClient}) a POLINET_AUDIENCES del server POLI-NET e aggiornare il server.`,
    );
    expect(saved.result.problem).toSatisfy(looksHuman);
    expect(stored(staff.document)).toEqual([]);
    expect(saved.result.addon.clientId).toBe(otherClient);
    expect(saved.result.addon.warning).toContain(`POLINET_AUDIENCE=${otherClient}`);
    expect(saved.result.addon.warning).toContain(LOCAL_AUDIENCE);

    // Every action says the same, not only the sidebar.
    staff.ui.promptAnswers.push({ text: "2026" });
    const setUp = staff.run("setUpSheet");
    expect(setUp.alerts.map((a) => a.message)).toEqual([saved.result.problem]);
    expect(setUp.errors).toEqual([]);
  });

  it("other 401s keep their own sentence", async () => {
    const expired = await fixture.user(fixture.stack.rhoStaff, new AddonDocument(), {
      expiresInSeconds: -3600,
    });
    const report = expired.run<View>("saveSettings", { apiUrl: fixture.apiUrl, municipality: "" });
    expect(report.requests.map((r) => r.status)).toEqual([401]);
    expect(report.result.problem).toBe(
      "Il server POLI-NET non riconosce l'account Google in uso: verificare di aver aperto il foglio con l'account registrato nella rete.",
    );
    // Same token audience as the bundle: nothing to warn the coordinator about.
    expect(report.result.addon).toMatchObject({ clientId: LOCAL_AUDIENCE, warning: null });
  });
});
