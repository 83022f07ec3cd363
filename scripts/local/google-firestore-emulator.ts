import { existsSync } from "node:fs";
import { type EmulatorProcess, startEmulatorProcess } from "./emulator-process.js";

/** Where Debian 12 machines of this project's kind have Google's Firestore emulator (Cloud SDK). */
export const GOOGLE_FIRESTORE_EMULATOR =
  "/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud_firestore_emulator";

export function googleFirestoreEmulatorInstalled(): boolean {
  return existsSync(GOOGLE_FIRESTORE_EMULATOR);
}

export type GoogleFirestoreEmulator = EmulatorProcess;

/**
 * Starts Google's own Firestore emulator (the reference engine, DESIGN §5) on a free loopback port
 * and resolves once it answers; about 5–10 s, Java 17.
 */
export async function startGoogleFirestoreEmulator(): Promise<GoogleFirestoreEmulator> {
  if (!googleFirestoreEmulatorInstalled()) {
    throw new Error(`Google's Firestore emulator is not installed (${GOOGLE_FIRESTORE_EMULATOR}).`);
  }
  return startEmulatorProcess({
    name: "Google's Firestore emulator",
    command: GOOGLE_FIRESTORE_EMULATOR,
    args: (port) => ["start", "--host=127.0.0.1", `--port=${port}`],
  });
}
