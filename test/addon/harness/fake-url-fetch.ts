/**
 * UrlFetchApp over the synchronous bridge, with Apps Script's behaviours: the manifest's
 * urlFetchWhitelist (a URL that starts with none of its prefixes throws before anything is sent),
 * `payload` plus `contentType`, an exception for a 4xx/5xx unless `muteHttpExceptions`, and an
 * exception for the whole fetchAll when a host cannot be reached. Every request is recorded with
 * the URL the add-on asked for; `servers` says where a prefix is really served (the baked https
 * address → the local stack), as DNS and a TLS front would.
 */
import type { HttpRequest, SyncFetcher } from "./sync-fetch.js";

export interface FetchParams {
  url?: string;
  method?: string;
  headers?: Record<string, string>;
  payload?: string;
  contentType?: string;
  muteHttpExceptions?: boolean;
}

export interface RecordedRequest extends HttpRequest {
  /** Requests sent in the same fetch or fetchAll share a batch number. */
  batch: number;
  status?: number;
  /** Parsed JSON body sent, if any. */
  json?: unknown;
}

export class FakeUrlFetchApp {
  readonly requests: RecordedRequest[] = [];
  fetchAllCalls = 0;

  constructor(
    private readonly fetcher: SyncFetcher,
    private readonly network: { whitelist: string[]; servers: Record<string, string> },
  ) {}

  /** The wording is ours: what matters is that it throws and that staff must not see it. */
  private allowed(url: string) {
    const { whitelist } = this.network;
    if (whitelist.length > 0 && !whitelist.some((prefix) => url.startsWith(prefix))) {
      throw new Error(
        `Exception: ${url} is not in the urlFetchWhitelist of the script's manifest.`,
      );
    }
  }

  private served(url: string): string {
    for (const [prefix, origin] of Object.entries(this.network.servers)) {
      if (url.startsWith(prefix))
        return `${origin.replace(/\/+$/, "")}/${url.slice(prefix.length)}`;
    }
    return url;
  }

  fetch = (url: string, params: FetchParams = {}) => this.run([{ ...params, url }])[0];

  fetchAll = (requests: FetchParams[]) => {
    this.fetchAllCalls++;
    return this.run(requests);
  };

  private batches = 0;

  private run(params: FetchParams[]) {
    for (const p of params) this.allowed(String(p.url));
    const batch = ++this.batches;
    const requests: RecordedRequest[] = params.map((p) => {
      const headers: Record<string, string> = { ...(p.headers ?? {}) };
      if (p.payload !== undefined)
        headers["Content-Type"] = p.contentType ?? "application/x-www-form-urlencoded";
      const request: RecordedRequest = {
        batch,
        url: String(p.url),
        method: (p.method ?? "get").toUpperCase(),
        headers,
      };
      if (p.payload !== undefined) {
        request.body = String(p.payload);
        try {
          request.json = JSON.parse(request.body);
        } catch {}
      }
      return request;
    });
    const results = this.fetcher.fetchAll(
      requests.map((request) => ({ ...request, url: this.served(request.url) })),
    );
    this.requests.push(...requests);
    return results.map((result, i) => {
      const request = requests[i] as RecordedRequest;
      if ("error" in result)
        throw new Error(`Exception: Address unavailable: ${request.url} (${result.error})`);
      request.status = result.status;
      if (result.status >= 400 && !params[i]?.muteHttpExceptions) {
        throw new Error(
          `Exception: Request failed for ${request.url} returned code ${result.status}.`,
        );
      }
      return {
        getResponseCode: () => result.status,
        getContentText: () => result.text,
        getHeaders: () => result.headers,
        getAllHeaders: () => result.headers,
      };
    });
  }
}
