import { existsSync } from "node:fs";
import { type EmulatorProcess, startEmulatorProcess } from "./emulator-process.js";

/** Google's Pub/Sub emulator, beside the Firestore one in the Cloud SDK. */
export const GOOGLE_PUBSUB_EMULATOR =
  "/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator";

export function googlePubSubEmulatorInstalled(): boolean {
  return existsSync(GOOGLE_PUBSUB_EMULATOR);
}

/** Starts it on a free loopback port; it speaks gRPC and the REST API on that port. */
export async function startGooglePubSubEmulator(): Promise<EmulatorProcess> {
  if (!googlePubSubEmulatorInstalled()) {
    throw new Error(`Google's Pub/Sub emulator is not installed (${GOOGLE_PUBSUB_EMULATOR}).`);
  }
  return startEmulatorProcess({
    name: "Google's Pub/Sub emulator",
    command: GOOGLE_PUBSUB_EMULATOR,
    args: (port) => ["--host=127.0.0.1", `--port=${port}`],
  });
}
