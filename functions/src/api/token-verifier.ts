import { OAuth2Client } from "google-auth-library";
import { unauthenticated } from "./api-error.js";

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
    let payload: { email?: string; email_verified?: boolean } | undefined;
    try {
      const ticket = await client.verifySignedJwtWithCertsAsync(
        token,
        await config.certificates(),
        config.audiences,
        config.issuers,
      );
      payload = ticket.getPayload();
    } catch (error) {
      throw unauthenticated(`Invalid ID token: ${(error as Error).message.split("\n")[0]}`);
    }
    if (!payload?.email) throw unauthenticated("The ID token carries no e-mail address.");
    if (payload.email_verified !== true) {
      throw unauthenticated(
        `The e-mail ${payload.email} is not verified by the identity provider.`,
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
