import type { Request } from "@google-cloud/functions-framework";
import type { Caller } from "../domain/caller.js";
import type { Stores } from "../store/stores.js";

/** What a route handler gets: the verified caller, the path parameters, the stores. */
export interface RouteContext {
  req: Request;
  caller: Caller;
  params: Record<string, string>;
  stores: Stores;
}

/** A handler's answer; the app renders it as JSON. */
export interface RouteResult {
  status: number;
  body: unknown;
}
