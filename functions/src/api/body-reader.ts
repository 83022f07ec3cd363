import type { IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { badRequest, payloadTooLarge, unsupportedMediaType } from "./api-error.js";

/** The Content-Encodings a body may come in; anything else is refused before reading. */
const DECODERS: Record<string, (() => Readable & NodeJS.WritableStream) | null> = {
  identity: null,
  gzip: createGunzip,
  "x-gzip": createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** The request's Content-Encoding, lower case; 415 for one we cannot decode (or a chain of them). */
export function bodyEncoding(req: IncomingMessage): string {
  const encoding =
    (req.headers["content-encoding"] ?? "identity").trim().toLowerCase() || "identity";
  if (!Object.hasOwn(DECODERS, encoding)) {
    throw unsupportedMediaType(
      `Content-Encoding "${encoding.slice(0, 40)}" is not supported; use identity, gzip, deflate or br.`,
    );
  }
  return encoding;
}

/** The request was closed by the client before its body arrived: nobody is left to answer. */
export class RequestAborted extends Error {}

/**
 * Reads the whole body, decoded, refusing it as soon as the decoded bytes pass `maxBytes`: the
 * count is kept while streaming, so a decompression bomb costs at most `maxBytes` of memory and the
 * CPU to inflate that much, never the whole bomb. Errors are ApiErrors (413 over the cap, 400 for
 * data the encoding cannot decode) or RequestAborted. On any failure the request stream is left
 * unconsumed and paused, for the caller to discard.
 */
export function readDecodedBody(
  req: IncomingMessage,
  encoding: string,
  maxBytes: number,
): Promise<Buffer> {
  const makeDecoder = DECODERS[encoding];
  const decoder = makeDecoder ? makeDecoder() : undefined;
  const source: Readable = decoder ?? req;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      source.removeListener("data", onData);
      source.removeListener("end", onEnd);
      req.removeListener("close", onClose);
      if (decoder) {
        req.unpipe(decoder);
        decoder.destroy();
      }
      req.pause();
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        finish(
          payloadTooLarge(
            `Request body is over ${maxBytes} bytes once decoded; the limit is ${maxBytes / 1024} KiB.`,
          ),
        );
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish();
    // `close` before `end` means the client went away mid-body.
    const onClose = () => {
      if (!req.complete) finish(new RequestAborted("The client closed the request mid-body."));
    };
    source.on("data", onData);
    source.once("end", onEnd);
    req.on("close", onClose);
    // An error on the request is the connection failing; on the decoder it is the client's data.
    req.on("error", () => finish(new RequestAborted("The request stream failed.")));
    if (decoder) {
      decoder.on("error", () =>
        finish(
          badRequest(`Request body is not valid ${encoding} data (Content-Encoding: ${encoding}).`),
        ),
      );
      req.pipe(decoder);
    }
  });
}
