import type { PublicRouteContext, RouteContext, RouteResult } from "./context.js";
import { listAreas, putArea } from "./handlers/areas.js";
import {
  getMunicipalityCalendar,
  getNetworkCalendar,
  putMunicipalityCalendar,
  putNetworkCalendar,
} from "./handlers/calendar.js";
import { getCalendarFeed, postCalendarFeed } from "./handlers/calendar-feed.js";
import { listCardRevisions, listCards, putCard } from "./handlers/cards.js";
import { getForecast } from "./handlers/forecast.js";
import { getIndicators, postRecompute } from "./handlers/indicators.js";
import { getMe } from "./handlers/me.js";
import { putMember } from "./handlers/members.js";
import { getMonth, listRevisions, putMonth } from "./handlers/months.js";
import { listMunicipalities, putMunicipality } from "./handlers/municipalities.js";
import { getNetwork, putNetwork } from "./handlers/network.js";
import { getOpenData } from "./handlers/open-data.js";
import { getReminders, postReminderSent } from "./handlers/reminders.js";
import { getReportVersionHtml } from "./handlers/report-html.js";
import {
  getReportDiff,
  getReportVersion,
  listReports,
  listReportVersions,
  postReport,
} from "./handlers/reports.js";
import { getTodo } from "./handlers/todo.js";
import { listWarnings, putJustification } from "./handlers/warnings.js";

export type Handler = (context: RouteContext) => Promise<RouteResult>;
/** A route anyone may call without a token (the request guard lets `/open/*` and `/feeds/*` through): it must find its own authority. */
export type PublicHandler = (context: PublicRouteContext) => Promise<RouteResult>;

type Route = { method: string; path: string } & (
  | { handler: Handler; public?: undefined }
  | { public: PublicHandler; handler?: undefined }
);

/**
 * The v1 routes of DESIGN §6, §11 and §13 and the open data; `:name` segments become
 * `params.name`, and a `:name.ext` segment takes only a segment ending in `.ext`, without it.
 */
export const ROUTES: Route[] = [
  { method: "GET", path: "/v1/me", handler: getMe },
  { method: "GET", path: "/v1/network", handler: getNetwork },
  { method: "PUT", path: "/v1/network", handler: putNetwork },
  { method: "GET", path: "/v1/municipalities", handler: listMunicipalities },
  { method: "PUT", path: "/v1/municipalities/:istat", handler: putMunicipality },
  { method: "PUT", path: "/v1/members/:email", handler: putMember },
  { method: "GET", path: "/v1/areas", handler: listAreas },
  { method: "PUT", path: "/v1/areas/:code", handler: putArea },
  { method: "PUT", path: "/v1/municipalities/:istat/months/:month", handler: putMonth },
  { method: "GET", path: "/v1/municipalities/:istat/months/:month", handler: getMonth },
  {
    method: "GET",
    path: "/v1/municipalities/:istat/months/:month/revisions",
    handler: listRevisions,
  },
  { method: "GET", path: "/v1/indicators/:period", handler: getIndicators },
  { method: "POST", path: "/v1/recompute", handler: postRecompute },
  { method: "GET", path: "/v1/reports", handler: listReports },
  { method: "POST", path: "/v1/reports", handler: postReport },
  { method: "GET", path: "/v1/reports/:period", handler: listReportVersions },
  // Before the JSON route, whose `:version` would also take "1.html".
  {
    method: "GET",
    path: "/v1/reports/:period/versions/:version.html",
    handler: getReportVersionHtml,
  },
  { method: "GET", path: "/v1/reports/:period/versions/:version", handler: getReportVersion },
  { method: "GET", path: "/v1/reports/:period/diff", handler: getReportDiff },
  { method: "GET", path: "/open/:network/:file", public: getOpenData },
  { method: "PUT", path: "/v1/calendar/:year", handler: putNetworkCalendar },
  { method: "GET", path: "/v1/calendar/:year", handler: getNetworkCalendar },
  {
    method: "PUT",
    path: "/v1/municipalities/:istat/calendar/:year",
    handler: putMunicipalityCalendar,
  },
  {
    method: "GET",
    path: "/v1/municipalities/:istat/calendar/:year",
    handler: getMunicipalityCalendar,
  },
  { method: "POST", path: "/v1/municipalities/:istat/calendar-feed", handler: postCalendarFeed },
  { method: "GET", path: "/feeds/:file", public: getCalendarFeed },
  { method: "GET", path: "/v1/municipalities/:istat/forecast", handler: getForecast },
  { method: "GET", path: "/v1/municipalities/:istat/cards", handler: listCards },
  { method: "PUT", path: "/v1/municipalities/:istat/cards/:code", handler: putCard },
  {
    method: "GET",
    path: "/v1/municipalities/:istat/cards/:code/revisions",
    handler: listCardRevisions,
  },
  {
    method: "PUT",
    path: "/v1/municipalities/:istat/months/:month/warnings/:warningId",
    handler: putJustification,
  },
  { method: "GET", path: "/v1/warnings", handler: listWarnings },
  { method: "GET", path: "/v1/me/todo", handler: getTodo },
  { method: "GET", path: "/v1/reminders", handler: getReminders },
  { method: "POST", path: "/v1/reminders/:week/sent", handler: postReminderSent },
];

export type RouteMatch =
  | { kind: "found"; route: Route; params: Record<string, string>; path: string }
  | { kind: "method-not-allowed"; allowed: string[] }
  | { kind: "not-found" };

export function matchRoute(method: string, pathname: string): RouteMatch {
  const segments = pathname.split("/").filter(Boolean);
  const allowed: string[] = [];
  for (const route of ROUTES) {
    const params = matchPath(route.path, segments);
    if (!params) continue;
    if (route.method === method) return { kind: "found", route, params, path: route.path };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { kind: "method-not-allowed", allowed } : { kind: "not-found" };
}

function matchPath(pattern: string, segments: string[]): Record<string, string> | null {
  const parts = pattern.split("/").filter(Boolean);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const segment = segments[i] as string;
    if (part.startsWith(":")) {
      const dot = part.indexOf(".");
      const suffix = dot === -1 ? "" : part.slice(dot);
      if (!segment.endsWith(suffix) || segment.length === suffix.length) return null;
      try {
        params[part.slice(1, dot === -1 ? undefined : dot)] = decodeURIComponent(
          segment.slice(0, segment.length - suffix.length),
        );
      } catch {
        return null;
      }
    } else if (part !== segment) return null;
  }
  return params;
}
