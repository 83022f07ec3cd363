/** What every add-on test file starts with: the built bundle, the stack process, the HTTP bridge. */
import { AddonDocument, AddonUser, type LoadedAddon, loadAddon } from "./addon-harness.js";
import { type StackProcess, startStackProcess, type TokenOptions } from "./stack-client.js";
import { SyncFetcher } from "./sync-fetch.js";

export interface AddonFixture {
  addon: LoadedAddon;
  stack: StackProcess;
  /** The server address baked into the bundle; the fake UrlFetchApp sends it to the stack. */
  apiUrl: string;
  /**
   * A user with a token from the stack's /dev/token, working in `document`. The token's audience
   * is the stack's (baked into the bundle too) unless `token.audience` says otherwise.
   */
  user(email: string, document?: AddonDocument, token?: TokenOptions): Promise<AddonUser>;
  stop(): Promise<void>;
}

export async function startAddonFixture(): Promise<AddonFixture> {
  const [addon, stack] = await Promise.all([loadAddon(), startStackProcess()]);
  const fetcher = new SyncFetcher();
  return {
    addon,
    stack,
    apiUrl: addon.build.apiUrl,
    async user(email, document = new AddonDocument(), token = {}) {
      return new AddonUser(addon, document, fetcher, email, await stack.token(email, token), {
        [addon.build.apiUrl]: stack.url,
      });
    },
    async stop() {
      await fetcher.close();
      await stack.stop();
    },
  };
}

/** Saves the settings from the sidebar as staff would, and fails loudly if refused. */
export function configure(user: AddonUser, apiUrl: string, municipality = "") {
  const report = user.run<{ problem: string | null; identity: string | null }>("saveSettings", {
    apiUrl,
    municipality,
  });
  if (report.result.problem) throw new Error(`settings refused: ${report.result.problem}`);
  return report;
}

/** Text staff read must be Italian sentences: no JSON, no stack trace, no HTTP jargon. */
export function looksHuman(text: string): boolean {
  return !/[{}]|\bat \S+:\d+|Error|Exception|undefined|\bnull\b|\bHTTP\b|\bstatus\b|\bstack\b/.test(
    text,
  );
}
