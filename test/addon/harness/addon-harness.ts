/**
 * Runs the built add-on (`Code.js`, exactly what clasp pushes) in node:vm with the fakes of the
 * Apps Script services. Each run is a fresh global context, as each Apps Script execution is,
 * so nothing can survive between actions except what the add-on stores in the document.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import vm from "node:vm";
import { type AddonBuild, buildAddon } from "../../../scripts/addon/build-addon.js";
import { LOCAL_AUDIENCE } from "../../../scripts/local/dev-tokens.js";
import { CallLog } from "./call-log.js";
import {
  FakeLock,
  FakeProperties,
  FakeUi,
  fakeHtmlService,
  fakeScriptApp,
  fakeSession,
} from "./fake-services.js";
import { FakeSpreadsheet } from "./fake-sheet.js";
import { FakeMail, FakeTriggers } from "./fake-triggers-mail.js";
import { FakeUrlFetchApp, type RecordedRequest } from "./fake-url-fetch.js";
import { FakeValidationBuilder } from "./fake-validation.js";
import type { SyncFetcher } from "./sync-fetch.js";

export interface LoadedAddon {
  build: AddonBuild;
  script: vm.Script;
  /** The built manifest's urlFetchWhitelist, which the fake UrlFetchApp enforces. */
  whitelist: string[];
}

/**
 * The server address baked into the test bundle: https as in production (the add-on refuses
 * anything else); the fake UrlFetchApp sends what starts with it to the local stack's http port,
 * as a TLS front would. `.test` is reserved, so the name can reach nothing real.
 */
export const HARNESS_API_URL = "https://api.poli-net.test/";

/**
 * Builds the bundle the way `npm run build:addon` does, into a folder of the test's own, with the
 * local stack's token audience baked in as production bakes the script's OAuth client ID.
 */
export async function loadAddon(
  baked: { apiUrl?: string; audience?: string } = {},
): Promise<LoadedAddon> {
  const build = await buildAddon({
    outDir: mkdtempSync(join(tmpdir(), "polinet-addon-")),
    apiUrl: baked.apiUrl ?? HARNESS_API_URL,
    audience: baked.audience ?? LOCAL_AUDIENCE,
  });
  const script = new vm.Script(readFileSync(build.codeFile, "utf8"), { filename: "Code.js" });
  const manifest = JSON.parse(readFileSync(join(build.outDir, "appsscript.json"), "utf8"));
  return { build, script, whitelist: manifest.urlFetchWhitelist ?? [] };
}

/** One spreadsheet file: what colleagues share (cells, document properties, the lock). */
export class AddonDocument {
  readonly book = new FakeSpreadsheet();
  readonly properties = new FakeProperties();
  readonly lock = new FakeLock();

  sheet(name: string) {
    const sheet = this.book.getSheetByName(name);
    if (!sheet)
      throw new Error(
        `no sheet named ${name}; sheets: ${this.book.sheets.map((s) => s.name).join(", ")}`,
      );
    return sheet;
  }
}

export interface RunReport<T = unknown> {
  /** What the function returned, serialised as google.script.run would. */
  result: T;
  /** Calls on Spreadsheet, Sheet, Range and Protection objects. */
  sheetCalls: number;
  callsByMethod: Record<string, number>;
  requests: RecordedRequest[];
  fetchAllCalls: number;
  alerts: { title: string; message: string }[];
  toasts: { title: string; message: string }[];
  /** What the add-on logged with console.error (unexpected failures). */
  errors: string[];
  /** What it logged with console.warn. */
  warnings: string[];
}

/** A person with a Google identity working in a document. */
export class AddonUser {
  readonly ui = new FakeUi();
  /** Installable triggers are the user's: they outlive an execution. */
  readonly triggers = new FakeTriggers();
  readonly mail = new FakeMail();

  constructor(
    private readonly addon: LoadedAddon,
    readonly document: AddonDocument,
    private readonly fetcher: SyncFetcher,
    readonly email: string,
    private readonly identityToken: string,
    /** Where each URL prefix is really served, e.g. the baked address → the stack's http port. */
    readonly servers: Record<string, string> = {},
  ) {}

  run<T = unknown>(name: string, ...args: unknown[]): RunReport<T> {
    const log = new CallLog();
    const urlFetch = new FakeUrlFetchApp(this.fetcher, {
      whitelist: this.addon.whitelist,
      servers: this.servers,
    });
    const errors: string[] = [];
    const warnings: string[] = [];
    const book = this.document.book;
    const spreadsheetApp = {
      getActiveSpreadsheet: () => {
        log.add("SpreadsheetApp.getActiveSpreadsheet");
        return book.tracked(log);
      },
      getUi: () => this.ui,
      newDataValidation: () => new FakeValidationBuilder(),
      ProtectionType: { RANGE: "RANGE", SHEET: "SHEET" },
    };
    const print = (...parts: unknown[]) =>
      parts.map((p) => (p instanceof Error ? p.stack : String(p))).join(" ");
    const context = vm.createContext({
      SpreadsheetApp: spreadsheetApp,
      PropertiesService: { getDocumentProperties: () => this.document.properties },
      LockService: { getDocumentLock: () => this.document.lock },
      HtmlService: fakeHtmlService(this.addon.build.outDir),
      Session: fakeSession(this.email),
      ScriptApp: fakeScriptApp(() => this.identityToken, this.triggers),
      MailApp: this.mail,
      UrlFetchApp: urlFetch,
      console: {
        log: () => {},
        info: () => {},
        warn: (...parts: unknown[]) => warnings.push(print(...parts)),
        error: (...parts: unknown[]) => errors.push(print(...parts)),
      },
    });
    this.addon.script.runInContext(context);
    const entry = context[name];
    if (typeof entry !== "function")
      throw new Error(`${name} is not a top-level function of Code.js`);
    const alertsBefore = this.ui.alerts.length;
    const toastsBefore = book.toasts.length;
    const returned = entry(...args);
    if (this.document.lock.held) throw new Error(`${name} left the document lock held`);
    return {
      result:
        returned === undefined ? (undefined as T) : (JSON.parse(JSON.stringify(returned)) as T),
      sheetCalls: log.total(),
      callsByMethod: log.byMethod(),
      requests: urlFetch.requests,
      fetchAllCalls: urlFetch.fetchAllCalls,
      alerts: this.ui.alerts.slice(alertsBefore),
      toasts: book.toasts.slice(toastsBefore),
      errors,
      warnings,
    };
  }
}
