import type { Caller } from "../caller.js";
import { type ValidationIssue, zodIssues } from "../validation-issue.js";
import {
  type CardBody,
  cardBodySchema,
  cardContent,
  MAX_CARDS,
  romeDate,
  type StoredCard,
  sameCardContent,
} from "./card.js";

export type CardDecision =
  | { kind: "store"; next: StoredCard }
  | { kind: "unchanged"; current: StoredCard }
  | { kind: "invalid"; issues: ValidationIssue[] }
  | { kind: "conflict"; message: string };

export interface CardRequest {
  caller: Caller;
  municipality: string;
  code: string;
  body: unknown;
  /** Every procedure code the municipality has sent in a month. */
  knownCodes: ReadonlySet<string>;
  /** How many cards the municipality has, this one included if it exists. */
  cardCount: number;
  now: Date;
}

/**
 * What a `PUT …/cards/{code}` does, given the stored card: the card must name a procedure the
 * municipality has sent, its review date cannot be in the future (Italian calendar), and the
 * same content again stores nothing. Pure: the store calls it inside its transaction.
 */
export function decideCard(request: CardRequest, current: StoredCard | null): CardDecision {
  const { code, now } = request;
  const parsed = cardBodySchema.safeParse(request.body);
  if (!parsed.success) return { kind: "invalid", issues: zodIssues(parsed.error) };
  const body: CardBody = parsed.data;
  const issues: ValidationIssue[] = [];
  if (!request.knownCodes.has(code))
    issues.push({
      path: ["code"],
      message: `Il procedimento ${code} non compare in nessun mese inviato dal comune: la scheda deve riferirsi a un procedimento del foglio Pratiche.`,
    });
  const today = romeDate(now);
  if (body.lastReviewed > today)
    issues.push({
      path: ["lastReviewed"],
      message: `Data dell'ultima revisione: ${body.lastReviewed} è nel futuro (oggi è ${today}).`,
    });
  if (!current && request.cardCount >= MAX_CARDS)
    issues.push({
      path: ["code"],
      message: `Il comune ha già ${MAX_CARDS} schede, il massimo: non se ne possono aggiungere altre.`,
    });
  if (issues.length > 0) return { kind: "invalid", issues };
  const revision = current?.revision ?? 0;
  if (body.baseRevision !== undefined && body.baseRevision !== revision)
    return {
      kind: "conflict",
      message: `La scheda ${code} è stata modificata da un'altra persona (revisione ${revision}, non ${body.baseRevision}): aggiornare il foglio e riprovare.`,
    };
  const content = cardContent(body);
  if (current && sameCardContent(current, content)) return { kind: "unchanged", current };
  return {
    kind: "store",
    next: {
      municipality: request.municipality,
      code,
      ...content,
      revision: revision + 1,
      updatedAt: now.toISOString(),
      updatedBy: request.caller.email,
    },
  };
}
