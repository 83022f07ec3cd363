import { openDataCsv, openDataJson } from "../../reports/open-data-csv.js";
import type { ReportModel } from "../../reports/report-model.js";
import { notFound } from "../api-error.js";
import type { PublicRouteContext, RouteResult } from "../context.js";
import { requirePeriod } from "../period-params.js";

const FILE = /^(.+)\.(csv|json)$/;
/** Open data changes at most when a version is published: let caches keep it a few minutes. */
const CACHE = "public, max-age=300";

/**
 * `GET /open/{network}/{period}.csv|.json`, without a token (DESIGN §13): the latest published
 * version of the period's report, only when the network's `openData` setting is on. An unknown
 * network and a network without open data get the same 404, so nothing tells them apart.
 */
export async function getOpenData({ params, stores }: PublicRouteContext): Promise<RouteResult> {
  const id = params.network ?? "";
  const file = FILE.exec(params.file ?? "");
  const closed = notFound(`No open data at /open/${id.slice(0, 60)}.`);
  if (!file) throw notFound("Open data is served as {period}.csv or {period}.json.");
  const network = /^[A-Za-z0-9_-]{1,100}$/.test(id) ? await stores.networks.get(id) : null;
  if (!network?.openData) throw closed;
  const period = requirePeriod(file[1]);
  const latest = await stores.reports.latest(id, period.key);
  if (!latest) throw notFound(`No report of ${period.key} has been published.`);
  const report = latest.report as ReportModel;
  if (file[2] === "csv") {
    return {
      status: 200,
      body: openDataCsv(report),
      contentType: "text/csv; charset=utf-8",
      cacheControl: CACHE,
    };
  }
  return {
    status: 200,
    body: JSON.stringify({
      period: period.key,
      version: latest.version,
      publishedAt: latest.publishedAt,
      report: openDataJson(report),
    }),
    contentType: "application/json; charset=utf-8",
    cacheControl: CACHE,
  };
}
