import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Firestore } from "@google-cloud/firestore";
import { cloudEvent, http } from "@google-cloud/functions-framework";
import { getTestServer } from "@google-cloud/functions-framework/testing";
import { createApi } from "../../functions/src/api/app.js";
import {
  apiRequestPolicy,
  eventRequestPolicy,
  type RequestPolicy,
} from "../../functions/src/api/request-guard.js";
import { guardServer } from "../../functions/src/api/server-guard.js";
import { monthlyRecomputeHandler } from "../../functions/src/jobs/monthly-recompute-function.js";
import { createFirestore } from "../../functions/src/store/firestore.js";
import { createStores } from "../../functions/src/store/stores.js";
import { loadDemoNetwork } from "../demo/load-demo.js";
import { startLocalFirestore } from "../local-firestore.js";
import { withDevTokenRoute } from "./dev-token-route.js";
import { createDevTokens, type DevTokens } from "./dev-tokens.js";

export interface StackOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** Where the `monthlyRecompute` CloudEvent function listens; default a free port. */
  jobsPort?: number;
  /** Where the local Firestore keeps its data between runs; none keeps it in memory only. */
  dataDir?: string;
  network?: string;
  coordinator?: string;
  demo?: boolean;
  /** Firestore project id; tests use a fresh one each so that a shared emulator stays clean. */
  projectId?: string;
  log?: (line: string) => void;
  /** The API's "now" (tests of date rules pin it); the real clock by default. */
  clock?: () => Date;
}

export interface Stack {
  url: string;
  /** POST a CloudEvent here to run the monthly job, as Pub/Sub would. */
  jobsUrl: string;
  network: string;
  coordinator: string;
  db: Firestore;
  tokens: DevTokens;
  stop(): Promise<void>;
}

/**
 * The whole back end on one machine: the local Firestore, the `api` function served by the
 * Functions Framework on loopback, plus the local-only `/dev/token` route.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const log = options.log ?? (() => {});
  const network = options.network ?? "poli-net";
  const coordinator = (options.coordinator ?? "coordinatore@poli-net.test").toLowerCase();
  const projectId = options.projectId ?? "poli-net-local";
  const firestore = await startLocalFirestore(options.dataDir ? { dataDir: options.dataDir } : {});
  const db = createFirestore({
    projectId,
    emulatorHost: firestore.host,
  });
  const created = await seedNetwork(db, network, coordinator);
  if (created) log(`Created network "${network}" with coordinator ${coordinator}.`);
  if (created && options.demo !== false) await loadDemoNetwork(db, network, log);

  const tokens = await createDevTokens();
  http(
    "api",
    withDevTokenRoute(
      createApi({ db, verifyToken: tokens.verify, projectId, clock: options.clock }),
      tokens,
    ),
  );
  cloudEvent("monthlyRecompute", monthlyRecomputeHandler(db));
  const api = await listen(getTestServer("api"), options.port, apiRequestPolicy);
  const jobs = await listen(
    getTestServer("monthlyRecompute"),
    options.jobsPort ?? 0,
    eventRequestPolicy,
  );
  return {
    url: api.url,
    jobsUrl: jobs.url,
    network,
    coordinator,
    db,
    tokens,
    async stop() {
      await Promise.all([api.close(), jobs.close()]);
      await db.terminate();
      await firestore.stop();
    },
  };
}

/**
 * Serves a Functions Framework server on loopback only (DESIGN §10), behind the same request guard
 * as production (functions/src/index.ts installs it there): nothing reaches the framework's
 * body-parser unchecked.
 */
async function listen(server: Server, port: number, policy: RequestPolicy) {
  guardServer(server, policy);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** On an empty store: the network with default settings and its coordinator. */
async function seedNetwork(db: Firestore, network: string, coordinator: string): Promise<boolean> {
  const stores = createStores(db);
  const created = await stores.networks.ensure(network);
  if (created) await stores.members.put(network, coordinator, { role: "coordinator" });
  return created;
}
