import type { TestProject } from "vitest/node";
import { startGoogleFirestoreEmulator } from "../../scripts/local/google-firestore-emulator.js";

declare module "vitest" {
  export interface ProvidedContext {
    googleFirestoreHost: string;
  }
}

/**
 * Global setup of the `google` test project: one Google Firestore emulator for the run, on a free
 * loopback port, stopped at the end. Every test stack uses a Firestore project of its own, so the
 * suites share it without seeing each other's data.
 */
export default async function setup(project: TestProject) {
  const emulator = await startGoogleFirestoreEmulator();
  project.provide("googleFirestoreHost", emulator.host);
  return () => emulator.stop();
}
