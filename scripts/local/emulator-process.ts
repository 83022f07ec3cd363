import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

export interface EmulatorProcess {
  /** "127.0.0.1:PORT", for FIRESTORE_EMULATOR_HOST / PUBSUB_EMULATOR_HOST. */
  host: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts one of the Cloud SDK's emulators (a launcher script that starts Java) on a free loopback
 * port and resolves once `GET /` answers 200; stopping ends its whole process group.
 */
export async function startEmulatorProcess(options: {
  name: string;
  command: string;
  args: (port: number) => string[];
}): Promise<EmulatorProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(options.command, options.args(port), {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const host = `127.0.0.1:${port}`;
  const started = Date.now();
  while (!(await answers(host))) {
    if (child.exitCode !== null) throw new Error(`${options.name} exited:\n${output}`);
    if (Date.now() - started > 60_000) {
      stopProcessGroup(child);
      throw new Error(`${options.name} did not start within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    host,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      stopProcessGroup(child);
      await exited;
    },
  };
}

function stopProcessGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, "SIGTERM");
  } catch {
    // Already gone.
  }
}

async function answers(host: string): Promise<boolean> {
  try {
    return (await fetch(`http://${host}/`)).ok;
  } catch {
    return false;
  }
}
