import { readPeriodReport } from "../../services/period-report.js";
import { recomputePeriod } from "../../services/recompute.js";
import { notFound } from "../api-error.js";
import type { RouteContext, RouteResult } from "../context.js";
import { readJsonBody } from "../http-io.js";
import { visibleTo } from "../indicator-privacy.js";
import { parseSelection, selectIndicators } from "../indicator-selection.js";
import { requirePeriod, requireWithinNetwork } from "../period-params.js";
import { requireRole } from "./guards.js";

/**
 * Always fresh: computed from the month summaries the submissions keep up to date, one batched
 * read of the network document and the summaries of the period, the previous one and a year before.
 */
export async function getIndicators({
  req,
  caller,
  params,
  stores,
}: RouteContext): Promise<RouteResult> {
  const period = requirePeriod(params.period);
  const selection = parseSelection(
    new URL(req.originalUrl ?? req.url, "http://localhost").searchParams,
    caller,
  );
  const read = await readPeriodReport(stores, caller.network, period);
  if (!read) throw notFound(`Network ${caller.network} does not exist.`);
  requireWithinNetwork(period, read.inputs.network.firstMonth);
  const report = read.report;
  return { status: 200, body: visibleTo(caller, selectIndicators(report, selection)) };
}

export async function postRecompute({ req, caller, stores }: RouteContext): Promise<RouteResult> {
  requireRole(caller, ["coordinator", "scheduler"]);
  const body = readJsonBody(req) as { period?: unknown } | null;
  const period = requirePeriod(body && typeof body === "object" ? body.period : undefined);
  const network = await stores.networks.get(caller.network);
  if (!network) throw notFound(`Network ${caller.network} does not exist.`);
  requireWithinNetwork(period, network.firstMonth);
  const result = await recomputePeriod(stores, caller.network, period);
  return {
    status: 200,
    body: {
      period: result.period,
      municipalities: result.municipalities,
      version: result.version,
      status: result.status,
      documentsRead: result.documentsRead,
      documentsWritten: result.documentsWritten,
    },
  };
}
