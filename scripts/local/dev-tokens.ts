import { randomUUID } from "node:crypto";
import { exportSPKI, generateKeyPair, SignJWT } from "jose";
import { createTokenVerifier, type VerifyToken } from "../../functions/src/api/token-verifier.js";

/** What local tokens say; production never accepts this issuer or audience. */
export const LOCAL_ISSUER = "https://poli-net.local/dev-token";
export const LOCAL_AUDIENCE = "poli-net-local";

export interface DevTokenRequest {
  email: string;
  /** For tests of expired tokens; default one hour. */
  expiresInSeconds?: number;
  /** For tests of a wrong audience; default the local audience. */
  audience?: string;
}

export interface DevTokens {
  sign(request: DevTokenRequest): Promise<string>;
  /** The production verification code, configured with this stack's key and audience. */
  verify: VerifyToken;
}

/**
 * A signing key made at each start of the local stack, so that tokens mean nothing anywhere
 * else and nothing secret is ever written to disk.
 */
export async function createDevTokens(): Promise<DevTokens> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const kid = randomUUID();
  const publicPem = await exportSPKI(publicKey);
  const verify = createTokenVerifier({
    audiences: [LOCAL_AUDIENCE],
    issuers: [LOCAL_ISSUER],
    certificates: async () => ({ [kid]: publicPem }),
  });
  return {
    verify,
    sign: async ({ email, expiresInSeconds = 3600, audience = LOCAL_AUDIENCE }) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ email, email_verified: true })
        .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
        .setIssuer(LOCAL_ISSUER)
        .setAudience(audience)
        .setSubject(email)
        .setIssuedAt(expiresInSeconds > 0 ? now : now + expiresInSeconds - 60)
        .setExpirationTime(now + expiresInSeconds)
        .sign(privateKey);
    },
  };
}
