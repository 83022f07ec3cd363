import type { Firestore } from "@google-cloud/firestore";

export interface RpcCounts {
  calls: Record<string, number>;
  documentsRead: number;
  documentsWritten: number;
}

interface Internals {
  request(method: string, request: Record<string, unknown>, ...rest: unknown[]): Promise<unknown>;
  requestStream(
    method: string,
    bidi: unknown,
    request: Record<string, unknown>,
    ...rest: unknown[]
  ): Promise<unknown>;
}

/**
 * Counts the gRPC calls a Firestore client makes (round trips, as production would see them) by
 * wrapping its two request methods; documents read are those named in batchGetDocuments.
 */
export function countRpcs(db: Firestore): { counts: RpcCounts; reset(): void } {
  const counts: RpcCounts = { calls: {}, documentsRead: 0, documentsWritten: 0 };
  const client = db as unknown as Internals;
  const note = (method: string, request: Record<string, unknown>) => {
    counts.calls[method] = (counts.calls[method] ?? 0) + 1;
    if (method === "batchGetDocuments")
      counts.documentsRead += (request.documents as unknown[]).length;
    if (method === "commit") counts.documentsWritten += (request.writes as unknown[]).length;
  };
  const request = client.request.bind(client);
  const requestStream = client.requestStream.bind(client);
  client.request = (method, req, ...rest) => {
    note(method, req);
    return request(method, req, ...rest);
  };
  client.requestStream = (method, bidi, req, ...rest) => {
    note(method, req);
    return requestStream(method, bidi, req, ...rest);
  };
  return {
    counts,
    reset() {
      counts.calls = {};
      counts.documentsRead = 0;
      counts.documentsWritten = 0;
    },
  };
}
