import { DateTime } from "luxon";
import { z } from "zod";
import { isIsoDate } from "../calendar/calendar-event.js";
import { ZONE } from "../period.js";
import { textField } from "../text.js";

/**
 * A procedure card (*scheda procedimento*, DESIGN §12): what the desk tells citizens about one
 * procedure, with the date it was last checked by the back office and how often it must be.
 */
export const MIN_REVIEW_MONTHS = 1;
export const MAX_REVIEW_MONTHS = 24;
/** A municipality's cards stay one short list per desk: as many as a month's procedure rows. */
export const MAX_CARDS = 1000;
const MAX_TEXT = 2000;

const reviewDate = z
  .string({ error: "Data dell'ultima revisione: serve una data nel formato AAAA-MM-GG." })
  .refine(isIsoDate, {
    error: (issue) =>
      `Data dell'ultima revisione: ${String(issue.input)} non è una data AAAA-MM-GG esistente.`,
  });

export const cardBodySchema = z.strictObject(
  {
    title: textField({ label: "Titolo della scheda", max: 200 }),
    office: textField({ label: "Ufficio responsabile", max: 200 }),
    referent: textField({ label: "Referente", max: 200 }),
    lastReviewed: reviewDate,
    reviewEveryMonths: z
      .int({ error: "Revisione ogni quanti mesi: serve un numero intero di mesi." })
      .min(MIN_REVIEW_MONTHS, {
        error: `Revisione ogni quanti mesi: almeno ${MIN_REVIEW_MONTHS} mese.`,
      })
      .max(MAX_REVIEW_MONTHS, {
        error: `Revisione ogni quanti mesi: al massimo ${MAX_REVIEW_MONTHS} mesi.`,
      }),
    sourceUrl: textField({ label: "Indirizzo della fonte", max: MAX_TEXT })
      .refine((value) => /^https?:\/\/[^\s/]+/i.test(value), {
        error: "Indirizzo della fonte: serve un indirizzo web che inizia con https:// o http://.",
      })
      .optional(),
    notes: textField({ label: "Note", max: MAX_TEXT, multiline: true }).optional(),
    baseRevision: z.int({ error: "baseRevision deve essere un numero intero." }).min(0).optional(),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `Campo sconosciuto nella scheda: ${issue.keys.join(", ")}.`
        : undefined,
  },
);

export type CardBody = z.infer<typeof cardBodySchema>;
export type CardContent = Omit<CardBody, "baseRevision">;

/** One accepted version of a card, as stored and returned. */
export interface StoredCard extends CardContent {
  municipality: string;
  code: string;
  revision: number;
  updatedAt: string;
  updatedBy: string;
}

/** Today's date on the Italian calendar, `YYYY-MM-DD`: what review dates are compared with. */
export function romeDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: ZONE }).toISODate() as string;
}

/** Fields in schema order, optional ones only when present: the unit compared for `unchanged`. */
export function cardContent(body: CardBody): CardContent {
  const { title, office, referent, lastReviewed, reviewEveryMonths, sourceUrl, notes } = body;
  return {
    title,
    office,
    referent,
    lastReviewed,
    reviewEveryMonths,
    ...(sourceUrl === undefined ? {} : { sourceUrl }),
    ...(notes === undefined ? {} : { notes }),
  };
}

export function sameCardContent(a: CardContent, b: CardContent): boolean {
  return JSON.stringify(cardContent(a)) === JSON.stringify(cardContent(b));
}
