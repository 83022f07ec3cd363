import { defineConfig } from "vitest/config";
import { googleFirestoreEmulatorInstalled } from "./scripts/local/google-firestore-emulator.js";

/**
 * Every test runs on the embedded Firestore (`embedded`). Google's own emulator is the reference
 * (DESIGN §5): where it is installed, the suites that touch storage through the API run a second
 * time against it (`google`); where it is not, one line says so.
 */
const storageSuites = [
  "test/api/**/*.test.ts",
  "test/store/**/*.test.ts",
  "test/jobs/**/*.test.ts",
  "test/addon/**/*.test.ts",
  "test/firestore-fidelity/**/*.test.ts",
];
const google = googleFirestoreEmulatorInstalled();
if (!google) {
  console.log(
    "Google's Firestore emulator is not installed (/usr/lib/google-cloud-sdk): storage suites run on the embedded Firestore only.",
  );
}

export default defineConfig({
  test: {
    // Integration tests start a local Firestore and the functions in-process; give them room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    setupFiles: ["test/support/quiet-logs.ts"],
    projects: [
      { extends: true, test: { name: "embedded", include: ["test/**/*.test.ts"] } },
      ...(google
        ? [
            {
              extends: true,
              test: {
                name: "google",
                include: storageSuites,
                globalSetup: ["test/support/google-firestore-setup.ts"],
                setupFiles: ["test/support/quiet-logs.ts", "test/support/use-google-firestore.ts"],
              },
            },
          ]
        : []),
    ],
  },
});
