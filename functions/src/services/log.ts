import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The one logger: JSON lines on stdout that Cloud Logging parses into structured entries
 * (https://cloud.google.com/logging/docs/structured-logging). `severity` and `message` are read as
 * such; `logging.googleapis.com/trace` ties a line to the request's trace; an error's
 * `stack_trace` lets Error Reporting group it. Nothing a caller sends is logged as is: no token, no
 * e-mail address, no submitted figure — callers pass identifiers and counts of documents only.
 */
export type Severity = "DEBUG" | "INFO" | "NOTICE" | "WARNING" | "ERROR" | "CRITICAL";

export type LogFields = Record<string, unknown>;

interface RequestContext {
  trace?: string;
}

const context = new AsyncLocalStorage<RequestContext>();

/** Where log lines go; tests swap it to read them. */
let sink: (line: string) => void = (line) => process.stdout.write(`${line}\n`);

export function setLogSink(write: (line: string) => void): () => void {
  const previous = sink;
  sink = write;
  return () => {
    sink = previous;
  };
}

/**
 * The trace of a request, from Cloud Run's `X-Cloud-Trace-Context: TRACE/SPAN;o=1` or W3C
 * `traceparent: 00-TRACE-SPAN-01`, as the `projects/P/traces/TRACE` Cloud Logging expects.
 */
export function traceOf(
  header: (name: string) => string | undefined,
  projectId: string | undefined,
): string | undefined {
  const cloud = /^([0-9a-f]{32})(?:\/|$)/i.exec(header("x-cloud-trace-context") ?? "");
  const w3c = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/i.exec(
    header("traceparent") ?? "",
  );
  const trace = cloud?.[1] ?? w3c?.[1];
  if (!trace || !projectId) return undefined;
  return `projects/${projectId}/traces/${trace.toLowerCase()}`;
}

/** Runs `work` with the request's trace attached to every line it logs. */
export function withTrace<T>(trace: string | undefined, work: () => T): T {
  return context.run(trace ? { trace } : {}, work);
}

export function log(severity: Severity, message: string, fields: LogFields = {}): void {
  const trace = context.getStore()?.trace;
  const entry: LogFields = {
    severity,
    message,
    ...fields,
    ...(trace ? { "logging.googleapis.com/trace": trace } : {}),
  };
  sink(JSON.stringify(entry));
}

/** An error with its stack, as Error Reporting groups it. */
export function logError(message: string, error: unknown, fields: LogFields = {}): void {
  const stack = error instanceof Error ? (error.stack ?? String(error)) : String(error);
  log("ERROR", message, { ...fields, stack_trace: stack });
}
