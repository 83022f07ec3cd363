import { createHash, randomBytes } from "node:crypto";
import { DateTime } from "luxon";
import type { StoredCalendar } from "../../domain/calendar/calendar-submission.js";
import { effectiveEvent } from "../../domain/calendar/effective-events.js";
import { icalFeed } from "../../domain/calendar/ical-feed.js";
import { ZONE } from "../../domain/period.js";
import { notFound } from "../api-error.js";
import type { PublicRouteContext, RouteContext, RouteResult } from "../context.js";
import { requireMunicipalityAccess } from "./guards.js";

/** 32 random bytes, base64url: 43 characters, 256 bits, as unguessable as a key. */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (secret: string) => createHash("sha256").update(secret).digest("hex");

/**
 * Where the API is reached from outside: `POLINET_PUBLIC_URL` when set (behind a custom domain),
 * else the request's own host, with the scheme Cloud Run's front end reports.
 */
function publicBase(context: RouteContext): string {
  const configured = process.env.POLINET_PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, "");
  const { req } = context;
  const forwarded = req.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return `${forwarded || req.protocol}://${req.get("host")}`;
}

/** `POST /v1/municipalities/{istat}/calendar-feed`: a new secret address; the old one dies. */
export async function postCalendarFeed(context: RouteContext): Promise<RouteResult> {
  const { caller, params, stores, now } = context;
  const istat = requireMunicipalityAccess(caller, params.istat);
  const secret = randomBytes(32).toString("base64url");
  const rotated = await stores.feeds.rotate(
    { network: caller.network, municipality: istat },
    hashOf(secret),
    caller.email,
    now(),
  );
  if (!rotated) throw notFound(`Municipality ${istat} is not in network ${caller.network}.`);
  return { status: 201, body: { url: `${publicBase(context)}/feeds/${secret}.ics` } };
}

/**
 * `GET /feeds/{secret}.ics`, with no token (calendar apps cannot send one): the secret's hash
 * names one municipality, and this route serves its calendar and nothing else. Last year, this
 * year and next year, so a subscription shows what was and what comes without any setting.
 * Every failure is the same 404, so an address reveals nothing about why it does not work.
 */
export async function getCalendarFeed({
  params,
  stores,
  now,
}: PublicRouteContext): Promise<RouteResult> {
  const unknown = () => notFound("No calendar at this address.");
  const secret = (params.file ?? "").replace(/\.ics$/, "");
  if (!params.file?.endsWith(".ics") || !SECRET_PATTERN.test(secret)) throw unknown();
  const target = await stores.feeds.find(hashOf(secret));
  if (!target) throw unknown();
  const thisYear = DateTime.fromJSDate(now(), { zone: ZONE }).year;
  const years = [thisYear - 1, thisYear, thisYear + 1].map(String);
  const read = await stores.calendars.readForMunicipality(
    target.network,
    target.municipality,
    years,
  );
  if (!read) throw unknown();
  const patronDay = read.municipality.patronDay;
  const feedCalendar = (
    calendar: StoredCalendar | null | undefined,
    source: "network" | "local",
  ) =>
    calendar
      ? {
          year: calendar.year,
          revision: calendar.revision,
          submittedAt: calendar.submittedAt,
          events: calendar.events.map((e) => effectiveEvent(e, source, patronDay)),
        }
      : null;
  const body = icalFeed({
    network: target.network,
    istat: target.municipality,
    municipalityName: read.municipality.name,
    areaNames: Object.fromEntries(
      Object.entries(read.network.areas).map(([code, a]) => [code, a.name]),
    ),
    calendars: years.map((year) => ({
      year,
      network: feedCalendar(read.networkCalendars.get(year), "network"),
      local: feedCalendar(read.localCalendars.get(year), "local"),
    })),
  });
  return { status: 200, body, contentType: "text/calendar; charset=utf-8" };
}
