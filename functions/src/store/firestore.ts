import { Firestore } from "@google-cloud/firestore";

export interface FirestoreOptions {
  /** Absent in production when the environment does not name it: the client finds it itself. */
  projectId?: string | undefined;
  /** `host:port` of an emulator; `FIRESTORE_EMULATOR_HOST`, when set, still wins (client rule). */
  emulatorHost?: string;
}

export function createFirestore({ projectId, emulatorHost }: FirestoreOptions): Firestore {
  return new Firestore({
    ...(projectId ? { projectId } : {}),
    // The production default; naming it stops the client probing the metadata server locally.
    universeDomain: "googleapis.com",
    ...(emulatorHost ? { host: emulatorHost, ssl: false } : {}),
  });
}
