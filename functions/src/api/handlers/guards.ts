import { type Caller, canAccessMunicipality } from "../../domain/caller.js";
import { isIstatCode } from "../../domain/municipality.js";
import { badRequest, forbidden } from "../api-error.js";

export function requireRole(caller: Caller, roles: readonly Caller["role"][]): void {
  if (!roles.includes(caller.role)) {
    throw forbidden("Operazione riservata al coordinatore della rete.");
  }
}

export function requireCoordinator(caller: Caller): void {
  requireRole(caller, ["coordinator"]);
}

/** The path's ISTAT code, checked for shape and for the caller's right to touch it. */
export function requireMunicipalityAccess(caller: Caller, istat: string | undefined): string {
  if (!istat || !isIstatCode(istat)) {
    throw badRequest(`"${istat ?? ""}" is not an ISTAT code: 6 digits expected, e.g. 015182.`);
  }
  if (!canAccessMunicipality(caller, istat)) {
    throw forbidden(
      `Non è possibile accedere ai dati del comune ${istat}: ogni operatore vede solo i dati grezzi del proprio comune.`,
    );
  }
  return istat;
}
