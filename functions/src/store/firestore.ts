import { createRequire } from "node:module";
import type { Firestore } from "@google-cloud/firestore";

export interface FirestoreOptions {
  /** Absent in production when the environment does not name it: the client finds it itself. */
  projectId?: string | undefined;
  /** `host:port` of an emulator; `FIRESTORE_EMULATOR_HOST`, when set, still wins (client rule). */
  emulatorHost?: string;
}

// The client's package is loaded when a client is built, never by importing this module: its
// gRPC and protobuf code costs about 300 ms to load, most of a function instance's cold start.
// `require`, not `await import()`: the stores use the client synchronously (`db.collection()`).
// The bundler cannot see these loads: `npm run build` adds LAZY_PACKAGES to the deployed
// package.json itself.
const load = createRequire(import.meta.url);

export const LAZY_PACKAGES = ["@google-cloud/firestore", "google-auth-library"] as const;

/** The one place the Firestore client is built. */
export function createFirestore({ projectId, emulatorHost }: FirestoreOptions): Firestore {
  const { Firestore } = load("@google-cloud/firestore") as typeof import("@google-cloud/firestore");
  const emulated = Boolean(emulatorHost || process.env.FIRESTORE_EMULATOR_HOST);
  return new Firestore({
    ...(projectId ? { projectId } : {}),
    // The production default; naming it stops the client probing the metadata server locally.
    universeDomain: "googleapis.com",
    ...(emulatorHost ? { host: emulatorHost, ssl: false } : {}),
    // An emulator wants no credentials. gRPC skips them there by itself; the REST transport
    // (FIRESTORE_PREFER_REST=true) would look for Google's default credentials and fail.
    ...(emulated ? { authClient: new (googleAuth().PassThroughClient)() } : {}),
  });
}

const googleAuth = () => load("google-auth-library") as typeof import("google-auth-library");

/**
 * A client that is built, and its package loaded, on first use: the production entry creates it
 * at import time, and a health check or a refused token never pays for it. Every property read
 * is forwarded to the real client, methods bound to it.
 */
export function lazyFirestore(options: FirestoreOptions): Firestore {
  let client: Firestore | undefined;
  const real = () => {
    client ??= createFirestore(options);
    return client;
  };
  // Bound once per method, not on every `db.collection(…)`.
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy({} as Firestore, {
    get(_, property) {
      const target = real();
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      let method = bound.get(property);
      if (method === undefined) {
        method = value.bind(target);
        bound.set(property, method);
      }
      return method;
    },
    has: (_, property) => Reflect.has(real(), property),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}
