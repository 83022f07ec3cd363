import type { EffectiveEvent } from "../../domain/calendar/effective-events.js";
import { romeDate, type StoredCard } from "../../domain/cards/card.js";
import {
  cardStatus,
  EVENT_WITHIN_DAYS,
  eventsToCheck,
  nextReview,
} from "../../domain/cards/card-status.js";
import { textField } from "../../domain/text.js";
import { eventsStarting, yearsAhead } from "../../services/upcoming-events.js";
import { ApiError, badRequest, notFound } from "../api-error.js";
import type { RouteContext, RouteResult } from "../context.js";
import { readJsonBody } from "../http-io.js";
import { requireMunicipalityAccess } from "./guards.js";

const codeSchema = textField({ label: "Codice del procedimento", max: 40 });

function requireCode(value: string | undefined): string {
  const parsed = codeSchema.safeParse(value ?? "");
  if (!parsed.success || parsed.data !== value) {
    const message = parsed.success
      ? "Codice del procedimento: spazi all'inizio o alla fine non ammessi."
      : (parsed.error.issues[0]?.message ?? "Codice del procedimento non valido.");
    throw badRequest(message, [{ path: ["code"], message }]);
  }
  return parsed.data;
}

/** `PUT /v1/municipalities/{istat}/cards/{code}`: create or update a card (revisions kept). */
export async function putCard({ req, caller, params, stores }: RouteContext): Promise<RouteResult> {
  const istat = requireMunicipalityAccess(caller, params.istat);
  const code = requireCode(params.code);
  const body = readJsonBody(req);
  const outcome = await stores.cards.put({ caller, municipality: istat, code, body });
  switch (outcome.kind) {
    case "unknown-municipality":
      throw notFound(`Municipality ${istat} is not in network ${caller.network}.`);
    case "invalid":
      throw badRequest(
        `La scheda del procedimento ${code} non è valida: correggere i campi segnalati.`,
        outcome.issues,
      );
    case "conflict":
      throw new ApiError(409, "stale_revision", outcome.message);
    case "unchanged":
      return { status: 200, body: { revision: outcome.current.revision, status: "unchanged" } };
    case "stored":
      return { status: 200, body: { revision: outcome.stored.revision, status: "stored" } };
  }
}

export interface CardView extends StoredCard {
  status: ReturnType<typeof cardStatus>;
  nextReview: string;
  toCheck: boolean;
  /** The events that make it `toCheck`. */
  events: { id: string; title: string; source: string; effectiveStart: string }[];
}

export function cardView(
  card: StoredCard,
  events: readonly EffectiveEvent[],
  today: string,
): CardView {
  const tied = eventsToCheck(card.code, card.lastReviewed, events, today);
  return {
    ...card,
    status: cardStatus(card, today),
    nextReview: nextReview(card.lastReviewed, card.reviewEveryMonths),
    toCheck: tied.length > 0,
    events: tied.map(({ id, title, source, effectiveStart }) => ({
      id,
      title,
      source,
      effectiveStart,
    })),
  };
}

/**
 * `GET /v1/municipalities/{istat}/cards`: the cards with `status` computed now (Europe/Rome) and
 * `toCheck`; the cards (one query) and the calendars of the next 30 days (one batched read) are
 * read together.
 */
export async function listCards({
  caller,
  params,
  stores,
  now,
}: RouteContext): Promise<RouteResult> {
  const istat = requireMunicipalityAccess(caller, params.istat);
  const today = romeDate(now());
  const years = yearsAhead(today, EVENT_WITHIN_DAYS);
  const [cards, calendars] = await Promise.all([
    stores.cards.list(caller.network, istat),
    stores.calendars.readForMunicipality(caller.network, istat, years),
  ]);
  if (!calendars) throw notFound(`Municipality ${istat} is not in network ${caller.network}.`);
  const events = eventsStarting(
    years,
    calendars.networkCalendars,
    calendars.localCalendars,
    calendars.municipality.patronDay,
    today,
    EVENT_WITHIN_DAYS,
  );
  return {
    status: 200,
    body: { municipality: istat, today, cards: cards.map((c) => cardView(c, events, today)) },
  };
}

/** `GET /v1/municipalities/{istat}/cards/{code}/revisions`: every version of one card. */
export async function listCardRevisions({
  caller,
  params,
  stores,
}: RouteContext): Promise<RouteResult> {
  const istat = requireMunicipalityAccess(caller, params.istat);
  const code = requireCode(params.code);
  const revisions = await stores.cards.revisions(caller.network, istat, code);
  if (revisions.length === 0) throw notFound(`No card ${code} for municipality ${istat}.`);
  return { status: 200, body: { municipality: istat, code, revisions } };
}
