import { areaSchema, isAreaCode } from "../../domain/area.js";
import { zodIssues } from "../../domain/validation-issue.js";
import { badRequest, notFound } from "../api-error.js";
import type { RouteContext, RouteResult } from "../context.js";
import { readJsonBody } from "../http-io.js";
import { requireCoordinator } from "./guards.js";

export async function listAreas({ caller, stores }: RouteContext): Promise<RouteResult> {
  const network = await stores.networks.get(caller.network);
  if (!network) throw notFound(`Network ${caller.network} does not exist.`);
  const areas = Object.entries(network.areas)
    .map(([code, area]) => ({ code, ...area }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  return { status: 200, body: { areas } };
}

export async function putArea({ req, caller, params, stores }: RouteContext): Promise<RouteResult> {
  requireCoordinator(caller);
  const code = params.code ?? "";
  if (!isAreaCode(code)) {
    throw badRequest(`Area code "${code}" is invalid: use lower-case letters, digits and dashes.`);
  }
  const parsed = areaSchema.safeParse(readJsonBody(req));
  if (!parsed.success) throw badRequest("Invalid area.", zodIssues(parsed.error));
  const outcome = await stores.networks.putArea(caller.network, code, parsed.data);
  return { status: outcome === "created" ? 201 : 200, body: { code, ...parsed.data } };
}
