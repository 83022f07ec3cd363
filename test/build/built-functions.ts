/**
 * The built folder (dist/functions) handled as Cloud Build and Cloud Run handle it: a copy gets its
 * dependencies from its own package-lock.json, then `npx functions-framework` serves one target
 * from it with the environment Cloud Run sets, and nothing of the repository's node_modules.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "../../scripts/local/emulator-process.js";

const run = promisify(execFile);
// npm and npx may live elsewhere (/usr/bin) and run whichever `node` PATH gives: this one first.
const PATH = [dirname(process.execPath), process.env.PATH].filter(Boolean).join(delimiter);
const npmEnv = { ...process.env, PATH };

export async function npmRunBuild(root: string): Promise<string> {
  const { stdout } = await run("npm", ["run", "build"], { cwd: root, env: npmEnv });
  return stdout;
}

/**
 * Copies `builtDir` to a temporary folder and installs its package-lock.json there as Cloud Build
 * would (`npm ci`), but offline, from the npm cache the root `npm ci` filled: fast, deterministic,
 * and proof that the lock names exactly the tarballs the root install used.
 */
export async function installedCopy(builtDir: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "polinet-functions-"));
  cpSync(builtDir, dir, { recursive: true });
  try {
    await run("npm", ["ci", "--offline", "--prefer-offline", "--no-audit", "--no-fund"], {
      cwd: dir,
      env: npmEnv,
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const { stderr } = error as { stderr?: string };
    throw new Error(
      `npm ci --offline failed in the built folder (is the npm cache filled by the root npm ci?):\n${stderr}`,
    );
  }
  return dir;
}

export interface ServedFunction {
  url: string;
  /** What the server printed so far (logs are JSON lines). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * `npx functions-framework --target=… --signature-type=… --port=…` in `dir`, with the variables
 * Cloud Run functions set (FUNCTION_TARGET, FUNCTION_SIGNATURE_TYPE, K_SERVICE, K_REVISION, PORT,
 * NODE_ENV=production) plus `env`; PATH and HOME only from here. Resolves once the port accepts
 * connections (in production the framework prints no banner); rejects if the process exits first.
 */
export async function serveBuilt(
  dir: string,
  target: string,
  signatureType: "http" | "cloudevent",
  env: Record<string, string>,
): Promise<ServedFunction> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    "npx",
    [
      "functions-framework",
      `--target=${target}`,
      `--signature-type=${signatureType}`,
      `--port=${port}`,
    ],
    {
      cwd: dir,
      // npx starts the CLI as its own child: a process group lets stop() end both.
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH,
        HOME: process.env.HOME ?? tmpdir(),
        NODE_ENV: "production",
        FUNCTION_TARGET: target,
        FUNCTION_SIGNATURE_TYPE: signatureType,
        K_SERVICE: target.toLowerCase(),
        K_REVISION: `${target.toLowerCase()}-00001-abc`,
        PORT: String(port),
        ...env,
      },
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-(child.pid as number), "SIGKILL");
    } catch {
      // Already gone.
    }
    await exited;
  };
  while (!(await accepts(port))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${target} exited (${child.exitCode ?? child.signalCode}):\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url: `http://127.0.0.1:${port}`, output: () => output, stop };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
