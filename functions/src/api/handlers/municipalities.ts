import { isIstatCode, municipalitySchema } from "../../domain/municipality.js";
import { badRequest } from "../api-error.js";
import type { RouteContext, RouteResult } from "../context.js";
import { readJsonBody } from "../http-io.js";
import { zodIssues } from "../issues.js";
import { requireCoordinator } from "./guards.js";

export async function listMunicipalities({ caller, stores }: RouteContext): Promise<RouteResult> {
  return {
    status: 200,
    body: { municipalities: await stores.municipalities.list(caller.network) },
  };
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
  const outcome = await stores.municipalities.put(caller.network, istat, parsed.data);
  return { status: outcome === "created" ? 201 : 200, body: { istat, ...parsed.data } };
}
