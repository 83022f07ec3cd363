import { DateTime } from "luxon";
import { z } from "zod";
import { textField } from "../text.js";

/**
 * A peak event (DESIGN §11): a deadline on one day or a window of days (inclusive) expected to
 * bring many users to the desk, with the measures planned for it. Dates are `YYYY-MM-DD` on the
 * Italian calendar; `id` is chosen by the sender and stays the same across revisions, so that a
 * calendar app moves an event instead of duplicating it.
 */

/** A year of a desk's peaks is a few dozen events; 500 keeps a calendar far from 1 MiB. */
export const MAX_EVENTS = 500;
/** Free text (measures, liaison, notes) is a paragraph or two, never a document. */
export const MAX_TEXT = 2000;
export const MAX_MEASURES = 20;
export const MAX_EVENT_PROCEDURES = 50;

export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A `YYYY-MM-DD` that names a real day (no 2026-02-30), read in no time zone. */
export function isIsoDate(value: string): boolean {
  return ISO_DATE_PATTERN.test(value) && DateTime.fromISO(value, { zone: "utc" }).isValid;
}

const dateField = (label: string) =>
  z
    .string({ error: `${label}: serve una data nel formato AAAA-MM-GG.` })
    .regex(ISO_DATE_PATTERN, { error: `${label}: serve una data nel formato AAAA-MM-GG.` })
    .refine(isIsoDate, {
      error: (issue) => `${label}: il giorno ${String(issue.input)} non esiste nel calendario.`,
    });

const freeText = (label: string) => textField({ label, max: MAX_TEXT, multiline: true });

export const calendarEventSchema = z.strictObject({
  id: textField({ label: "Identificativo dell'evento", max: 100 }),
  title: textField({ label: "Titolo dell'evento", max: 200 }),
  kind: z.enum(["deadline", "window"], {
    error: 'Tipo di evento: indicare "deadline" (scadenza in un giorno) o "window" (periodo).',
  }),
  area: textField({ label: "Area dell'evento", max: 40 }).optional(),
  procedures: z
    .array(textField({ label: "Codice del procedimento", max: 40 }), {
      error: "Procedimenti: serve un elenco di codici.",
    })
    .max(MAX_EVENT_PROCEDURES, {
      error: `Procedimenti: al massimo ${MAX_EVENT_PROCEDURES} codici per evento.`,
    })
    .optional(),
  date: dateField("Data della scadenza").optional(),
  start: dateField("Data di inizio").optional(),
  end: dateField("Data di fine").optional(),
  expectedUsers: z
    .int({ error: "Utenti attesi: serve un numero intero." })
    .min(0, { error: "Utenti attesi: il numero non può essere negativo." })
    .max(10_000_000, { error: "Utenti attesi: numero troppo grande." })
    .optional(),
  measures: z
    .array(freeText("Misura organizzativa"), {
      error: "Misure organizzative: serve un elenco di testi.",
    })
    .max(MAX_MEASURES, { error: `Misure organizzative: al massimo ${MAX_MEASURES} per evento.` })
    .optional(),
  liaison: freeText("Referente").optional(),
  notes: freeText("Note").optional(),
});

export const calendarBodySchema = z.strictObject({
  events: z
    .array(calendarEventSchema, { error: "Manca l'elenco degli eventi (events)." })
    .max(MAX_EVENTS, {
      error: (issue) =>
        `Troppi eventi: ${(issue.input as unknown[]).length}, al massimo ${MAX_EVENTS} per anno.`,
    }),
  baseRevision: z.int({ error: "baseRevision deve essere un numero intero." }).min(0).optional(),
});

export type CalendarEvent = z.infer<typeof calendarEventSchema>;
export type CalendarBody = z.infer<typeof calendarBodySchema>;

/** The field order events are stored and compared in, so key order never makes a revision. */
const FIELD_ORDER = Object.keys(calendarEventSchema.shape) as (keyof CalendarEvent)[];

/** Events in id order with fields in schema order: the unit compared for `unchanged`. */
export function canonicalEvents(events: readonly CalendarEvent[]): CalendarEvent[] {
  return [...events]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((event) => {
      const out: Record<string, unknown> = {};
      for (const key of FIELD_ORDER) if (event[key] !== undefined) out[key] = event[key];
      return out as CalendarEvent;
    });
}

export function sameEvents(a: readonly CalendarEvent[], b: readonly CalendarEvent[]): boolean {
  return JSON.stringify(canonicalEvents(a)) === JSON.stringify(canonicalEvents(b));
}
