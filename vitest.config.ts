import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Integration tests start a local Firestore and the functions in-process; give them room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
