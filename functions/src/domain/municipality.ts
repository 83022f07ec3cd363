import { z } from "zod";
import { isPatronDay } from "./calendar/patron-day.js";
import { textField } from "./text.js";

/** A municipality is identified by its 6-digit ISTAT code, kept as a string (leading zeros matter). */
export const ISTAT_PATTERN = /^\d{6}$/;

export function isIstatCode(value: string): boolean {
  return ISTAT_PATTERN.test(value);
}

export const municipalitySchema = z.strictObject({
  name: textField({
    label: "Nome del comune",
    max: 200,
    missing: "Il nome del comune è obbligatorio.",
  }),
  province: z.string({ error: "La sigla della provincia è obbligatoria." }).regex(/^[A-Z]{2}$/, {
    error: "La provincia va indicata con la sigla di due lettere (es. MI).",
  }),
  population: z
    .int({ error: "La popolazione deve essere un numero intero." })
    .positive({ error: "La popolazione deve essere maggiore di zero." }),
  /** The patron saint's day (`MM-DD`): the offices close, so a deadline moves to the next business day. */
  patronDay: z
    .string({ error: "Il giorno del santo patrono va indicato come MM-GG (es. 05-08)." })
    .refine(isPatronDay, {
      error: "Il giorno del santo patrono va indicato come MM-GG (es. 05-08) e deve esistere.",
    })
    .optional(),
});

export type Municipality = z.infer<typeof municipalitySchema>;
