import type { Role } from "./member.js";

/** Who is making a request, once the token is verified and mapped to a member. */
export interface Caller {
  email: string;
  role: Role;
  network: string;
  /** ISTAT code of the municipality of a staff member; absent for coordinators. */
  municipality?: string;
}

/** Staff may touch only their own municipality; coordinators every municipality of their network. */
export function canAccessMunicipality(caller: Caller, istat: string): boolean {
  return caller.role === "coordinator" || caller.municipality === istat;
}
