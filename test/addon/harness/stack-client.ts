/** Starts stack-process.ts and talks to it from the test thread (asynchronously). */
import { spawn } from "node:child_process";
import { request } from "node:http";
import { fileURLToPath } from "node:url";

export interface SeededStack {
  url: string;
  coordinator: string;
  rho: string;
  este: string;
  rhoStaff: string;
  esteStaff: string;
}

export interface StackCall {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the API answered
  body: any;
}

/** What /dev/token may be asked besides the e-mail (scripts/local/dev-token-route.ts). */
export interface TokenOptions {
  audience?: string;
  expiresInSeconds?: number;
}

export interface StackProcess extends SeededStack {
  /** A token from the stack's /dev/token; `audience` other than the stack's own is refused by the API. */
  token(email: string, extra?: TokenOptions): Promise<string>;
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown },
  ): Promise<StackCall>;
  stop(): Promise<void>;
}

export async function startStackProcess(): Promise<StackProcess> {
  const script = fileURLToPath(new URL("./stack-process.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const seeded = await new Promise<SeededStack>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve(JSON.parse(line) as SeededStack);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then((code) => reject(new Error(`stack process exited with ${code}:\n${output}`)));
  });
  const call = async (
    method: string,
    path: string,
    options: { token?: string; body?: unknown } = {},
  ): Promise<StackCall> => {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const response = await send(`${seeded.url}${path}`, method, headers, payload);
    let body: unknown = null;
    try {
      body = JSON.parse(response.text);
    } catch {}
    return { status: response.status, body };
  };
  return {
    ...seeded,
    call,
    async token(email, extra = {}) {
      const result = await call("POST", "/dev/token", { body: { email, ...extra } });
      if (result.status !== 200)
        throw new Error(`dev token for ${email}: ${JSON.stringify(result.body)}`);
      return result.body.token as string;
    },
    async stop() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * One request on a connection of its own. The test thread calls the stack between long
 * synchronous add-on runs; a kept-alive socket the server has meanwhile closed made fetch fail
 * with "other side closed" (seen against Google's emulator, where runs are slower).
 */
function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  payload: string | undefined,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(payload);
  });
}
