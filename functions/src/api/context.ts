import type { Request } from "@google-cloud/functions-framework";
import type { Caller } from "../domain/caller.js";
import type { Stores } from "../store/stores.js";

/** What a route handler gets: the verified caller, the path parameters, the stores, the clock. */
export interface RouteContext {
  req: Request;
  caller: Caller;
  params: Record<string, string>;
  stores: Stores;
  now: () => Date;
}

/** What a public route (no token: `/feeds/…`) gets. */
export type PublicRouteContext = Omit<RouteContext, "caller">;

/**
 * A handler's answer; the app renders it as JSON, or, with `contentType`, sends `body` (a string)
 * as it is: an iCalendar feed.
 */
export interface RouteResult {
  status: number;
  body: unknown;
  contentType?: string;
}
