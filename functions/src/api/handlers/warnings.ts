import { DateTime } from "luxon";
import { type Month, ZONE } from "../../domain/period.js";
import { statedWarnings, type WarningState } from "../../domain/warning-ledger.js";
import { ApiError, badRequest, notFound } from "../api-error.js";
import type { RouteContext, RouteResult } from "../context.js";
import { readJsonBody } from "../http-io.js";
import { requireMonth } from "../period-params.js";
import { requireMunicipalityAccess } from "./guards.js";

/** A warning id as warning-ledger.ts makes it: 12 hex digits. */
const WARNING_ID = /^[0-9a-f]{12}$/;
/** Remarks one answer lists at most; past it the answer says so and how to narrow it. */
const MAX_LISTED = 5000;
const STATES: readonly WarningState[] = ["open", "justified", "corrected"];

/**
 * `PUT /v1/municipalities/{istat}/months/{YYYY-MM}/warnings/{warningId}` `{justification}`: a
 * flagged value is explained instead of corrected (DESIGN §12). Allowed on a locked month too: it
 * changes no figure. The same text again stores nothing; a new text keeps the previous one.
 */
export async function putJustification({
  req,
  caller,
  params,
  stores,
}: RouteContext): Promise<RouteResult> {
  const istat = requireMunicipalityAccess(caller, params.istat);
  const month = requireMonth(params.month);
  const warningId = params.warningId ?? "";
  if (!WARNING_ID.test(warningId))
    throw notFound(
      `No warning ${warningId.slice(0, 40)} on ${istat} ${month}: ids are 12 hex digits.`,
    );
  const body = readJsonBody(req);
  const outcome = await stores.warnings.justify({
    network: caller.network,
    municipality: istat,
    month,
    warningId,
    by: caller.email,
    body,
  });
  switch (outcome.kind) {
    case "invalid":
      throw badRequest("La giustificazione non è valida.", outcome.issues);
    case "no-month":
      throw notFound(`No data stored for municipality ${istat} in ${month}.`);
    case "unknown-warning":
      throw notFound(`No warning ${warningId} on the current revision of ${istat} ${month}.`);
    case "corrected":
      throw new ApiError(
        409,
        "warning_corrected",
        "Questa segnalazione non c'è più: il dato è stato corretto in una revisione successiva del mese.",
      );
    case "unchanged":
    case "stored": {
      const j = outcome.kind === "stored" ? outcome.stored : outcome.current;
      return {
        status: 200,
        body: {
          warningId,
          state: "justified",
          status: outcome.kind,
          revision: j.revision,
          justification: j.justification,
          by: j.by,
          at: j.at,
        },
      };
    }
  }
}

/**
 * `GET /v1/warnings?year=YYYY&state=open|justified|corrected&municipality=istat`: the remarks of a
 * year with their state. One route for both roles: a coordinator sees the network (one query of
 * the year's shards) or one municipality; staff their own municipality only (one document), as
 * warnings are private to it (DESIGN §2). The shards keep at most 20 remarks a month; `omitted`
 * counts the rest.
 */
export async function listWarnings({
  req,
  caller,
  stores,
  now,
}: RouteContext): Promise<RouteResult> {
  const query = new URL(req.originalUrl ?? req.url, "http://localhost").searchParams;
  const year = query.get("year") ?? String(DateTime.fromJSDate(now(), { zone: ZONE }).year);
  if (!/^\d{4}$/.test(year) || year === "0000")
    throw badRequest(`year "${year.slice(0, 20)}" is not a year: YYYY expected.`);
  const state = query.get("state");
  if (state !== null && !STATES.includes(state as WarningState))
    throw badRequest(`state "${state.slice(0, 20)}" is not one of ${STATES.join(", ")}.`);
  if (caller.role !== "coordinator" && caller.role !== "staff")
    throw new ApiError(403, "permission_denied", "Warnings are read by staff and coordinators.");
  const asked = query.get("municipality") ?? undefined;
  const istat =
    caller.role === "coordinator"
      ? asked && requireMunicipalityAccess(caller, asked)
      : requireMunicipalityAccess(caller, asked ?? caller.municipality);
  const shards = await stores.warnings.shards(caller.network, year, istat || undefined);
  const warnings = [];
  let omitted = 0;
  for (const [municipality, shard] of [...shards].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const [month, entry] of Object.entries(shard).sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!entry) continue;
      omitted += entry.notesOmitted ?? 0;
      for (const w of statedWarnings(month as Month, entry.notes ?? [], entry))
        if (!state || w.state === state) warnings.push({ municipality, month, ...w });
    }
  }
  if (warnings.length > MAX_LISTED)
    throw new ApiError(
      400,
      "response_too_large",
      `${warnings.length} warnings match; at most ${MAX_LISTED} per answer: add ?municipality= or ?state=.`,
    );
  return { status: 200, body: { year, ...(state ? { state } : {}), warnings, omitted } };
}
