/**
 * Fakes of the Apps Script services besides the spreadsheet: document properties (with the real
 * size limits), the document lock, the Ui (menus, toasts, alerts, prompts, sidebars),
 * HtmlService reading the built HTML files, Session and ScriptApp.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type FakeTriggers, WEEK_DAY } from "./fake-triggers-mail.js";

/** Apps Script's limits: 9 KB per value, 500 KB per store. */
export class FakeProperties {
  readonly values = new Map<string, string>();
  reads = 0;

  private check(next: Map<string, string>) {
    let total = 0;
    for (const [key, value] of next) {
      if (key.length + value.length > 9 * 1024) throw new Error(`Argument too large: ${key}`);
      total += key.length + value.length;
    }
    if (total > 500 * 1024) throw new Error("You have exceeded the property storage quota.");
  }

  getProperty = (key: string) => {
    this.reads++;
    return this.values.get(key) ?? null;
  };
  getProperties = () => {
    this.reads++;
    return Object.fromEntries(this.values);
  };
  setProperty = (key: string, value: string) => this.setProperties({ [key]: value });
  setProperties = (update: Record<string, string>, deleteAllOthers = false) => {
    const next = new Map(deleteAllOthers ? [] : this.values);
    for (const [key, value] of Object.entries(update)) next.set(key, String(value));
    this.check(next);
    this.values.clear();
    for (const [key, value] of next) this.values.set(key, value);
    return this;
  };
  deleteProperty = (key: string) => {
    this.values.delete(key);
    return this;
  };
}

/** The document lock; `heldElsewhere` plays a colleague in the middle of an action. */
export class FakeLock {
  heldElsewhere = false;
  held = false;
  acquisitions = 0;

  tryLock = (_ms: number) => {
    if (this.heldElsewhere || this.held) return false;
    this.held = true;
    this.acquisitions++;
    return true;
  };
  waitLock = (ms: number) => {
    if (!this.tryLock(ms))
      throw new Error("Lock timeout: another process was holding the lock for too long.");
  };
  hasLock = () => this.held;
  releaseLock = () => {
    this.held = false;
  };
}

export interface MenuItem {
  caption: string;
  functionName: string;
}

const BUTTONS = { OK: "OK", CANCEL: "CANCEL", CLOSE: "CLOSE", YES: "YES", NO: "NO" } as const;

export class FakeUi {
  readonly ButtonSet = {
    OK: "OK",
    OK_CANCEL: "OK_CANCEL",
    YES_NO: "YES_NO",
    YES_NO_CANCEL: "YES_NO_CANCEL",
  };
  readonly Button = BUTTONS;
  menu: MenuItem[] | null = null;
  readonly alerts: { title: string; message: string }[] = [];
  readonly sidebars: FakeHtmlOutput[] = [];
  /** Answers for the next prompts, in order; with none left a prompt is answered OK and empty. */
  readonly promptAnswers: { button?: keyof typeof BUTTONS; text?: string }[] = [];
  readonly prompts: string[] = [];

  createAddonMenu = () => {
    const items: MenuItem[] = [];
    const menu = {
      addItem: (caption: string, functionName: string) => {
        items.push({ caption, functionName });
        return menu;
      },
      addSeparator: () => {
        items.push({ caption: "---", functionName: "" });
        return menu;
      },
      addToUi: () => {
        this.menu = items;
      },
    };
    return menu;
  };
  /** Buttons pressed on the next alerts, in order; with none left an alert is answered OK. */
  readonly alertAnswers: (keyof typeof BUTTONS)[] = [];
  alert = (title: string, message?: string, _buttons?: string) => {
    this.alerts.push({ title, message: message ?? "" });
    return this.alertAnswers.shift() ?? BUTTONS.OK;
  };
  prompt = (title: string, message?: string, _buttons?: string) => {
    this.prompts.push(`${title}\n${message ?? ""}`);
    const answer = this.promptAnswers.shift() ?? {};
    return {
      getSelectedButton: () => answer.button ?? "OK",
      getResponseText: () => answer.text ?? "",
    };
  };
  showSidebar = (html: FakeHtmlOutput) => {
    this.sidebars.push(html);
  };
  readonly dialogs: { title: string; html: FakeHtmlOutput }[] = [];
  showModalDialog = (html: FakeHtmlOutput, title: string) => {
    this.dialogs.push({ title, html });
  };
}

export class FakeHtmlOutput {
  title = "";
  constructor(readonly content: string) {}
  setTitle = (title: string) => {
    this.title = title;
    return this;
  };
  getTitle = () => this.title;
  width = 0;
  height = 0;
  setWidth = (width: number) => {
    this.width = width;
    return this;
  };
  setHeight = (height: number) => {
    this.height = height;
    return this;
  };
  getContent = () => this.content;
}

/** Reads `<name>.html` from the built add-on, failing as Apps Script does if it was not pushed. */
export function fakeHtmlService(outDir: string) {
  return {
    createHtmlOutput(html: string) {
      return new FakeHtmlOutput(html);
    },
    createHtmlOutputFromFile(name: string) {
      const file = join(outDir, `${name}.html`);
      if (!existsSync(file)) throw new Error(`No HTML file named ${name} was found.`);
      return new FakeHtmlOutput(readFileSync(file, "utf8"));
    },
  };
}

export const AUTH_MODE = {
  NONE: "NONE",
  CUSTOM_FUNCTION: "CUSTOM_FUNCTION",
  LIMITED: "LIMITED",
  FULL: "FULL",
} as const;

export function fakeScriptApp(identityToken: () => string | null, triggers: FakeTriggers) {
  return {
    AuthMode: AUTH_MODE,
    WeekDay: WEEK_DAY,
    getIdentityToken: identityToken,
    newTrigger: triggers.newTrigger,
    getProjectTriggers: triggers.getProjectTriggers,
    deleteTrigger: triggers.deleteTrigger,
  };
}

export function fakeSession(email: string) {
  const user = { getEmail: () => email };
  return { getActiveUser: () => user, getEffectiveUser: () => user };
}
