import type { RouteContext, RouteResult } from "../context.js";

export async function getMe({ caller }: RouteContext): Promise<RouteResult> {
  return {
    status: 200,
    body: {
      email: caller.email,
      role: caller.role,
      network: caller.network,
      municipality: caller.municipality ?? null,
    },
  };
}
