import { municipalityIndicators } from "../../domain/indicators/municipality-indicators.js";
import type { StoredMonth } from "../../domain/stored-month.js";
import { ApiError, badRequest, notFound } from "../api-error.js";
import type { RouteContext, RouteResult } from "../context.js";
import { readJsonBody } from "../http-io.js";
import { requireMonth } from "../period-params.js";
import { requireMunicipalityAccess } from "./guards.js";

export async function putMonth({
  req,
  caller,
  params,
  stores,
}: RouteContext): Promise<RouteResult> {
  const istat = requireMunicipalityAccess(caller, params.istat);
  const month = requireMonth(params.month);
  const body = readJsonBody(req);
  const outcome = await stores.months.submit({ caller, municipality: istat, month, body });
  switch (outcome.kind) {
    case "invalid":
      throw badRequest(
        "I dati del mese non sono validi: correggere le celle segnalate.",
        outcome.issues,
      );
    case "rejected":
      throw new ApiError(
        400,
        "data_quality_error",
        "Alcuni dati sembrano errori di battitura: il mese non è stato salvato. Verificare le celle segnalate.",
        outcome.warnings
          .filter((w) => w.severity === "error")
          .map(({ path, message }) => ({ path, message })),
      );
    case "unknown-municipality":
      throw notFound(`Municipality ${istat} is not in network ${caller.network}.`);
    case "refused":
      throw badRequest(outcome.message, [{ path: ["month"], message: outcome.message }]);
    case "conflict":
      throw new ApiError(
        409,
        outcome.reason === "locked" ? "month_locked" : "stale_revision",
        outcome.message,
      );
    case "unchanged":
      return {
        status: 200,
        body: submissionResponse(outcome.current, "unchanged", outcome.population),
      };
    case "stored":
      return {
        status: 200,
        body: submissionResponse(outcome.stored, "stored", outcome.population),
      };
  }
}

function submissionResponse(
  month: StoredMonth,
  status: "stored" | "unchanged",
  population?: number,
) {
  return {
    revision: month.revision,
    status,
    warnings: month.warnings ?? [],
    indicators: municipalityIndicators([month], population),
  };
}

export async function getMonth({ caller, params, stores }: RouteContext): Promise<RouteResult> {
  const istat = requireMunicipalityAccess(caller, params.istat);
  const month = requireMonth(params.month);
  const stored = await stores.months.get(caller.network, istat, month);
  if (!stored) throw notFound(`No data stored for municipality ${istat} in ${month}.`);
  return { status: 200, body: stored };
}

export async function listRevisions({
  caller,
  params,
  stores,
}: RouteContext): Promise<RouteResult> {
  const istat = requireMunicipalityAccess(caller, params.istat);
  const month = requireMonth(params.month);
  const revisions = await stores.months.revisions(caller.network, istat, month);
  if (revisions.length === 0)
    throw notFound(`No data stored for municipality ${istat} in ${month}.`);
  return { status: 200, body: { municipality: istat, month, revisions } };
}
