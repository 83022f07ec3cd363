/**
 * Which server addresses the add-on accepts. The manifest's urlFetchWhitelist holds only the baked
 * address, so UrlFetchApp would refuse any other one with a message staff cannot act on; the
 * add-on refuses it first, in Italian, on the script side (the sidebar's HTML can be bypassed).
 * Apps Script has no URL class: the address is read with a regular expression.
 */
import { BAKED_API_URL } from "./baked-settings.js";
import { UserError } from "./user-error.js";

const ADDRESS = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\s]*)([^?#\s]*)$/i;

/** The address as the add-on will use it (scheme and host in lower case, ending with "/"), or a UserError. */
export function checkApiUrl(typed: string): string {
  const text = typed.trim();
  const parts = ADDRESS.exec(text);
  const scheme = (parts?.[1] ?? "").toLowerCase();
  if (!parts || (scheme !== "https" && scheme !== "http")) {
    throw new UserError(
      `L'indirizzo del server deve iniziare con https://, per esempio ${BAKED_API_URL} (lo indica il coordinatore della rete).`,
    );
  }
  const host = (parts[2] ?? "").toLowerCase();
  const path = parts[3] ?? "";
  if (scheme === "http") {
    throw new UserError(
      `L'indirizzo ${text} usa http://, che non protegge i dati: il server POLI-NET si raggiunge solo con https://, all'indirizzo ${BAKED_API_URL}.`,
    );
  }
  const address = `${scheme}://${host}${path.endsWith("/") ? path : `${path}/`}`;
  if (scheme !== "https" || !address.startsWith(BAKED_API_URL)) {
    throw new UserError(
      `Questo componente aggiuntivo comunica solo con il server ${BAKED_API_URL}, non con ${text}. Per un altro server il coordinatore deve pubblicare di nuovo il componente aggiuntivo con quell'indirizzo.`,
    );
  }
  return address;
}

export function isAllowedApiUrl(url: string): boolean {
  try {
    checkApiUrl(url);
    return true;
  } catch {
    return false;
  }
}
