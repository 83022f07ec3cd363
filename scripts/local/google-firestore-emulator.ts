import { existsSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { type EmulatorProcess, startEmulatorProcess } from "./emulator-process.js";

/** Where Debian 12 machines of this project's kind have Google's Firestore emulator (Cloud SDK). */
export const GOOGLE_FIRESTORE_EMULATOR =
  "/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud_firestore_emulator";

export function googleFirestoreEmulatorInstalled(): boolean {
  return existsSync(GOOGLE_FIRESTORE_EMULATOR);
}

export type GoogleFirestoreEmulator = EmulatorProcess;

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
  return startEmulatorProcess({
    name: "Google's Firestore emulator",
    command: GOOGLE_FIRESTORE_EMULATOR,
    args: (port) => [...args, `--port=${port}`],
  });
}
