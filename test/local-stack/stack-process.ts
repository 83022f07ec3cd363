// The local stack as a separate process, as `npm start` runs it, and a small HTTP client for it.
import { type ChildProcess, spawn } from "node:child_process";
import { connect } from "node:net";
import { delimiter, dirname } from "node:path";
import { addMonths, type Month } from "../../functions/src/domain/period.js";

export interface StackProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Resolves when everything that held the process's stdout has exited (its children too). */
  closed: Promise<void>;
  /** Resolves when the output contains `text`. */
  waitFor(text: string): Promise<void>;
}

/** `npm start` without npm: the same command its script execs. */
export const STACK_COMMAND = [
  process.execPath,
  "scripts/require-node.mjs",
  "scripts/local-stack.ts",
];
/** `npm start` itself (npm found on PATH, run by the Node.js running the tests). */
export const NPM_START = ["npm", "start"];

export function spawnStack(
  dataDir: string,
  { command = STACK_COMMAND, env = {} }: { command?: string[]; env?: Record<string, string> } = {},
): Promise<StackProcess> {
  const [file = "", ...args] = command;
  const child = spawn(file, args, {
    env: {
      ...process.env,
      PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ""}`,
      PORT: "0",
      POLINET_DEMO: "0",
      POLINET_DATA_DIR: dataDir,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const waiters: { text: string; resolve: () => void }[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const closed = new Promise<void>((resolve) => child.stdout?.once("close", resolve));
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of waiters.filter((w) => output.includes(w.text))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const waitFor = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (output.includes(text)) return resolve();
      waiters.push({ text, resolve });
      void closed.then(() => reject(new Error(`"${text}" never came; output:\n${output}`)));
    });
  return new Promise((resolve, reject) => {
    const onUrl = () => {
      const match = /local stack on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (!match?.[1]) return;
      child.stdout?.off("data", onUrl);
      resolve({ child, url: match[1], output: () => output, exited, closed, waitFor });
    };
    child.stdout?.on("data", onUrl);
    void exited.then((code) => reject(new Error(`local stack exited with ${code}:\n${output}`)));
  });
}

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the API answered
  body: any;
}

export function client(url: string) {
  const call = async (
    method: string,
    path: string,
    { token, body }: { token?: string; body?: unknown } = {},
  ): Promise<Answer> => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const token = async (email: string) => {
    const answer = await call("POST", "/dev/token", { body: { email } });
    if (answer.status !== 200) throw new Error(`no token for ${email}: ${answer.status}`);
    return answer.body.token as string;
  };
  return { call, token };
}

export const COORDINATOR = "coordinatore@poli-net.test";
export const MUNICIPALITIES = ["015182", "028037", "036015"];

/** One area and three municipalities, through the API as a coordinator would. */
export async function seedOverApi(url: string): Promise<string> {
  const api = client(url);
  const token = await api.token(COORDINATOR);
  const area = await api.call("PUT", "/v1/areas/anagrafe", { token, body: { name: "Anagrafe" } });
  if (area.status >= 300) throw new Error(`area: ${area.status}`);
  for (const istat of MUNICIPALITIES) {
    const answer = await api.call("PUT", `/v1/municipalities/${istat}`, {
      token,
      body: { name: `Comune ${istat}`, province: "MI", population: 50_000 },
    });
    if (answer.status >= 300) throw new Error(`municipality ${istat}: ${answer.status}`);
  }
  return token;
}

/**
 * The i-th write of a run (i < 300): its own municipality-month, recognisable by its visit count.
 * Consecutive writes go to different months, so that concurrent ones do not contend.
 */
export function monthWrite(i: number): { path: string; visits: number; body: object } {
  const istat = MUNICIPALITIES[Math.floor(i / 100) % MUNICIPALITIES.length] ?? "";
  const month: Month = addMonths("2012-01" as Month, i % 100);
  const visits = 1000 + i;
  return {
    path: `/v1/municipalities/${istat}/months/${month}`,
    visits,
    body: {
      procedures: [
        { code: "ANA-01", name: "Carta d'identità", area: "anagrafe", total: 100, desk: 60 },
      ],
      service: { visits },
    },
  };
}

/** Whether something accepts connections on the URL's port. */
export function accepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
