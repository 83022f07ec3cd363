/**
 * *Impostazioni*: a sidebar where staff set the server address and the municipality, and see
 * who the server says they are. It also shows what this version of the add-on was pushed with
 * (the server and the OAuth client ID), so that a coordinator can check them against the API's
 * POLINET_AUDIENCES. The sidebar calls `getSettingsView` and `saveSettings` through
 * google.script.run; both answer plain objects with Italian text, never an exception.
 */
import { addonClientId } from "./addon-client-id.js";
import { checkApiUrl } from "./api-address.js";
import { connect, fetchMe } from "./api-client.js";
import { BAKED_API_URL, BAKED_AUDIENCE } from "./baked-settings.js";
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
  addon: AddonFacts;
}

/** What the coordinator checks: fixed when the add-on was pushed, not editable here. */
export interface AddonFacts {
  /** The only server this version may call (the manifest's urlFetchWhitelist). */
  server: string;
  /** The OAuth client ID the API sees in the tokens: it must be in POLINET_AUDIENCES. */
  clientId: string;
  /** In Italian, when the token's client ID is not the one baked at push time; else null. */
  warning: string | null;
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
      addon: addonFacts(),
    };
  } catch (error) {
    return { ...settings, identity: null, problem: messageOf(error), addon: addonFacts() };
  }
}

/** Checked here, on the script side: the sidebar's HTML only displays what this answers. */
export function saveSettings(form: { apiUrl?: unknown; municipality?: unknown }): SettingsView {
  const typed = String(form?.apiUrl ?? "").trim();
  const municipality = String(form?.municipality ?? "").trim();
  try {
    const apiUrl = checkApiUrl(typed);
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
    return {
      apiUrl,
      municipality: chosen,
      identity: describe(me),
      problem: null,
      saved: true,
      addon: addonFacts(),
    };
  } catch (error) {
    return {
      apiUrl: typed,
      municipality,
      identity: null,
      problem: messageOf(error),
      saved: false,
      addon: addonFacts(),
    };
  }
}

function addonFacts(): AddonFacts {
  let id = { clientId: BAKED_AUDIENCE, differsFromBaked: false };
  try {
    id = addonClientId();
  } catch {
    // No identity token (authorisation missing): the baked ID is still worth showing.
  }
  return {
    server: BAKED_API_URL,
    clientId: id.clientId,
    warning: id.differsFromBaked
      ? `Google identifica questo componente aggiuntivo con l'ID client ${id.clientId}, ma è stato pubblicato indicando ${BAKED_AUDIENCE}: il coordinatore deve pubblicarlo di nuovo con POLINET_AUDIENCE=${id.clientId} e verificare che questo ID sia in POLINET_AUDIENCES del server.`
      : null,
  };
}

function describe(me: Me): string {
  if (me.role === "coordinator")
    return `Accesso come ${me.email}: coordinatore della rete ${me.network}.`;
  return `Accesso come ${me.email}: operatore del comune ${me.municipality ?? "?"} nella rete ${me.network}.`;
}
