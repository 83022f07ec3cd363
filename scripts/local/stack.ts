import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { type AddressInfo, Server as NetServer } from "node:net";
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
import type { SheetsClientFactory } from "../../functions/src/reports/sheets-sink.js";
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
  /** Compact the local Firestore's journal after this many commits (see local-firestore.ts). */
  compactEntries?: number;
  log?: (line: string) => void;
  /**
   * The Sheets API client published reports are written with. None by default: the local stack
   * has no Google credentials; tests give one aimed at a local recording server.
   */
  sheetsClient?: SheetsClientFactory;
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
  /**
   * Stops accepting connections, lets the requests in flight finish (at most `graceMs`, default
   * 30 s, then cuts them), then closes Firestore: every acknowledged write is on disk.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
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
  const firestore = await startLocalFirestore({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.compactEntries ? { compactEntries: options.compactEntries } : {}),
    log,
  });
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
      createApi({
        db,
        verifyToken: tokens.verify,
        projectId,
        ...(options.clock ? { clock: options.clock } : {}),
        ...(options.sheetsClient ? { sheetsClient: options.sheetsClient } : {}),
      }),
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
    async stop({ graceMs = 30_000 } = {}) {
      await Promise.all([api.close(graceMs), jobs.close(graceMs)]);
      await db.terminate();
      await firestore.stop();
    },
  };
}

/**
 * Serves a Functions Framework server on loopback only (DESIGN §10), behind the same request guard
 * as production (functions/src/index.ts installs it there): nothing reaches the framework's
 * body-parser unchecked. `close` stops accepting connections and resolves once the requests in
 * flight are answered (cut after `graceMs`).
 */
async function listen(server: Server, port: number, policy: RequestPolicy) {
  guardServer(server, policy);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const inFlight = new Set<ServerResponse>();
  let closing = false;
  // Idle keep-alive connections are closed only once nothing is in flight: until then a request
  // already sent on one is still served. Once closing, every response says `Connection: close`.
  const closeIdleWhenDone = () => {
    if (closing && inFlight.size === 0) server.closeIdleConnections();
  };
  server.prependListener("request", (_request: IncomingMessage, response: ServerResponse) => {
    inFlight.add(response);
    if (closing) response.setHeader("connection", "close");
    response.once("close", () => {
      inFlight.delete(response);
      setImmediate(closeIdleWhenDone);
    });
  });
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: (graceMs: number) =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const response of inFlight) {
          if (!response.headersSent) response.setHeader("connection", "close");
        }
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        // net.Server's close: stop listening. http.Server's would also cut idle connections at
        // once, including one whose request has arrived but is not parsed yet.
        netServerClose.call(server, () => {
          clearTimeout(timer);
          resolve();
        });
        closeIdleWhenDone();
      }),
  };
}

const netServerClose = NetServer.prototype.close;

/** On an empty store: the network with default settings and its coordinator. */
async function seedNetwork(db: Firestore, network: string, coordinator: string): Promise<boolean> {
  const stores = createStores(db);
  const created = await stores.networks.ensure(network);
  if (created) await stores.members.put(network, coordinator, { role: "coordinator" });
  return created;
}
