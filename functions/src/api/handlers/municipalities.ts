import { isIstatCode, municipalitySchema } from "../../domain/municipality.js";
import { zodIssues } from "../../domain/validation-issue.js";
import { badRequest, notFound } from "../api-error.js";
import type { RouteContext, RouteResult } from "../context.js";
import { readJsonBody } from "../http-io.js";
import { requireCoordinator } from "./guards.js";

export async function listMunicipalities({ caller, stores }: RouteContext): Promise<RouteResult> {
  const network = await stores.networks.get(caller.network);
  if (!network) throw notFound(`Network ${caller.network} does not exist.`);
  // ISTAT-code order, as a coordinator would list them.
  const municipalities = Object.entries(network.municipalities)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([istat, municipality]) => ({ istat, ...municipality }));
  return { status: 200, body: { municipalities } };
}

export async function putMunicipality({
  req,
  caller,
  params,
  stores,
}: RouteContext): Promise<RouteResult> {
  requireCoordinator(caller);
  const istat = params.istat ?? "";
  if (!isIstatCode(istat)) throw badRequest(`"${istat}" is not an ISTAT code: 6 digits expected.`);
  const parsed = municipalitySchema.safeParse(readJsonBody(req));
  if (!parsed.success) throw badRequest("Invalid municipality.", zodIssues(parsed.error));
  const outcome = await stores.networks.putMunicipality(caller.network, istat, parsed.data);
  return { status: outcome === "created" ? 201 : 200, body: { istat, ...parsed.data } };
}
