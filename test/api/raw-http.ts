import http, { type IncomingHttpHeaders } from "node:http";
import { Readable } from "node:stream";
import { constants, createGzip } from "node:zlib";

/** Plain node:http, not fetch: it lets a test choose every header, chunking and byte of the path. */
export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  /** Sent with Content-Length; an array is sent chunked, one write per element. */
  body?: Buffer | Buffer[];
  agent?: http.Agent;
  /** Gives up (rejects) when no answer has come by then: a hang guard, not a speed check. */
  timeoutMs?: number;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the server answered
  json: any;
}

export function rawRequest(base: string, path: string, options: RawRequest = {}) {
  const { method = "GET", headers = {}, body, agent, timeoutMs } = options;
  const url = new URL(base);
  return new Promise<RawResponse>((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method, path, headers, ...(agent ? { agent } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on("error", reject);
    if (timeoutMs) {
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    }
    if (Array.isArray(body)) {
      // Said explicitly: node:http frames GET, HEAD, DELETE and OPTIONS bodies only when told.
      req.setHeader("transfer-encoding", "chunked");
      for (const piece of body) req.write(piece);
      req.end();
    } else if (body) {
      req.setHeader("content-length", body.length);
      req.end(body);
    } else req.end();
  });
}

/**
 * Sends the request line and headers only, announcing a body that never comes, and returns the
 * answer: a server that answers has decided without reading the body.
 */
export function headersOnly(
  base: string,
  path: string,
  method: string,
  headers: Record<string, string>,
) {
  const url = new URL(base);
  return new Promise<RawResponse>((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method, path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          req.destroy();
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: JSON.parse(text),
          });
        });
      },
    );
    req.on("error", reject);
    req.flushHeaders();
  });
}

/**
 * Gzip of `decodedBytes` zeros, made by streaming zeros through zlib (run-length strategy: the
 * same ~1030:1 ratio as the best level, several times faster). 1 GiB gives ~1 MB.
 */
export async function gzipBomb(decodedBytes: number): Promise<Buffer> {
  const zeros = Buffer.alloc(1 << 20);
  const source = Readable.from(
    (function* () {
      for (let sent = 0; sent < decodedBytes; sent += zeros.length) yield zeros;
    })(),
  );
  const chunks: Buffer[] = [];
  for await (const chunk of source.pipe(
    createGzip({ level: 9, strategy: constants.Z_RLE, chunkSize: 1 << 20 }),
  )) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Splits a buffer into pieces for a chunked upload. */
export function pieces(buffer: Buffer, size = 64 * 1024): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += size) out.push(buffer.subarray(i, i + size));
  return out;
}

/** Runs `action` while sampling the process's RSS; returns the largest growth over the start. */
export async function rssGrowthDuring<T>(action: () => Promise<T>) {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 2);
  try {
    const result = await action();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growth: peak - before, before };
  } finally {
    clearInterval(timer);
  }
}
