import { DateTime } from "luxon";
import { z } from "zod";
import { isIstatCode } from "../../domain/municipality.js";
import { todoText } from "../../domain/todo/todo-text.js";
import { zodIssues } from "../../domain/validation-issue.js";
import { readTodos } from "../../services/todo.js";
import { badRequest, notFound } from "../api-error.js";
import type { RouteContext, RouteResult } from "../context.js";
import { readJsonBody } from "../http-io.js";
import { requireCoordinator } from "./guards.js";

const WEEK = /^\d{4}-W\d{2}$/;

/** An ISO week, `2026-W10`, that exists (week 53 only in years that have one). */
function requireWeek(value: string | null | undefined): string {
  if (!value || !WEEK.test(value) || !DateTime.fromISO(value).isValid)
    throw badRequest(
      `week "${(value ?? "").slice(0, 20)}" is not an ISO week: YYYY-Www expected, e.g. 2026-W10.`,
    );
  return value;
}

/**
 * `GET /v1/reminders?week=YYYY-Www` (coordinator): what the add-on's weekly trigger sends, one
 * message per municipality with something to do and staff to tell, in Italian; municipalities
 * already recorded as sent for that week are left out, so a second run sends nothing twice. The
 * staff's e-mail addresses are given to the coordinator only.
 */
export async function getReminders({
  req,
  caller,
  stores,
  now,
}: RouteContext): Promise<RouteResult> {
  requireCoordinator(caller);
  const week = requireWeek(
    new URL(req.originalUrl ?? req.url, "http://localhost").searchParams.get("week"),
  );
  const [todos, sent, staff] = await Promise.all([
    readTodos(stores, caller.network, "all", now()),
    stores.reminders.sent(caller.network, week),
    stores.reminders.staffEmails(caller.network),
  ]);
  if (!todos) throw notFound(`Network ${caller.network} does not exist.`);
  const reminders = [];
  const skipped = [];
  for (const todo of todos.municipalities) {
    const recipients = staff.get(todo.municipality) ?? [];
    const reason = sent.has(todo.municipality)
      ? "already-sent"
      : todo.count === 0
        ? "nothing-to-do"
        : recipients.length === 0
          ? "no-staff"
          : null;
    if (reason) {
      skipped.push({ municipality: todo.municipality, reason });
      continue;
    }
    reminders.push({
      municipality: todo.municipality,
      name: todo.name,
      recipients,
      subject: `POLI-NET: ${todo.count} ${todo.count === 1 ? "cosa" : "cose"} da fare per ${todo.name}`,
      text: todoText(todo),
      count: todo.count,
    });
  }
  return { status: 200, body: { week, today: todos.today, reminders, skipped } };
}

const sentBodySchema = z.strictObject({
  municipality: z
    .string({ error: "Indicare il codice ISTAT del comune (municipality)." })
    .refine(isIstatCode, { error: "Il codice ISTAT del comune ha 6 cifre, per esempio 015182." }),
});

/**
 * `POST /v1/reminders/{week}/sent {municipality}` (coordinator): records that the week's reminder
 * went out; idempotent, the first record stands and a second answers `unchanged`.
 */
export async function postReminderSent({
  req,
  caller,
  params,
  stores,
}: RouteContext): Promise<RouteResult> {
  requireCoordinator(caller);
  const week = requireWeek(params.week);
  const parsed = sentBodySchema.safeParse(readJsonBody(req));
  if (!parsed.success)
    throw badRequest("Promemoria: corpo della richiesta non valido.", zodIssues(parsed.error));
  const { municipality } = parsed.data;
  const network = await stores.networks.get(caller.network);
  if (!network?.municipalities[municipality])
    throw notFound(`Municipality ${municipality} is not in network ${caller.network}.`);
  const result = await stores.reminders.recordSent(
    caller.network,
    week,
    municipality,
    caller.email,
  );
  return { status: 200, body: { status: result.status, ...result.sent } };
}
