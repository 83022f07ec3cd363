import { Firestore } from "@google-cloud/firestore";

export interface FirestoreOptions {
  projectId: string;
  /** `host:port` of an emulator; `FIRESTORE_EMULATOR_HOST`, when set, still wins (client rule). */
  emulatorHost?: string;
}

export function createFirestore({ projectId, emulatorHost }: FirestoreOptions): Firestore {
  return new Firestore({
    projectId,
    // The production default; naming it stops the client probing the metadata server locally.
    universeDomain: "googleapis.com",
    ...(emulatorHost ? { host: emulatorHost, ssl: false } : {}),
  });
}
