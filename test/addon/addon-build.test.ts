/**
 * What `npm run build:addon` bakes in: the deployed API's address (also the manifest's only
 * urlFetchWhitelist entry, https and ending with "/") and the OAuth client ID; and the add-on
 * built for an address with a path accepts nothing outside that prefix.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  buildAddon,
  PLACEHOLDER_API_URL,
  PLACEHOLDER_AUDIENCE,
} from "../../scripts/addon/build-addon.js";
import { AddonDocument, AddonUser, loadAddon } from "./harness/addon-harness.js";
import { SyncFetcher } from "./harness/sync-fetch.js";

const API_URL = "https://api-7f3k2x9q-ew.a.run.app";
const CLIENT_ID = "123456789012-a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6.apps.googleusercontent.com";
const fetcher = new SyncFetcher();
afterAll(async () => {
  await fetcher.close();
});

const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");

describe("the built add-on", () => {
  it("carries the API address and the OAuth client ID in Code.js, and the address as the manifest's only whitelist entry", async () => {
    const { build } = await loadAddon({ apiUrl: API_URL, audience: CLIENT_ID });
    expect(build.apiUrl).toBe(`${API_URL}/`);
    expect(build.audience).toBe(CLIENT_ID);
    const code = read(build.outDir, "Code.js");
    expect(code).toContain(JSON.stringify(`${API_URL}/`));
    expect(code).toContain(JSON.stringify(CLIENT_ID));
    expect(code).not.toContain(PLACEHOLDER_API_URL);
    expect(code).not.toContain(PLACEHOLDER_AUDIENCE);
    const manifest = JSON.parse(read(build.outDir, "appsscript.json"));
    const source = JSON.parse(
      read(join(import.meta.dirname, "../.."), "apps-script/appsscript.json"),
    );
    expect(manifest).toEqual({ ...source, urlFetchWhitelist: [`${API_URL}/`] });
    expect(manifest.oauthScopes).toContain("openid");
    // The weekly reminders: MailApp and an installable time-driven trigger.
    expect(manifest.oauthScopes).toContain("https://www.googleapis.com/auth/script.send_mail");
    expect(manifest.oauthScopes).toContain("https://www.googleapis.com/auth/script.scriptapp");
  });

  it("refuses an address Apps Script could not whitelist, and an audience that could not be a client ID", async () => {
    for (const apiUrl of [
      "http://api.example.org/",
      "https://localhost/",
      "https://api.example.org/?key=1",
      "api.example.org",
    ]) {
      await expect(buildAddon({ apiUrl, outDir: "/nonexistent/never" })).rejects.toThrow(
        /POLINET_API_URL/,
      );
    }
    for (const audience of ["", "my client", 'x"y']) {
      await expect(
        buildAddon({ apiUrl: API_URL, audience, outDir: "/nonexistent/never" }),
      ).rejects.toThrow(/POLINET_AUDIENCE/);
    }
  });

  it("built for an address with a path (Cloud Functions style), refuses another path on the same host", async () => {
    const base = "https://europe-west8-poli-net.cloudfunctions.net/api";
    const addon = await loadAddon({ apiUrl: base, audience: CLIENT_ID });
    const user = new AddonUser(addon, new AddonDocument(), fetcher, "staff@rho.test", "a.b.c");
    const other = "https://europe-west8-poli-net.cloudfunctions.net/apix/";
    const refused = user.run<{ problem: string }>("saveSettings", { apiUrl: other });
    expect(refused.result.problem).toContain(`solo con il server ${base}/, non con ${other}`);
    expect(refused.requests).toEqual([]);
    // The sidebar shows the baked ID when the token cannot be read.
    const view = user.run<{ addon: unknown }>("saveSettings", { apiUrl: "ftp://x" });
    expect(view.result.addon).toEqual({ server: `${base}/`, clientId: CLIENT_ID, warning: null });
  });
});
