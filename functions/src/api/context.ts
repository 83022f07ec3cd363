import type { Request } from "@google-cloud/functions-framework";
import type { Caller } from "../domain/caller.js";
import type { MemberStore } from "../store/member-store.js";
import type { MonthStore } from "../store/month-store.js";
import type { MunicipalityStore } from "../store/municipality-store.js";
import type { NetworkStore } from "../store/network-store.js";

export interface Stores {
  networks: NetworkStore;
  members: MemberStore;
  municipalities: MunicipalityStore;
  months: MonthStore;
}

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
