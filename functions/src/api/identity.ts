import type { Request } from "@google-cloud/functions-framework";
import type { Caller } from "../domain/caller.js";
import { normaliseEmail } from "../domain/member.js";
import type { MemberStore } from "../store/member-store.js";
import { forbidden, unauthenticated } from "./api-error.js";
import type { VerifyToken } from "./token-verifier.js";

/** Maps the bearer token to a member of a network, or refuses with 401/403. */
export async function identify(
  req: Request,
  verify: VerifyToken,
  members: MemberStore,
): Promise<Caller> {
  const header = req.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw unauthenticated("Missing 'Authorization: Bearer <ID token>' header.");
  const { email } = await verify(match[1]);
  const normalised = normaliseEmail(email);
  const member = await members.get(normalised);
  if (!member) {
    throw forbidden(
      `${normalised} non è registrato in nessuna rete POLI-NET: chiedere al coordinatore di essere aggiunti.`,
    );
  }
  return {
    email: normalised,
    role: member.role,
    network: member.network,
    ...(member.municipality ? { municipality: member.municipality } : {}),
  };
}
