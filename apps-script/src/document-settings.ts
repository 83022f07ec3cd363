/**
 * What the add-on remembers in the spreadsheet's document properties, shared by every colleague
 * who works in the same sheet: the server address, the municipality, who the server said the
 * last user was (for the menu), the network areas, and a fingerprint of each accepted month.
 */
import { isAllowedApiUrl } from "./api-address.js";
import { BAKED_API_URL } from "./baked-settings.js";
import { UserError } from "./user-error.js";

const KEY = {
  apiUrl: "polinet.apiUrl",
  municipality: "polinet.municipality",
  me: "polinet.me",
  areas: "polinet.areas",
} as const;
const SENT_PREFIX = "polinet.sent.";

export interface Settings {
  apiUrl: string;
  /** ISTAT code, or "" until chosen. */
  municipality: string;
}

export interface Me {
  email: string;
  role: "staff" | "coordinator" | string;
  network: string;
  municipality: string | null;
}

export interface Area {
  code: string;
  name: string;
}

/** The last accepted submission of a month: its fingerprint and the revision the server gave. */
export interface SentMonth {
  fingerprint: string;
  revision: number;
}

const props = () => PropertiesService.getDocumentProperties();

/**
 * A stored address this version may not call (saved under an earlier version pushed for another
 * server) gives way to the baked one: the urlFetchWhitelist would refuse it anyway.
 */
export function readSettings(): Settings {
  const all = props().getProperties();
  const stored = all[KEY.apiUrl];
  return {
    apiUrl: stored && isAllowedApiUrl(stored) ? stored : BAKED_API_URL,
    municipality: all[KEY.municipality] ?? "",
  };
}

export function saveSettings(settings: Settings): void {
  props().setProperties({
    [KEY.apiUrl]: settings.apiUrl,
    [KEY.municipality]: settings.municipality,
  });
}

/** Settings an action needs, with the municipality the server gave the user when none is set. */
export function requireSettings(me?: Me | null): Settings & { municipality: string } {
  const settings = readSettings();
  const municipality = settings.municipality || me?.municipality || cachedMe()?.municipality || "";
  if (!municipality) {
    throw new UserError(
      "Il comune non è ancora indicato: aprire POLI-NET › Impostazioni e scegliere il codice ISTAT del comune.",
    );
  }
  return { ...settings, municipality };
}

export function cachedMe(): Me | null {
  return parse<Me>(props().getProperty(KEY.me));
}

export function cacheMe(me: Me): void {
  props().setProperty(KEY.me, JSON.stringify(me));
}

export function cachedAreas(): Area[] {
  return parse<Area[]>(props().getProperty(KEY.areas)) ?? [];
}

export function cacheAreas(areas: Area[]): void {
  props().setProperty(KEY.areas, JSON.stringify(areas));
}

/** Fingerprints are per municipality: changing it in the settings must resend everything. */
export function readSentMonths(municipality: string): Map<string, SentMonth> {
  const prefix = `${SENT_PREFIX}${municipality}.`;
  const sent = new Map<string, SentMonth>();
  for (const [key, value] of Object.entries(props().getProperties())) {
    const entry = key.startsWith(prefix) ? parse<SentMonth>(value) : null;
    if (entry) sent.set(key.slice(prefix.length), entry);
  }
  return sent;
}

export function recordSentMonths(municipality: string, months: Map<string, SentMonth>): void {
  if (months.size === 0) return;
  const update: Record<string, string> = {};
  for (const [month, entry] of months) {
    update[`${SENT_PREFIX}${municipality}.${month}`] = JSON.stringify(entry);
  }
  props().setProperties(update);
}

function parse<T>(text: string | null | undefined): T | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}
