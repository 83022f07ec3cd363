import { z } from "zod";
import { type MonthBody, monthBodySchema, type ProcedureRow } from "./month.js";
import { isSafeText } from "./text.js";
import { type ValidationIssue, zodIssues } from "./validation-issue.js";

export interface MonthValidationContext {
  /** Area codes of the network taxonomy. */
  areas: ReadonlySet<string>;
}

export type MonthValidation =
  | { ok: true; body: MonthBody }
  | { ok: false; issues: ValidationIssue[] };

/** Zod's own Italian messages for anything our schemas do not word themselves. */
const italian = z.locales.it();

/**
 * Validates a month body: the schema (types, ranges, unknown fields), then the rules between
 * fields and against the network (DESIGN §8). Every message names the row it is about.
 */
export function validateMonthBody(
  input: unknown,
  context: MonthValidationContext,
): MonthValidation {
  const parsed = monthBodySchema.safeParse(input, { error: italian.localeError });
  const issues: ValidationIssue[] = parsed.success
    ? crossFieldIssues(parsed.data, context)
    : zodIssues(parsed.error);
  if (issues.length > 0) return { ok: false, issues: issues.map((i) => nameTheRow(i, input)) };
  return { ok: true, body: parsed.data as MonthBody };
}

function crossFieldIssues(body: MonthBody, context: MonthValidationContext): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  // An empty month would be stored and count as reporting in completeness while saying nothing.
  const hasServiceFigure = Object.values(body.service ?? {}).some((value) => value !== undefined);
  if (body.procedures.length === 0 && !hasServiceFigure) {
    issues.push({
      path: ["procedures"],
      message:
        "Il mese non contiene dati: indicare almeno un procedimento o un dato di servizio (accessi, attesa, questionari, reclami, ore di apertura).",
    });
  }
  const firstRowOfCode = new Map<string, number>();
  body.procedures.forEach((row: ProcedureRow, index) => {
    const at = (field: string) => ["procedures", index, field];
    if (row.desk > row.total) {
      issues.push({
        path: at("desk"),
        message: `le pratiche allo sportello (${row.desk}) superano le pratiche totali (${row.total}).`,
      });
    }
    if (!context.areas.has(row.area)) {
      issues.push({
        path: at("area"),
        message: `l'area "${row.area}" non esiste nella rete; scegliere un'area dall'elenco.`,
      });
    }
    const first = firstRowOfCode.get(row.code);
    if (first === undefined) firstRowOfCode.set(row.code, index);
    else {
      issues.push({
        path: at("code"),
        message: `il codice "${row.code}" è già usato alla riga ${first + 1}; ogni procedimento va indicato una sola volta.`,
      });
    }
  });
  const service = body.service ?? {};
  const pairs = [
    ["surveySatisfied", "surveyResponses", "gli utenti soddisfatti", "i questionari raccolti"],
    ["servedWithinTarget", "visits", "i serviti entro il tempo obiettivo", "gli accessi"],
  ] as const;
  for (const [part, whole, partLabel, wholeLabel] of pairs) {
    const partValue = service[part];
    const wholeValue = service[whole];
    if (partValue === undefined) continue;
    if (wholeValue === undefined) {
      issues.push({
        path: ["service", whole],
        message: `Servizio: indicando ${partLabel} (${partValue}) vanno indicati anche ${wholeLabel}.`,
      });
    } else if (partValue > wholeValue) {
      issues.push({
        path: ["service", part],
        message: `Servizio: ${partLabel} (${partValue}) superano ${wholeLabel} (${wholeValue}).`,
      });
    }
  }
  return issues;
}

/** Prefixes row-level messages with the row number and code staff see in their sheet. */
function nameTheRow(issue: ValidationIssue, input: unknown): ValidationIssue {
  const [section, index] = issue.path;
  if (section !== "procedures" || typeof index !== "number") return issue;
  const rows = (input as { procedures?: unknown[] } | null)?.procedures;
  const code = (rows?.[index] as { code?: unknown } | undefined)?.code;
  // A code with an invisible or invalid character is not echoed: it would garble the message.
  const label =
    typeof code === "string" && code.trim() !== "" && isSafeText(code.trim())
      ? ` (${code.trim()})`
      : "";
  const message = issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
  return { ...issue, message: `Riga ${index + 1}${label}: ${message}` };
}
