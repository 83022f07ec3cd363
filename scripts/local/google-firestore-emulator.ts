import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { resolve as resolvePath } from "node:path";

/** Where Debian 12 machines of this project's kind have Google's Firestore emulator (Cloud SDK). */
export const GOOGLE_FIRESTORE_EMULATOR =
  "/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud_firestore_emulator";

export function googleFirestoreEmulatorInstalled(): boolean {
  return existsSync(GOOGLE_FIRESTORE_EMULATOR);
}

export interface GoogleFirestoreEmulator {
  /** "127.0.0.1:PORT", the value for FIRESTORE_EMULATOR_HOST. */
  host: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface GoogleFirestoreEmulatorOptions {
  /**
   * A security rules file (e.g. `firestore.rules`) the emulator enforces on client SDK requests.
   * Without it every request is allowed. Server SDKs (admin credentials, as the functions use)
   * bypass rules either way.
   */
  rules?: string;
}

/**
 * Starts Google's own Firestore emulator (the reference engine, DESIGN §5) on a free loopback port
 * and resolves once it answers; about 5–10 s, Java 17.
 */
export async function startGoogleFirestoreEmulator(
  options: GoogleFirestoreEmulatorOptions = {},
): Promise<GoogleFirestoreEmulator> {
  if (!googleFirestoreEmulatorInstalled()) {
    throw new Error(`Google's Firestore emulator is not installed (${GOOGLE_FIRESTORE_EMULATOR}).`);
  }
  const args = ["start", "--host=127.0.0.1"];
  if (options.rules !== undefined) {
    // Say which file is missing here rather than in a Java stack trace from the emulator.
    const rules = resolvePath(options.rules);
    if (!existsSync(rules)) throw new Error(`Firestore rules file not found: ${rules}`);
    args.push(`--rules=${rules}`);
  }
  const port = await freePort();
  const child: ChildProcess = spawn(GOOGLE_FIRESTORE_EMULATOR, [...args, `--port=${port}`], {
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
    if (child.exitCode !== null) throw new Error(`Google's Firestore emulator exited:\n${output}`);
    if (Date.now() - started > 60_000) {
      stopProcessGroup(child);
      throw new Error(`Google's Firestore emulator did not start within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    host,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      stopProcessGroup(child);
      await exited;
    },
  };
}

/** The launcher is a shell script that starts Java: stop the whole process group. */
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
