/**
 * Talks to the POLI-NET API with the user's Google identity token. Every failure becomes an
 * Italian sentence: staff never see a status code, a JSON body or an English server message.
 */
import type { ValidationIssue } from "../../functions/src/domain/validation-issue.js";
import { addonClientId } from "./addon-client-id.js";
import { checkApiUrl } from "./api-address.js";
import {
  type Area,
  cacheAreas,
  cachedMe,
  cacheMe,
  type Me,
  readSettings,
  requireSettings,
  type Settings,
} from "./document-settings.js";
import { UserError } from "./user-error.js";

export interface ApiRequest {
  method: "get" | "put" | "post";
  path: string;
  body?: unknown;
}

export interface ApiResponse {
  status: number;
  /** Parsed JSON, or null when the body was not JSON. */
  // biome-ignore lint/suspicious/noExplicitAny: callers read the documented shape of each route
  body: any;
  /** The body as sent, for the routes that answer HTML. */
  text?: string;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  issues?: ValidationIssue[];
}

const UNREACHABLE =
  "Il server POLI-NET non risponde. Controllare l'indirizzo in POLI-NET › Impostazioni o riprovare più tardi.";

export class ApiClient {
  private readonly base: string;

  constructor(
    apiUrl: string,
    private readonly token: string,
  ) {
    this.base = apiUrl.replace(/\/+$/, "");
  }

  call(request: ApiRequest): ApiResponse {
    return this.callAll([request])[0] as ApiResponse;
  }

  /** All requests in one UrlFetchApp.fetchAll: the server handles them in parallel. */
  callAll(requests: readonly ApiRequest[]): ApiResponse[] {
    if (requests.length === 0) return [];
    let responses: GoogleAppsScript.URL_Fetch.HTTPResponse[];
    try {
      responses = UrlFetchApp.fetchAll(requests.map((request) => this.toFetch(request)));
    } catch (error) {
      console.error("POLI-NET fetch failed:", error);
      throw new UserError(UNREACHABLE);
    }
    return responses.map((response) => {
      const text = response.getContentText();
      return { status: response.getResponseCode(), body: parseJson(text), text };
    });
  }

  private toFetch(request: ApiRequest): GoogleAppsScript.URL_Fetch.URLFetchRequest {
    const fetch: GoogleAppsScript.URL_Fetch.URLFetchRequest = {
      url: `${this.base}${request.path}`,
      method: request.method,
      headers: { Authorization: `Bearer ${this.token}` },
      muteHttpExceptions: true,
      followRedirects: false,
    };
    if (request.body !== undefined) {
      fetch.contentType = "application/json";
      fetch.payload = JSON.stringify(request.body);
    }
    return fetch;
  }
}

/** A client acting as the user who runs the add-on. */
export function connect(settings: Pick<Settings, "apiUrl">): ApiClient {
  const apiUrl = checkApiUrl(settings.apiUrl);
  const token = ScriptApp.getIdentityToken();
  if (!token) {
    throw new UserError(
      "Google non ha fornito l'identità dell'utente: chiudere e riaprire il foglio, poi autorizzare di nuovo POLI-NET.",
    );
  }
  return new ApiClient(apiUrl, token);
}

export function errorBody(response: ApiResponse): ApiErrorBody | null {
  const error = response.body?.error;
  return error && typeof error.code === "string" ? (error as ApiErrorBody) : null;
}

/**
 * The Italian sentence for a refused request. Only the messages the API writes for staff
 * (validation, locked or concurrently changed months) are passed through; the rest are worded here.
 */
export function describeFailure(response: ApiResponse, what: string): string {
  const error = errorBody(response);
  if (error && (error.code === "month_locked" || error.code === "stale_revision"))
    return error.message;
  switch (response.status) {
    case 401:
      if (error && WRONG_AUDIENCE.test(error.message)) return unknownClient();
      return "Il server POLI-NET non riconosce l'account Google in uso: verificare di aver aperto il foglio con l'account registrato nella rete.";
    case 403:
      return `L'account in uso non ha il permesso di ${what}: verificare il comune in POLI-NET › Impostazioni o rivolgersi al coordinatore.`;
    case 404:
      return `Il server non ha trovato quanto richiesto per ${what}: verificare il comune in POLI-NET › Impostazioni.`;
    case 413:
      return "I dati sono troppo grandi per un solo invio: contattare il coordinatore della rete.";
    default:
      return response.status >= 500 || response.status === 0
        ? UNREACHABLE
        : `Il server ha rifiutato la richiesta di ${what}.`;
  }
}

/**
 * The API's 401 reason when the token's `aud` is not in its POLINET_AUDIENCES
 * (functions/src/api/token-verifier.ts, "the ID token was issued for another audience");
 * test/addon/deployed-api.test.ts checks it against the real local stack.
 */
const WRONG_AUDIENCE = /another audience/i;

function unknownClient(): string {
  const { clientId } = addonClientId();
  return `Il server non riconosce questo componente aggiuntivo: il coordinatore deve aggiungere il suo ID client (${clientId}) a POLINET_AUDIENCES del server POLI-NET e aggiornare il server.`;
}

/**
 * The settings of an action that works for one municipality, and a client. When *Impostazioni*
 * names no municipality and no earlier answer of `/v1/me` is remembered in the document, the
 * server is asked who the user is: staff are registered for their municipality, so they need
 * not type its ISTAT code before their first *Invia dati*.
 */
export function connectForMunicipality(): {
  settings: Settings & { municipality: string };
  api: ApiClient;
} {
  const settings = readSettings();
  const api = connect(settings);
  if (settings.municipality || cachedMe()?.municipality)
    return { settings: requireSettings(), api };
  return { settings: requireSettings(fetchMe(api)), api };
}

/** `GET /v1/me`, remembered so that the menu can show coordinator items. */
export function fetchMe(api: ApiClient): Me {
  const response = api.call({ method: "get", path: "/v1/me" });
  if (response.status !== 200) throw new UserError(describeFailure(response, "leggere l'utente"));
  const me = response.body as Me;
  cacheMe(me);
  return me;
}

/** `GET /v1/areas`, remembered for the area dropdown. */
export function fetchAreas(api: ApiClient): Area[] {
  const response = api.call({ method: "get", path: "/v1/areas" });
  if (response.status !== 200) {
    throw new UserError(describeFailure(response, "leggere le aree della rete"));
  }
  const areas = (response.body?.areas ?? []) as Area[];
  cacheAreas(areas);
  return areas;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
