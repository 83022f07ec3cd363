/**
 * UrlFetchApp over the synchronous bridge, with Apps Script's behaviours: `payload` plus
 * `contentType`, an exception for a 4xx/5xx unless `muteHttpExceptions`, and an exception for
 * the whole fetchAll when a host cannot be reached. Every request is recorded.
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

  constructor(private readonly fetcher: SyncFetcher) {}

  fetch = (url: string, params: FetchParams = {}) => this.run([{ ...params, url }])[0];

  fetchAll = (requests: FetchParams[]) => {
    this.fetchAllCalls++;
    return this.run(requests);
  };

  private batches = 0;

  private run(params: FetchParams[]) {
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
    const results = this.fetcher.fetchAll(requests);
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
