import { z } from "zod";
import { ISTAT_PATTERN } from "./municipality.js";

/** A scheduler is a service account allowed to trigger recomputation, nothing else. */
export const ROLES = ["staff", "coordinator", "scheduler"] as const;
export type Role = (typeof ROLES)[number];

export const memberSchema = z
  .strictObject({
    role: z.enum(ROLES, { error: 'Il ruolo deve essere "staff", "coordinator" o "scheduler".' }),
    municipality: z
      .string()
      .regex(ISTAT_PATTERN, { error: "Il comune va indicato con il codice ISTAT di 6 cifre." })
      .optional(),
  })
  .refine((member) => member.role !== "staff" || member.municipality !== undefined, {
    error: "Un operatore (staff) deve appartenere a un comune.",
    path: ["municipality"],
  })
  .refine((member) => member.role === "staff" || member.municipality === undefined, {
    error: "Solo un operatore (staff) appartiene a un comune.",
    path: ["municipality"],
  });

export type Member = z.infer<typeof memberSchema>;

/** E-mails are compared case-insensitively: Google may return them with any casing. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailSchema = z.email({ error: "Indirizzo e-mail non valido." });
