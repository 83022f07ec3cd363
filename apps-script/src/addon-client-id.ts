/**
 * The OAuth client ID the API sees: the `aud` claim of this script's identity token, which Google
 * sets to the OAuth client of the Cloud project the script is linked to. The coordinator must list
 * it in the API's POLINET_AUDIENCES; the sidebar shows it, and says when it differs from the one
 * baked at push time (POLINET_AUDIENCE was set from another project).
 * The token is only decoded, never verified: the API verifies it, this is for display.
 */
import { BAKED_AUDIENCE } from "./baked-settings.js";

export interface AddonClientId {
  /** What the API will see as `aud`: read from the token, else the baked one. */
  clientId: string;
  /** The token says another client ID than the baked one. */
  differsFromBaked: boolean;
}

export function addonClientId(token: string | null = ScriptApp.getIdentityToken()): AddonClientId {
  const fromToken = token ? audienceOf(token) : null;
  return {
    clientId: fromToken ?? BAKED_AUDIENCE,
    differsFromBaked: fromToken !== null && fromToken !== BAKED_AUDIENCE,
  };
}

/** The `aud` of a JWT, or null if it cannot be read. */
export function audienceOf(token: string): string | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(base64UrlBytes(payload)) as { aud?: unknown };
    return typeof claims.aud === "string" ? claims.aud : null;
  } catch {
    return null;
  }
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * base64url → one character per byte. Apps Script has neither atob nor TextDecoder; decoding
 * here needs no Utilities service (the tests' fakes need none either). Multi-byte UTF-8 (an
 * accented name) stays as several characters, which is still valid JSON, and `aud` is ASCII.
 */
function base64UrlBytes(text: string): string {
  let bits = 0;
  let buffer = 0;
  let bytes = "";
  for (const char of text) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) {
      if (char === "=") break;
      throw new Error("not base64url");
    }
    buffer = ((buffer << 6) | value) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes += String.fromCharCode((buffer >> bits) & 0xff);
    }
  }
  return bytes;
}
