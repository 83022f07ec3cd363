import { renderReportHtml } from "../../reports/report-html.js";
import type { ReportModel } from "../../reports/report-model.js";
import { badRequest, notFound } from "../api-error.js";
import type { RouteContext, RouteResult } from "../context.js";
import { requirePeriod } from "../period-params.js";

/**
 * The page has no script and loads nothing: its only styles are inline (the `<style>` element and
 * the SVG's attributes), so the policy forbids everything else, whatever a name in it might say.
 */
const POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** `GET /v1/reports/{period}/versions/{n}.html` (members): the printable Italian report. */
export async function getReportVersionHtml({
  caller,
  params,
  stores,
}: RouteContext): Promise<RouteResult> {
  const period = requirePeriod(params.period);
  const raw = params.version ?? "";
  if (!/^[1-9]\d{0,8}$/.test(raw)) {
    throw badRequest(`Version "${raw.slice(0, 20)}" is not a version number: 1, 2, 3… expected.`);
  }
  const found = await stores.reports.get(caller.network, period.key, Number(raw));
  if (!found) throw notFound(`Report ${period.key} has no version ${raw}.`);
  const html = await renderReportHtml(found.report as ReportModel, {
    version: found.version,
    publishedAt: found.publishedAt,
  });
  return {
    status: 200,
    body: html,
    contentType: "text/html; charset=utf-8",
    headers: { "Content-Security-Policy": POLICY, "X-Content-Type-Options": "nosniff" },
  };
}
