import { z } from "zod";
import { isSafeText } from "../text.js";
import { type ValidationIssue, zodIssues } from "../validation-issue.js";
import { type CalendarBody, type CalendarEvent, calendarBodySchema } from "./calendar-event.js";

export interface CalendarValidationContext {
  /** The year in the path: every event starts in it. */
  year: number;
  /** Area codes of the network taxonomy. */
  areas: ReadonlySet<string>;
  /**
   * Procedure codes the municipality uses (from its recent months), or `null` for the network
   * calendar, whose events name no procedure: each municipality has its own codes.
   */
  procedures: ReadonlySet<string> | null;
}

export type CalendarValidation =
  | { ok: true; body: CalendarBody }
  | { ok: false; issues: ValidationIssue[] };

const italian = z.locales.it();

/**
 * Validates a calendar body: the schema (types, lengths, real dates), then the rules between
 * fields and against the network. Every message names the row (and the event's id) so that staff
 * find it in *Scadenziario ANNO*; every path is `["events", index, field]`.
 */
export function validateCalendarBody(
  input: unknown,
  context: CalendarValidationContext,
): CalendarValidation {
  const parsed = calendarBodySchema.safeParse(input, { error: italian.localeError });
  const issues = parsed.success
    ? parsed.data.events.flatMap((event, index, all) => eventIssues(event, index, all, context))
    : zodIssues(parsed.error);
  if (issues.length > 0) return { ok: false, issues: issues.map((i) => nameTheRow(i, input)) };
  return { ok: true, body: parsed.data as CalendarBody };
}

function eventIssues(
  event: CalendarEvent,
  index: number,
  all: readonly CalendarEvent[],
  { year, areas, procedures }: CalendarValidationContext,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const at = (field: string, message: string) =>
    issues.push({ path: ["events", index, field], message });
  const firstIndex = all.findIndex((other) => other.id === event.id);
  if (firstIndex !== index) {
    at(
      "id",
      `l'identificativo "${event.id}" è già usato alla riga ${firstIndex + 1}; ogni evento ne ha uno suo.`,
    );
  }
  if (event.kind === "deadline") {
    if (event.date === undefined) at("date", "una scadenza richiede la data (date).");
    if (event.start !== undefined)
      at("start", "una scadenza ha solo la data: dal/al valgono per i periodi (window).");
    if (event.end !== undefined)
      at("end", "una scadenza ha solo la data: dal/al valgono per i periodi (window).");
    if (event.date !== undefined && yearOf(event.date) !== year)
      at(
        "date",
        `la data ${event.date} non è nel ${year}: inserirla nello scadenziario del suo anno.`,
      );
  } else {
    if (event.date !== undefined)
      at("date", "un periodo ha le date di inizio e fine (start, end), non una data sola.");
    if (event.start === undefined) at("start", "un periodo richiede la data di inizio (start).");
    if (event.end === undefined) at("end", "un periodo richiede la data di fine (end).");
    if (event.start !== undefined && yearOf(event.start) !== year)
      at(
        "start",
        `il periodo inizia il ${event.start}, non nel ${year}: inserirlo nello scadenziario dell'anno in cui inizia.`,
      );
    if (event.start !== undefined && event.end !== undefined) {
      if (event.end < event.start)
        at("end", `la data di fine (${event.end}) precede quella di inizio (${event.start}).`);
      // A window may run into January of the next year (enrolments), never further.
      else if (yearOf(event.end) > year + 1)
        at("end", `il periodo finisce il ${event.end}: al massimo entro l'anno successivo.`);
    }
  }
  if (event.area !== undefined && !areas.has(event.area))
    at("area", `l'area "${event.area}" non esiste nella rete; scegliere un'area dall'elenco.`);
  if (event.procedures !== undefined && event.procedures.length > 0) {
    if (procedures === null) {
      at(
        "procedures",
        "gli eventi della rete non indicano procedimenti: ogni comune usa i propri codici.",
      );
    } else {
      const unknown = event.procedures.filter((code) => !procedures.has(code));
      if (unknown.length > 0)
        at(
          "procedures",
          `${unknown.length === 1 ? "il codice" : "i codici"} ${unknown.map((c) => `"${c}"`).join(", ")} non ${unknown.length === 1 ? "compare" : "compaiono"} tra i procedimenti inviati negli ultimi 12 mesi.`,
        );
    }
  }
  return issues;
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** Prefixes event-level messages with the row number and the id staff see in their sheet. */
function nameTheRow(issue: ValidationIssue, input: unknown): ValidationIssue {
  const [section, index] = issue.path;
  if (section !== "events" || typeof index !== "number") return issue;
  const events = (input as { events?: unknown[] } | null)?.events;
  const id = (events?.[index] as { id?: unknown } | undefined)?.id;
  const label =
    typeof id === "string" && id.trim() !== "" && isSafeText(id.trim()) ? ` (${id.trim()})` : "";
  const message = issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
  return { ...issue, message: `Evento alla riga ${index + 1}${label}: ${message}` };
}
