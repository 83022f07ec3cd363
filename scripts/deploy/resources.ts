/**
 * What `npm run deploy` creates in the Google Cloud project, by name, and how the two functions are
 * sized. The README's "Deploying to Google Cloud" section explains the same choices.
 */

/** The output of `npm run build`: the bundle, a production package.json and a .gcloudignore. */
export const FUNCTIONS_SOURCE = "dist/functions";
export const FIRESTORE_RULES_FILE = "firestore.rules";
export const FIRESTORE_INDEXES_FILE = "firestore.indexes.json";
/** The functions use the default database (functions/src/store/firestore.ts names none). */
export const FIRESTORE_DATABASE = "(default)";
export const RUNTIME = "nodejs24";
export const DEFAULT_REGION = "europe-west8";

/** Every API the deploy or the running functions call; enabling an enabled API does nothing. */
export const REQUIRED_APIS = [
  "run.googleapis.com",
  "cloudfunctions.googleapis.com",
  "cloudbuild.googleapis.com",
  "artifactregistry.googleapis.com",
  "firestore.googleapis.com",
  "pubsub.googleapis.com",
  "cloudscheduler.googleapis.com",
  "eventarc.googleapis.com",
  "logging.googleapis.com",
  "iam.googleapis.com",
  // Firestore security rules are released through the Firebase Rules API (no gcloud command).
  "firebaserules.googleapis.com",
] as const;

/**
 * One identity per job, each with only what it needs:
 * - api, recompute: the functions at run time; roles/datastore.user on the project, nothing else.
 * - scheduler: Cloud Scheduler's job publishes with it; roles/pubsub.publisher on the topic only.
 * - trigger: Eventarc pushes the topic's messages to monthly-recompute with it; roles/run.invoker
 *   on that one Cloud Run service only (otherwise the Compute Engine default account is used).
 * - build: Cloud Build builds the functions' images with it. New projects no longer give the
 *   default build account (Compute Engine's) the rights to build, so the deploy names its own
 *   with roles/cloudbuild.builds.builder.
 */
export const SERVICE_ACCOUNTS = {
  api: { id: "polinet-api", displayName: "POLI-NET api function" },
  recompute: { id: "polinet-recompute", displayName: "POLI-NET monthly-recompute function" },
  scheduler: { id: "polinet-scheduler", displayName: "POLI-NET monthly schedule publisher" },
  trigger: { id: "polinet-trigger", displayName: "POLI-NET monthly-recompute invoker" },
  build: { id: "polinet-build", displayName: "POLI-NET functions build" },
} as const;

export type ServiceAccountKey = keyof typeof SERVICE_ACCOUNTS;

export function serviceAccountEmail(key: ServiceAccountKey, project: string): string {
  return `${SERVICE_ACCOUNTS[key].id}@${project}.iam.gserviceaccount.com`;
}

/** The Pub/Sub topic Cloud Scheduler publishes to and monthly-recompute is triggered by. */
export const TOPIC = "monthly-recompute";
/** Where Pub/Sub moves a message monthly-recompute failed MAX_DELIVERY_ATTEMPTS times. */
export const DEAD_LETTER_TOPIC = "monthly-recompute-dead-letter";
/**
 * A topic keeps nothing by itself: without a subscription a dead-lettered message is dropped.
 * This one holds them for 7 days (Pub/Sub's maximum) and never expires for lack of readers.
 */
export const DEAD_LETTER_SUBSCRIPTION = "monthly-recompute-dead-letter";
export const DEAD_LETTER_RETENTION = "7d";
/** Pub/Sub's minimum; the run record makes a redelivered event harmless, so 5 tries cost nothing. */
export const MAX_DELIVERY_ATTEMPTS = 5;
export const RETRY_DELAY = { min: "10s", max: "600s" } as const;

export const SCHEDULER_JOB = "monthly-recompute";
/** 04:00 on the first of every month, when the month before has just closed. */
export const SCHEDULE = "0 4 1 * *";
/** Months, deadlines and locks are Europe/Rome (DESIGN §7): the schedule is too, so not an option. */
export const SCHEDULER_TIME_ZONE = "Europe/Rome";

export interface FunctionSizing {
  memory: string;
  /** Cloud Run functions need a whole CPU to serve more than one request at a time. */
  cpu: string;
  concurrency: number;
  timeout: string;
  minInstances: number;
  maxInstances: number;
}

/**
 * The API. Requests spend their time waiting on Firestore, so one instance serves many at once:
 * concurrency 80 absorbs the whole network's deadline-day burst (11 municipalities; the bench
 * runs 200 at once) on one warm instance. 512Mi leaves room for the gRPC client and 80 requests
 * of a few KB. The code answers within 25 s (503 after that); 60 s covers a cold start on top.
 * No minimum instance: the API idles most of the month and a cold start (1–2 s) suits a sheet
 * add-on. At most 10 instances (800 requests in flight): far above the network's need, and a
 * ceiling on what a runaway client can cost.
 */
export const API_SIZING: FunctionSizing = {
  memory: "512Mi",
  cpu: "1",
  concurrency: 80,
  timeout: "60s",
  minInstances: 0,
  maxInstances: 10,
};

/**
 * The monthly job. 540 s is the longest an event-driven function may run; the job takes seconds
 * for 11 municipalities and has room to grow. One instance serving one event: a redelivery that
 * arrives while a run is still going waits for Pub/Sub's next try instead of racing it.
 */
export const RECOMPUTE_SIZING: FunctionSizing = {
  memory: "512Mi",
  cpu: "1",
  concurrency: 1,
  timeout: "540s",
  minInstances: 0,
  maxInstances: 1,
};

export const FUNCTIONS = {
  api: { name: "api", entryPoint: "api" },
  // Cloud Run service names are lowercase: a hyphenated function name keeps the service, the
  // function and the rollback commands under one spelling.
  recompute: { name: "monthly-recompute", entryPoint: "monthlyRecompute" },
} as const;
