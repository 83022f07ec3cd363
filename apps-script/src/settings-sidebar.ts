/**
 * *Impostazioni*: a sidebar where staff set the server address and the municipality, and see
 * who the server says they are. The sidebar calls `getSettingsView` and `saveSettings` through
 * google.script.run; both answer plain objects with Italian text, never an exception.
 */
import { connect, fetchMe } from "./api-client.js";
import { type Me, readSettings, saveSettings as storeSettings } from "./document-settings.js";
import { buildMenu } from "./menu.js";
import { messageOf, UserError } from "./user-error.js";

export interface SettingsView {
  apiUrl: string;
  municipality: string;
  /** "Accesso come …": who the server recognised, or null. */
  identity: string | null;
  /** What went wrong, in Italian, or null. */
  problem: string | null;
  saved?: boolean;
}

export function showSettings(): void {
  const html = HtmlService.createHtmlOutputFromFile("settings").setTitle("POLI-NET – Impostazioni");
  SpreadsheetApp.getUi().showSidebar(html);
}

export function getSettingsView(): SettingsView {
  const settings = readSettings();
  try {
    const me = fetchMe(connect(settings));
    return {
      ...settings,
      municipality: settings.municipality || (me.municipality ?? ""),
      identity: describe(me),
      problem: null,
    };
  } catch (error) {
    return { ...settings, identity: null, problem: messageOf(error) };
  }
}

export function saveSettings(form: { apiUrl?: unknown; municipality?: unknown }): SettingsView {
  const apiUrl = String(form?.apiUrl ?? "").trim();
  const municipality = String(form?.municipality ?? "").trim();
  try {
    if (!/^https?:\/\/[^\s/]+/.test(apiUrl)) {
      throw new UserError(
        "L'indirizzo del server deve iniziare con https:// (lo indica il coordinatore della rete).",
      );
    }
    if (municipality !== "" && !/^\d{6}$/.test(municipality)) {
      throw new UserError("Il codice ISTAT del comune ha 6 cifre, per esempio 015182 per Rho.");
    }
    const me = fetchMe(connect({ apiUrl }));
    if (
      me.role !== "coordinator" &&
      me.municipality &&
      municipality !== "" &&
      municipality !== me.municipality
    ) {
      throw new UserError(
        `L'account ${me.email} è registrato per il comune ${me.municipality}, non per ${municipality}: correggere il codice ISTAT.`,
      );
    }
    const chosen = municipality || me.municipality || "";
    storeSettings({ apiUrl, municipality: chosen });
    buildMenu(me.role === "coordinator");
    return { apiUrl, municipality: chosen, identity: describe(me), problem: null, saved: true };
  } catch (error) {
    return { apiUrl, municipality, identity: null, problem: messageOf(error), saved: false };
  }
}

function describe(me: Me): string {
  if (me.role === "coordinator")
    return `Accesso come ${me.email}: coordinatore della rete ${me.network}.`;
  return `Accesso come ${me.email}: operatore del comune ${me.municipality ?? "?"} nella rete ${me.network}.`;
}
