import { OAuth2Client } from "google-auth-library";
import { logError } from "../services/log.js";
import { unauthenticated, unavailable } from "./api-error.js";

/** Where the public keys come from and what a valid token must say. */
export interface TokenVerifierConfig {
  /** Accepted `aud` values. Never empty: the library would then check no audience at all. */
  audiences: string[];
  issuers: string[];
  /** `kid` → PEM certificate or public key. */
  certificates: () => Promise<Record<string, string>>;
}

export type VerifyToken = (token: string) => Promise<{ email: string }>;

export const GOOGLE_ISSUERS = ["accounts.google.com", "https://accounts.google.com"];

/**
 * What failed, in words that name neither the token nor its claims. google-auth-library puts the
 * whole token or its JSON payload (e-mail included) in its messages and has no error codes, so
 * the reason is read from how each of its messages starts (oauth2client.js,
 * verifySignedJwtWithCertsAsync); anything unrecognised gets the generic reason.
 */
const FAILURES: [prefix: string, reason: string][] = [
  ["Token used too late", "the ID token has expired"],
  ["Token used too early", "the ID token is not valid yet (issued in the future)"],
  ["Expiration time too far in future", "the ID token's lifetime is too long"],
  ["Wrong recipient", "the ID token was issued for another audience"],
  ["Invalid issuer", "the ID token was issued by an issuer that is not accepted"],
  ["Invalid token signature", "the ID token's signature is invalid"],
  ["No pem found", "the ID token is signed with an unknown key"],
  ["Wrong number of segments", "the ID token is malformed (not a JWT)"],
  ["Can't parse token", "the ID token is malformed (unreadable header or payload)"],
  ["No issue time", "the ID token is malformed (no issue time)"],
  ["No expiration time", "the ID token is malformed (no expiry)"],
  ["iat field", "the ID token is malformed (bad issue time)"],
  ["exp field", "the ID token is malformed (bad expiry)"],
];

export function failureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  return (
    FAILURES.find(([prefix]) => message.startsWith(prefix))?.[1] ??
    "the ID token could not be verified"
  );
}

/** Seconds a caller should wait when the identity provider's keys could not be fetched. */
export const KEYS_RETRY_AFTER_SECONDS = 10;

/**
 * Verifies an ID token's signature, expiry, audience and issuer with google-auth-library, and
 * requires a verified e-mail. Production and the local stack share this code; they differ only in
 * the keys and the audience they configure.
 */
export function createTokenVerifier(
  config: TokenVerifierConfig,
  client = new OAuth2Client(),
): VerifyToken {
  if (config.audiences.length === 0) {
    throw new Error(
      "No token audience configured: refusing to verify tokens without an audience check.",
    );
  }
  return async (token) => {
    let certificates: Record<string, string>;
    try {
      certificates = await config.certificates();
    } catch (error) {
      // Not the caller's fault and likely brief (Google's key endpoint, the network): 503, so that
      // clients retry instead of thinking their token is bad.
      logError("Could not fetch the ID token signing keys", error);
      throw unavailable(
        "The identity provider's signing keys could not be fetched; retry in a few seconds.",
        KEYS_RETRY_AFTER_SECONDS,
      );
    }
    let payload: { email?: string; email_verified?: boolean } | undefined;
    try {
      const ticket = await client.verifySignedJwtWithCertsAsync(
        token,
        certificates,
        config.audiences,
        config.issuers,
      );
      payload = ticket.getPayload();
    } catch (error) {
      throw unauthenticated(`Invalid ID token: ${failureReason(error)}.`);
    }
    if (!payload?.email) throw unauthenticated("The ID token carries no e-mail address.");
    if (payload.email_verified !== true) {
      throw unauthenticated(
        "The ID token's e-mail address is not verified by the identity provider.",
      );
    }
    return { email: payload.email };
  };
}

/** Production: Google-signed ID tokens (Apps Script's ScriptApp.getIdentityToken()). */
export function googleTokenVerifier(audiences: string[]): VerifyToken {
  const client = new OAuth2Client();
  return createTokenVerifier(
    {
      audiences,
      issuers: GOOGLE_ISSUERS,
      certificates: async () =>
        (await client.getFederatedSignonCertsAsync()).certs as Record<string, string>,
    },
    client,
  );
}
