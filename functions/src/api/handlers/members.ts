import { emailSchema, memberSchema, normaliseEmail } from "../../domain/member.js";
import { zodIssues } from "../../domain/validation-issue.js";
import { badRequest, forbidden } from "../api-error.js";
import type { RouteContext, RouteResult } from "../context.js";
import { readJsonBody } from "../http-io.js";
import { requireCoordinator } from "./guards.js";

export async function putMember({
  req,
  caller,
  params,
  stores,
}: RouteContext): Promise<RouteResult> {
  requireCoordinator(caller);
  const email = normaliseEmail(params.email ?? "");
  if (!emailSchema.safeParse(email).success)
    throw badRequest(`"${email}" is not an e-mail address.`);
  const parsed = memberSchema.safeParse(readJsonBody(req));
  if (!parsed.success) throw badRequest("Invalid member.", zodIssues(parsed.error));
  const { municipality } = parsed.data;
  const network = await stores.networks.get(caller.network);
  if (municipality && !network?.municipalities[municipality]) {
    throw badRequest(`Municipality ${municipality} is not in network ${caller.network}.`, [
      { path: ["municipality"], message: `Il comune ${municipality} non fa parte della rete.` },
    ]);
  }
  const outcome = await stores.members.put(caller.network, email, parsed.data);
  if (outcome === "foreign") throw forbidden(`${email} is a member of another network.`);
  return {
    status: outcome === "created" ? 201 : 200,
    body: { email, network: caller.network, ...parsed.data },
  };
}
