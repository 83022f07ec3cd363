import { DateTime } from "luxon";
import { mergeCalendars } from "../../domain/calendar/effective-events.js";
import { ZONE } from "../../domain/period.js";
import type { CalendarOutcome } from "../../store/calendar-store.js";
import { ApiError, badRequest, notFound } from "../api-error.js";
import type { RouteContext, RouteResult } from "../context.js";
import { readJsonBody } from "../http-io.js";
import { requireCoordinator, requireMunicipalityAccess } from "./guards.js";

/**
 * A calendar year: from 1970 (no network kept peaks on paper before) to next year, the furthest a
 * desk plans its peaks ahead (a December planning meeting fills the coming year).
 */
export function requireCalendarYear(value: string | undefined, now: Date): string {
  const latest = DateTime.fromJSDate(now, { zone: ZONE }).year + 1;
  const year = Number(value);
  if (!value || !/^\d{4}$/.test(value) || year < 1970 || year > latest)
    throw badRequest(
      `"${value ?? ""}" is not a calendar year: YYYY from 1970 to ${latest} expected.`,
    );
  return value;
}

function answer(outcome: CalendarOutcome, who: string): RouteResult {
  switch (outcome.kind) {
    case "invalid":
      throw badRequest(
        "Lo scadenziario non è valido: correggere gli eventi segnalati.",
        outcome.issues,
      );
    case "unknown-municipality":
      throw notFound(`${who} is not in the network.`);
    case "conflict":
      throw new ApiError(409, "stale_revision", outcome.message);
    case "unchanged":
      return { status: 200, body: { revision: outcome.current.revision, status: "unchanged" } };
    case "stored":
      return { status: 200, body: { revision: outcome.stored.revision, status: "stored" } };
  }
}

/** `PUT /v1/calendar/{YYYY}`: the network's events of a year (coordinator). */
export async function putNetworkCalendar({
  req,
  caller,
  params,
  stores,
  now,
}: RouteContext): Promise<RouteResult> {
  requireCoordinator(caller);
  const year = requireCalendarYear(params.year, now());
  const body = readJsonBody(req);
  return answer(
    await stores.calendars.submit({ caller, municipality: null, year, body }),
    `Network ${caller.network}`,
  );
}

/** `GET /v1/calendar/{YYYY}`: the network's events as sent (any member: they are not private). */
export async function getNetworkCalendar({
  caller,
  params,
  stores,
  now,
}: RouteContext): Promise<RouteResult> {
  const year = requireCalendarYear(params.year, now());
  const stored = await stores.calendars.getNetworkCalendar(caller.network, year);
  return {
    status: 200,
    body: { year, revision: stored?.revision ?? 0, events: stored?.events ?? [] },
  };
}

export async function putMunicipalityCalendar({
  req,
  caller,
  params,
  stores,
  now,
}: RouteContext): Promise<RouteResult> {
  const istat = requireMunicipalityAccess(caller, params.istat);
  const year = requireCalendarYear(params.year, now());
  const body = readJsonBody(req);
  return answer(
    await stores.calendars.submit({ caller, municipality: istat, year, body }),
    `Municipality ${istat}`,
  );
}

/**
 * The municipality's calendar as its desk lives it: the network's events and its own, each at
 * its effective days (the municipality's patron day included), in one batched read.
 */
export async function getMunicipalityCalendar({
  caller,
  params,
  stores,
  now,
}: RouteContext): Promise<RouteResult> {
  const istat = requireMunicipalityAccess(caller, params.istat);
  const year = requireCalendarYear(params.year, now());
  const read = await stores.calendars.readForMunicipality(caller.network, istat, [year]);
  if (!read) throw notFound(`Municipality ${istat} is not in network ${caller.network}.`);
  const network = read.networkCalendars.get(year) ?? null;
  const local = read.localCalendars.get(year) ?? null;
  const patronDay = read.municipality.patronDay;
  return {
    status: 200,
    body: {
      municipality: istat,
      year,
      revision: local?.revision ?? 0,
      networkRevision: network?.revision ?? 0,
      ...(patronDay ? { patronDay } : {}),
      events: mergeCalendars(network?.events ?? [], local?.events ?? [], patronDay),
    },
  };
}
