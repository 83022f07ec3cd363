import { z } from "zod";
import { textField } from "./text.js";

/**
 * A municipality lists a few hundred procedures at most. 2,000 rows took 3.6 s to store and
 * stalled every other request meanwhile: the cap keeps one submission from blocking the others.
 */
export const MAX_PROCEDURES = 1000;

function count(label: string) {
  return z
    .int({ error: `${label}: serve un numero intero.` })
    .min(0, { error: `${label}: il numero non può essere negativo.` })
    .max(10_000_000, { error: `${label}: numero troppo grande.` });
}

export const procedureRowSchema = z.strictObject({
  code: textField({ label: "Codice del procedimento", max: 40 }),
  name: textField({ label: "Nome del procedimento", max: 200 }),
  area: textField({
    label: "Area del procedimento",
    max: 40,
    tooLong:
      "Area del procedimento troppo lunga (massimo 40 caratteri): scegliere un'area dall'elenco.",
  }),
  total: count("Pratiche totali"),
  desk: count("Pratiche allo sportello"),
});

export const serviceMetricsSchema = z.strictObject({
  visits: count("Accessi").optional(),
  meanWaitMinutes: z
    .number({ error: "Attesa media: serve un numero." })
    .min(0, { error: "Attesa media: il numero non può essere negativo." })
    .max(1440, { error: "Attesa media: non può superare 1440 minuti." })
    .optional(),
  servedWithinTarget: count("Serviti entro il tempo obiettivo").optional(),
  surveyResponses: count("Questionari raccolti").optional(),
  surveySatisfied: count("Utenti soddisfatti").optional(),
  complaints: count("Reclami").optional(),
  openingHoursWeekly: z
    .number({ error: "Ore di apertura settimanali: serve un numero." })
    .min(0, { error: "Ore di apertura settimanali: il numero non può essere negativo." })
    .max(168, { error: "Ore di apertura settimanali: una settimana ha al massimo 168 ore." })
    .optional(),
});

export const monthBodySchema = z.strictObject({
  procedures: z
    .array(procedureRowSchema, { error: "Manca l'elenco dei procedimenti." })
    .max(MAX_PROCEDURES, {
      error: (issue) =>
        `Troppi procedimenti: ${(issue.input as unknown[]).length} righe, al massimo ${MAX_PROCEDURES} per mese. Accorpare o togliere le righe in più.`,
    }),
  service: serviceMetricsSchema.optional(),
  baseRevision: z.int({ error: "baseRevision deve essere un numero intero." }).min(0).optional(),
});

export type ProcedureRow = z.infer<typeof procedureRowSchema>;
export type ServiceMetrics = z.infer<typeof serviceMetricsSchema>;
export type MonthBody = z.infer<typeof monthBodySchema>;

/** What a month holds, without the submission's bookkeeping: the unit compared for `unchanged`. */
export interface MonthContent {
  procedures: ProcedureRow[];
  service: ServiceMetrics;
}

/**
 * Rows in code order and service keys in a fixed order, so that the same figures typed in another
 * row order are the same content and do not create a revision.
 */
export function canonicalContent(body: Pick<MonthBody, "procedures" | "service">): MonthContent {
  const procedures = [...body.procedures]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map(({ code, name, area, total, desk }) => ({ code, name, area, total, desk }));
  const service: ServiceMetrics = {};
  for (const key of Object.keys(serviceMetricsSchema.shape).sort() as (keyof ServiceMetrics)[]) {
    const value = body.service?.[key];
    if (value !== undefined) service[key] = value;
  }
  return { procedures, service };
}

export function sameContent(a: MonthContent, b: MonthContent): boolean {
  return JSON.stringify(canonicalContent(a)) === JSON.stringify(canonicalContent(b));
}
