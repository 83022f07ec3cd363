import { networkSettingsPatchSchema, settingsOf } from "../../domain/network.js";
import { zodIssues } from "../../domain/validation-issue.js";
import { badRequest, notFound } from "../api-error.js";
import type { RouteContext, RouteResult } from "../context.js";
import { readJsonBody } from "../http-io.js";
import { requireCoordinator } from "./guards.js";

/** The caller's network and its settings (DESIGN §6): every member may read them. */
export async function getNetwork({ caller, stores }: RouteContext): Promise<RouteResult> {
  const network = await stores.networks.get(caller.network);
  if (!network) throw notFound(`Network ${caller.network} does not exist.`);
  return { status: 200, body: { network: caller.network, ...settingsOf(network) } };
}

/** Changes only the settings the body names. */
export async function putNetwork({ req, caller, stores }: RouteContext): Promise<RouteResult> {
  requireCoordinator(caller);
  const parsed = networkSettingsPatchSchema.safeParse(readJsonBody(req));
  if (!parsed.success) throw badRequest("Invalid network settings.", zodIssues(parsed.error));
  const settings = await stores.networks.putSettings(caller.network, parsed.data);
  if (!settings) throw notFound(`Network ${caller.network} does not exist.`);
  return { status: 200, body: { network: caller.network, ...settings } };
}
