/**
 * *Genera report* (coordinators) and *Report pubblicati* (everyone): publish a period's network
 * report and show where to read it, or list the reports already published. The API's pages need
 * the user's token, which a browser tab would not send, so the printable page opens inside the
 * add-on (`showReportPage` fetches it with the token); open data and the Google Sheet tab are
 * ordinary links.
 */
import type { ReportingPeriod } from "../../functions/src/domain/reporting-period.js";
import { connect, describeFailure } from "./api-client.js";
import { readSettings } from "./document-settings.js";
import { periodLabel, readPeriod } from "./period-input.js";
import { UserError } from "./user-error.js";

const TITLE = "POLI-NET – Genera report";

function esc(text: string): string {
  return String(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function absolute(apiUrl: string, path: string): string {
  return `${apiUrl.replace(/\/+$/, "")}${path}`;
}

/** A link to the printable page, opened in the add-on through google.script.run. */
function pageLink(period: string, version: number, text: string): string {
  const args = `${JSON.stringify(period)}, ${version}`;
  return `<a href="#" onclick='google.script.run.showReportPage(${esc(args)}); return false;'>${esc(text)}</a>`;
}

function showDialog(title: string, body: string, height = 320): void {
  const html = HtmlService.createHtmlOutput(
    `<!DOCTYPE html><html lang="it"><head><base target="_blank"><meta charset="utf-8"><style>` +
      "body{font-family:Arial,sans-serif;font-size:13px;color:#202124}li{margin:6px 0}" +
      "table{border-collapse:collapse}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #ddd}" +
      `</style></head><body>${body}</body></html>`,
  )
    .setWidth(560)
    .setHeight(height);
  SpreadsheetApp.getUi().showModalDialog(html, title);
}

interface Published {
  period: string;
  version: number;
  status: "published" | "unchanged";
  links: { html: string; json: string; openData?: { csv: string; json: string } };
  sheets?: { status: "written" | "failed"; url?: string };
}

function askPeriod(): ReportingPeriod | null {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(
    TITLE,
    "Periodo del report: un mese (2026-10), un trimestre (2026-T3), un semestre (2026-S1) o un anno (2026). Vuoto = l'ultimo mese concluso.",
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) return null;
  const typed = answer.getResponseText();
  const period = readPeriod(typed);
  if (!period) {
    throw new UserError(
      `Il periodo "${typed}" non è valido: scrivere un mese (2026-10), un trimestre (2026-T3), un semestre (2026-S1 o 2026-H1) o un anno (2026).`,
    );
  }
  return period;
}

export function generateReport(): void {
  const period = askPeriod();
  if (!period) return;
  const settings = readSettings();
  const response = connect(settings).call({
    method: "post",
    path: "/v1/reports",
    body: { period: period.key },
  });
  const label = periodLabel(period);
  if (response.status !== 200) {
    throw new UserError(describeFailure(response, `pubblicare il report di ${label}`));
  }
  const published = response.body as Published;
  const items = [
    `<li>${pageLink(published.period, published.version, "Report stampabile")}</li>`,
    `<li>Dati del report (JSON, per le applicazioni): <code>${esc(absolute(settings.apiUrl, published.links.json))}</code></li>`,
  ];
  const open = published.links.openData;
  if (open) {
    items.push(
      `<li>Dati aperti: <a href="${esc(absolute(settings.apiUrl, open.csv))}">CSV</a> · ` +
        `<a href="${esc(absolute(settings.apiUrl, open.json))}">JSON</a></li>`,
    );
  }
  if (published.sheets?.status === "written" && published.sheets.url) {
    items.push(
      `<li><a href="${esc(published.sheets.url)}">Scheda nel foglio Google della rete</a></li>`,
    );
  } else if (published.sheets?.status === "failed") {
    items.push(
      "<li>La scrittura nel foglio Google della rete non è riuscita: il report è comunque pubblicato; " +
        "verificare che il foglio sia condiviso con il servizio POLI-NET e generare di nuovo.</li>",
    );
  }
  const what =
    published.status === "published"
      ? `Pubblicata la versione ${published.version} del report di ${esc(label)}.`
      : `Il report di ${esc(label)} non è cambiato: resta la versione ${published.version}.`;
  showDialog(TITLE, `<p>${what}</p><ul>${items.join("")}</ul>`);
}

interface ListedReport {
  period: string;
  latest: number;
  publishedAt: string;
}

/** *Report pubblicati*: every period of the network with a report, its latest version. */
export function showPublishedReports(): void {
  const settings = readSettings();
  const api = connect(settings);
  const [list, network] = api.callAll([
    { method: "get", path: "/v1/reports" },
    { method: "get", path: "/v1/network" },
  ]);
  if (list?.status !== 200) {
    throw new UserError(describeFailure(list ?? { status: 0, body: null }, "leggere i report"));
  }
  // The latest publications first: what the network just discussed is on top.
  const reports = (list.body.reports as ListedReport[])
    .slice()
    .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0));
  const openData = network?.status === 200 && network.body.openData === true;
  const id = network?.status === 200 ? String(network.body.network ?? "") : "";
  if (reports.length === 0) {
    showDialog(
      "POLI-NET – Report pubblicati",
      "<p>La rete non ha ancora pubblicato report.</p>",
      160,
    );
    return;
  }
  const rows = reports.map((r) => {
    const period = readPeriod(r.period);
    const label = period ? periodLabel(period) : r.period;
    const date = new Date(r.publishedAt).toLocaleDateString("it-IT", { timeZone: "Europe/Rome" });
    const open =
      openData && id
        ? ` · <a href="${esc(absolute(settings.apiUrl, `/open/${encodeURIComponent(id)}/${encodeURIComponent(r.period)}.csv`))}">CSV</a>`
        : "";
    return (
      `<tr><th scope="row">${esc(label)}</th><td>${r.latest}</td><td>${esc(date)}</td>` +
      `<td>${pageLink(r.period, r.latest, "Apri")}${open}</td></tr>`
    );
  });
  showDialog(
    "POLI-NET – Report pubblicati",
    `<table><caption>Report pubblicati della rete</caption><thead><tr><th scope="col">Periodo</th>` +
      `<th scope="col">Versione</th><th scope="col">Pubblicato il</th><th scope="col">Report</th></tr></thead>` +
      `<tbody>${rows.join("")}</tbody></table>`,
    420,
  );
}

/** google.script.run handler: the printable page of a version, fetched with the user's token. */
export function showReportPage(period: unknown, version: unknown): void {
  const parsed = typeof period === "string" ? readPeriod(period) : null;
  if (!parsed || typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    throw new UserError("Report non valido.");
  }
  const response = connect(readSettings()).call({
    method: "get",
    path: `/v1/reports/${encodeURIComponent(parsed.key)}/versions/${version}.html`,
  });
  if (response.status !== 200) {
    throw new UserError(describeFailure(response, `leggere il report di ${periodLabel(parsed)}`));
  }
  const html = HtmlService.createHtmlOutput(response.text ?? "")
    .setWidth(900)
    .setHeight(650);
  SpreadsheetApp.getUi().showModalDialog(html, `Report ${periodLabel(parsed)}`);
}
