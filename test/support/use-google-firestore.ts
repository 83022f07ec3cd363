import { inject } from "vitest";

// Setup file of the `google` test project, run in each test file's own process before it: the local
// stack and the Firestore client both take the engine from FIRESTORE_EMULATOR_HOST.
process.env.FIRESTORE_EMULATOR_HOST = inject("googleFirestoreHost");
