import type { Request } from "@google-cloud/functions-framework";
import type { Caller } from "../domain/caller.js";
import type { MemberStore } from "../store/member-store.js";
import type { MonthStore } from "../store/month-store.js";
import type { NetworkStore } from "../store/network-store.js";
import type { Paths } from "../store/paths.js";
import type { SummaryStore } from "../store/summary-store.js";

export interface Stores {
  networks: NetworkStore;
  members: MemberStore;
  months: MonthStore;
  summaries: SummaryStore;
  paths: Paths;
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
