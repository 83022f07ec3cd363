/**
 * *Da fare*: the sidebar of what needs doing, from `GET /v1/me/todo` (DESIGN §12): months missing
 * or late, warnings to correct or justify, procedure cards due or stale, peaks of the next 60
 * days without measures; for a coordinator the same per municipality. Built here as HTML with
 * every server text escaped (names, messages and titles are typed by people).
 */
import { italianMonth, type Month } from "../../functions/src/domain/period.js";
import { connect, describeFailure } from "./api-client.js";
import { readSettings } from "./document-settings.js";
import { UserError } from "./user-error.js";

export interface Todo {
  municipality: string;
  name: string;
  months: { month: Month; state: "missing" | "due"; dueDate: string }[];
  warnings: { month: Month; id: string; message: string }[];
  cards: { code: string; status: "due" | "stale"; nextReview: string }[];
  peaks: { title: string; source: string; effectiveStart: string }[];
  count: number;
}

type TodoResponse = { today: string } & (Todo | { municipalities: Todo[] });

export function showTodo(): void {
  const api = connect(readSettings());
  const response = api.call({ method: "get", path: "/v1/me/todo" });
  if (response.status !== 200)
    throw new UserError(describeFailure(response, "leggere le cose da fare"));
  const html = HtmlService.createHtmlOutput(todoHtml(response.body as TodoResponse)).setTitle(
    "POLI-NET – Da fare",
  );
  SpreadsheetApp.getUi().showSidebar(html);
}

const escapeHtml = (text: unknown) =>
  String(text ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
const italianDate = (iso: string) => escapeHtml(String(iso).split("-").reverse().join("/"));

export function todoHtml(body: TodoResponse): string {
  const todos = "municipalities" in body ? body.municipalities : [body];
  const coordinator = "municipalities" in body;
  const busy = todos.filter((todo) => todo.count > 0);
  const parts = [
    `<p class="today">Situazione al ${italianDate(body.today)}.</p>`,
    ...busy.map((todo) => municipalityHtml(todo, coordinator)),
  ];
  const idle = todos.filter((todo) => todo.count === 0);
  if (busy.length === 0) parts.push("<p>Niente da fare: tutto è in ordine.</p>");
  else if (coordinator && idle.length > 0)
    parts.push(
      `<p class="idle">Niente da fare per: ${idle.map((todo) => escapeHtml(todo.name)).join(", ")}.</p>`,
    );
  return `<!DOCTYPE html><html><head><base target="_top"><meta charset="utf-8"><style>
body{font-family:Arial,sans-serif;font-size:13px;margin:8px;color:#202124}
h2{font-size:15px;margin:14px 0 4px;color:#1f4e79}h3{font-size:13px;margin:10px 0 2px}
ul{margin:2px 0 6px;padding-left:18px}li{margin:2px 0}.late{color:#a61c00}.today,.idle{color:#5f6368}
</style></head><body>${parts.join("\n")}</body></html>`;
}

function municipalityHtml(todo: Todo, coordinator: boolean): string {
  const things = todo.count === 1 ? "una cosa da fare" : `${todo.count} cose da fare`;
  const sections: string[] = [
    coordinator
      ? `<h2>${escapeHtml(todo.name)} (${escapeHtml(todo.municipality)}): ${things}</h2>`
      : `<h2>${escapeHtml(todo.name)}: ${things}</h2>`,
  ];
  const list = (title: string, items: string[]) => {
    if (items.length > 0) sections.push(`<h3>${title}</h3><ul>${items.join("")}</ul>`);
  };
  list(
    "Mesi da inviare",
    todo.months.map((m) =>
      m.state === "missing"
        ? `<li class="late">${escapeHtml(italianMonth(m.month))}: non inviato, scadenza ${italianDate(m.dueDate)} passata</li>`
        : `<li>${escapeHtml(italianMonth(m.month))}: da inviare entro il ${italianDate(m.dueDate)}</li>`,
    ),
  );
  list(
    "Segnalazioni da correggere o giustificare",
    todo.warnings.map(
      (w) => `<li>${escapeHtml(italianMonth(w.month))}: ${escapeHtml(w.message)}</li>`,
    ),
  );
  list(
    "Schede procedimento da rivedere",
    todo.cards.map((c) =>
      c.status === "stale"
        ? `<li class="late">${escapeHtml(c.code)}: revisione scaduta il ${italianDate(c.nextReview)}</li>`
        : `<li>${escapeHtml(c.code)}: da rivedere entro il ${italianDate(c.nextReview)}</li>`,
    ),
  );
  list(
    "Picchi dei prossimi 60 giorni senza misure organizzative",
    todo.peaks.map(
      (p) =>
        `<li>${escapeHtml(p.title)} (${p.source === "network" ? "rete" : "comune"}), dal ${italianDate(p.effectiveStart)}</li>`,
    ),
  );
  return sections.join("\n");
}
