import http, { type Server, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { parseArgs } from "node:util";
import { type AppListener, guardRequests, type RequestPolicy } from "./request-guard.js";

/** Puts the request guard in front of a server that already has its Express app (local stack). */
export function guardServer(server: Server, policy: RequestPolicy): Server {
  const listeners = server.listeners("request") as AppListener[];
  const [app] = listeners;
  if (listeners.length !== 1 || !app) {
    throw new Error(`Expected one request listener to guard, found ${listeners.length}.`);
  }
  server.removeAllListeners("request");
  server.on("request", guardRequests(app, policy));
  answerClientErrors(server);
  return server;
}

/**
 * Production: the Functions Framework's CLI imports our module, then builds its Express app and
 * calls `http.createServer(app)` itself (main.js → getServer), with no hook for code to run before
 * body-parser. So the entry point, knowing which target is served, replaces `http.createServer`
 * once: the next call (the framework's, which follows the import with no other server in between)
 * gets the guard around its app, and the original function is put back at once, so nothing else
 * in the process is affected. It works because the framework's `require("http")` and our
 * `import http` are the same module object.
 */
export function guardNextServer(policy: RequestPolicy): void {
  const httpModule = http as { createServer: typeof http.createServer };
  const original = httpModule.createServer;
  httpModule.createServer = ((...args: unknown[]) => {
    httpModule.createServer = original;
    const index = args.findIndex((arg) => typeof arg === "function");
    if (index >= 0) args[index] = guardRequests(args[index] as AppListener, policy);
    const server = (original as (...a: unknown[]) => Server).apply(http, args);
    answerClientErrors(server);
    return server;
  }) as typeof http.createServer;
}

/** The target the framework's CLI serves: `--target` wins over FUNCTION_TARGET, as in its options.js. */
export function servedTarget(
  argv: string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const { values } = parseArgs({
    args: argv,
    options: { target: { type: "string" } },
    strict: false,
    allowPositionals: true,
  });
  return typeof values.target === "string" ? values.target : env.FUNCTION_TARGET;
}

/**
 * Requests Node's HTTP parser refuses (a request line or headers over 16 KiB, bytes that are not
 * HTTP) never reach a listener; Node answers them with a bare status line. This answers in our
 * error shape instead, on the socket as Node's documentation shows.
 */
function answerClientErrors(server: Server): void {
  server.on(
    "clientError",
    (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
      if (error.code === "ECONNRESET" || !socket.writable) {
        socket.destroy();
        return;
      }
      const status =
        error.code === "HPE_HEADER_OVERFLOW"
          ? 431
          : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
            ? 408
            : 400;
      const body = JSON.stringify({
        error: {
          code: status === 431 ? "headers_too_large" : status === 408 ? "timeout" : "bad_request",
          message:
            status === 431
              ? "The request line and headers are too large."
              : status === 408
                ? "The request took too long to arrive."
                : "The request is not valid HTTP.",
        },
      });
      // A HEAD request gets the headers only: a client reading a body there would see garbage.
      const head = error.rawPacket?.subarray(0, 5).toString("latin1") === "HEAD ";
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
          "Content-Type: application/json; charset=utf-8\r\n" +
          `Content-Length: ${Buffer.byteLength(body)}\r\n` +
          "Cache-Control: no-store\r\nConnection: close\r\n\r\n" +
          (head ? "" : body),
      );
    },
  );
}
