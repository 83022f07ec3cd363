import { z } from "zod";
import { monthOf } from "../../domain/period.js";
import type { ReportingPeriod } from "../../domain/reporting-period.js";
import { zodIssues } from "../../domain/validation-issue.js";
import { diffReports } from "../../reports/report-diff.js";
import { reportLinks } from "../../reports/report-links.js";
import type { ReportModel } from "../../reports/report-model.js";
import { publishReport } from "../../services/publish-report.js";
import { badRequest, notFound } from "../api-error.js";
import type { RouteContext, RouteResult } from "../context.js";
import { readJsonBody } from "../http-io.js";
import { requirePeriod, requireWithinNetwork } from "../period-params.js";
import { requireRole } from "./guards.js";

const publishBody = z.strictObject({ period: z.string().max(20) });

/** Freezes the period's report as a new version if its content changed (coordinator, scheduler). */
export async function postReport({
  req,
  caller,
  stores,
  sheetsClient,
}: RouteContext): Promise<RouteResult> {
  requireRole(caller, ["coordinator", "scheduler"]);
  const parsed = publishBody.safeParse(readJsonBody(req));
  if (!parsed.success) throw badRequest("Invalid report request.", zodIssues(parsed.error));
  const period = requirePeriod(parsed.data.period);
  const network = await stores.networks.get(caller.network);
  if (!network) throw notFound(`Network ${caller.network} does not exist.`);
  requireWithinNetwork(period, network.firstMonth);
  const first = period.months[0] as string;
  if (first > monthOf(new Date())) {
    throw badRequest(`Period ${period.key} has not started yet: there is nothing to publish.`);
  }
  const result = await publishReport(
    stores,
    caller.network,
    period,
    caller.email,
    new Date(),
    sheetsClient,
  );
  return {
    status: 200,
    body: {
      period: result.period,
      version: result.version,
      status: result.status,
      links: reportLinks(caller.network, period.key, result.version, network.openData),
      documentsRead: result.documentsRead,
      documentsWritten: result.documentsWritten,
      // The Google Sheet's outcome, when the network has one: a failed write is said, not thrown.
      ...(result.sheets ? { sheets: result.sheets } : {}),
    },
  };
}

/** Every period with a published report, and its latest version (members). */
export async function listReports({ caller, stores }: RouteContext): Promise<RouteResult> {
  return { status: 200, body: { reports: await stores.reports.periods(caller.network) } };
}

/** The versions of a period's report (members); none yet is an empty list. */
export async function listReportVersions({
  caller,
  params,
  stores,
}: RouteContext): Promise<RouteResult> {
  const period = requirePeriod(params.period);
  const versions = await stores.reports.versions(caller.network, period.key);
  return { status: 200, body: { period: period.key, versions } };
}

function versionNumber(raw: string | null | undefined, name: string): number {
  if (!raw || !/^[1-9]\d{0,8}$/.test(raw)) {
    throw badRequest(`${name} "${raw ?? ""}" is not a version number: 1, 2, 3… expected.`);
  }
  return Number(raw);
}

async function frozen(context: RouteContext, period: ReportingPeriod, version: number) {
  const found = await context.stores.reports.get(context.caller.network, period.key, version);
  if (!found) throw notFound(`Report ${period.key} has no version ${version}.`);
  return found;
}

/** One frozen version: `{period, version, publishedAt, by, report}` (members). */
export async function getReportVersion(context: RouteContext): Promise<RouteResult> {
  const period = requirePeriod(context.params.period);
  const version = versionNumber(context.params.version, "Version");
  const found = await frozen(context, period, version);
  return { status: 200, body: { period: period.key, ...found } };
}

/** Every value that changed from version `from` to version `to` (members). */
export async function getReportDiff(context: RouteContext): Promise<RouteResult> {
  const period = requirePeriod(context.params.period);
  const query = new URL(context.req.originalUrl ?? context.req.url, "http://localhost")
    .searchParams;
  const from = versionNumber(query.get("from"), "from");
  const to = versionNumber(query.get("to"), "to");
  if (from > to)
    throw badRequest(`from (${from}) is after to (${to}): ask from the older version.`);
  const [a, b] = await Promise.all([frozen(context, period, from), frozen(context, period, to)]);
  const changes = diffReports(a.report as ReportModel, b.report as ReportModel);
  return { status: 200, body: { period: period.key, from, to, changes } };
}
