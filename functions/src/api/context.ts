import type { Request } from "@google-cloud/functions-framework";
import type { Caller } from "../domain/caller.js";
import type { SheetsClientFactory } from "../reports/sheets-sink.js";
import type { Stores } from "../store/stores.js";

/** What a route handler gets: the verified caller, the path parameters, the stores, the clock. */
export interface RouteContext {
  req: Request;
  caller: Caller;
  params: Record<string, string>;
  stores: Stores;
  /** Where published reports go in Google Sheets (api/app.ts `sheetsClient`). */
  sheetsClient?: SheetsClientFactory;
  now: () => Date;
}

/** What a public route's handler gets (`/open/…`, `/feeds/…`): no caller, the request carries no token. */
export type PublicRouteContext = Omit<RouteContext, "caller">;

/**
 * A handler's answer; the app renders it as JSON, or sends a text body as it is with its
 * `contentType` (CSV, HTML, iCalendar).
 */
export type RouteResult =
  | { status: number; body: unknown; contentType?: undefined }
  | {
      status: number;
      body: string;
      contentType: string;
      cacheControl?: string;
      /** More response headers, e.g. the HTML page's Content-Security-Policy. */
      headers?: Record<string, string>;
    };
