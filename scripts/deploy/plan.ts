/**
 * The deploy as data: options → the ordered list of steps. Pure (no I/O), so tests read the whole
 * plan without running anything, and the dry run prints the very steps the real run executes.
 */
import { type FirestoreIndexes, firestoreIndexSteps } from "./firestore-index-steps.js";
import type { DeployOptions } from "./options.js";
import {
  API_SIZING,
  DEAD_LETTER_RETENTION,
  DEAD_LETTER_SUBSCRIPTION,
  DEAD_LETTER_TOPIC,
  FIRESTORE_DATABASE,
  FIRESTORE_RULES_FILE,
  FUNCTIONS,
  FUNCTIONS_SOURCE,
  type FunctionSizing,
  MAX_DELIVERY_ATTEMPTS,
  RECOMPUTE_SIZING,
  REQUIRED_APIS,
  RETRY_DELAY,
  RUNTIME,
  SCHEDULE,
  SCHEDULER_JOB,
  SCHEDULER_TIME_ZONE,
  SERVICE_ACCOUNTS,
  type ServiceAccountKey,
  serviceAccountEmail,
  TOPIC,
} from "./resources.js";
import { type Command, variable, type Word } from "./shell-words.js";
import type { Retry, Step } from "./steps.js";

/**
 * IAM bindings name accounts the plan has just created, and Pub/Sub's service agent appears once
 * its API is enabled: both take up to a minute or two to be known to IAM.
 */
const IAM_PROPAGATION: Retry = {
  attempts: 6,
  delaySeconds: 20,
  reason: "IAM may not know a just-created account yet",
};

export type PlanOptions = Pick<DeployOptions, "project" | "region" | "audiences">;

/** Values the plan reads back from Google Cloud while it runs. */
export const CAPTURED = {
  projectNumber: "PROJECT_NUMBER",
  trigger: "TRIGGER",
  triggerSubscription: "TRIGGER_SUBSCRIPTION",
} as const;

/** The command that releases firestore.rules (see release-firestore-rules.ts for why not gcloud). */
export const RULES_RELEASE_SCRIPT = "scripts/deploy/release-firestore-rules.ts";

/** What Cloud Scheduler posts to Pub/Sub; the job reads only the event's time (the month closed). */
export const SCHEDULED_MESSAGE = { job: "monthlyRecompute", origin: "cloud-scheduler" };

function pubsubServiceAgent(): Word {
  // Pub/Sub's own service agent: it moves failed messages to the dead-letter topic and mints the
  // push subscription's ID tokens. Its name holds the project number, read while deploying.
  return [
    "serviceAccount:service-",
    variable(CAPTURED.projectNumber),
    "@gcp-sa-pubsub.iam.gserviceaccount.com",
  ];
}

function sizingFlags(sizing: FunctionSizing): string[] {
  return [
    `--memory=${sizing.memory}`,
    `--cpu=${sizing.cpu}`,
    `--concurrency=${sizing.concurrency}`,
    `--timeout=${sizing.timeout}`,
    `--min-instances=${sizing.minInstances}`,
    `--max-instances=${sizing.maxInstances}`,
  ];
}

/** Environment variables; "^|^" tells gcloud they are separated by "|", as audiences hold commas. */
function envVarsFlag(variables: Record<string, string>): string {
  const pairs = Object.entries(variables).map(([key, value]) => `${key}=${value}`);
  return `--update-env-vars=^|^${pairs.join("|")}`;
}

export function deployPlan(options: PlanOptions, indexes: FirestoreIndexes): Step[] {
  return steps(options, indexes).map((step) =>
    step.kind === "run" && step.command.includes("add-iam-policy-binding")
      ? { ...step, retry: IAM_PROPAGATION }
      : step,
  );
}

function steps(options: PlanOptions, indexes: FirestoreIndexes): Step[] {
  const { project, region } = options;
  const inProject = `--project=${project}`;
  const email = (key: ServiceAccountKey) => serviceAccountEmail(key, project);
  const member = (key: ServiceAccountKey) => `--member=serviceAccount:${email(key)}`;
  const topicName = (topic: string) => `projects/${project}/topics/${topic}`;

  const serviceAccount = (key: ServiceAccountKey): Step => ({
    kind: "ensure",
    why: `Service account ${email(key)}`,
    exists: ["gcloud", "iam", "service-accounts", "describe", email(key), inProject],
    create: [
      "gcloud",
      "iam",
      "service-accounts",
      "create",
      SERVICE_ACCOUNTS[key].id,
      `--display-name=${SERVICE_ACCOUNTS[key].displayName}`,
      inProject,
    ],
  });

  const projectRole = (key: ServiceAccountKey, role: string): Step => ({
    kind: "run",
    why: `${role} on the project for ${email(key)}`,
    command: [
      "gcloud",
      "projects",
      "add-iam-policy-binding",
      project,
      member(key),
      `--role=${role}`,
      // Without it gcloud asks which condition to use when the policy already has conditions.
      "--condition=None",
      "--format=none",
    ],
  });

  const topic = (name: string): Step => ({
    kind: "ensure",
    why: `Pub/Sub topic ${name}`,
    exists: ["gcloud", "pubsub", "topics", "describe", name, inProject],
    create: ["gcloud", "pubsub", "topics", "create", name, inProject],
  });

  const functionDeploy = (
    fn: { name: string; entryPoint: string },
    runAs: ServiceAccountKey,
    trigger: Command,
    sizing: FunctionSizing,
    env: Record<string, string>,
  ): Command => [
    "gcloud",
    "functions",
    "deploy",
    fn.name,
    "--gen2",
    `--region=${region}`,
    inProject,
    `--runtime=${RUNTIME}`,
    `--source=${FUNCTIONS_SOURCE}`,
    `--entry-point=${fn.entryPoint}`,
    ...trigger,
    `--service-account=${email(runAs)}`,
    `--build-service-account=projects/${project}/serviceAccounts/${email("build")}`,
    ...sizingFlags(sizing),
    // The functions' Firestore client takes its project from here: Cloud Run functions do not
    // set GOOGLE_CLOUD_PROJECT themselves (functions/src/index.ts falls back to "poli-net").
    envVarsFlag(env),
    // After a rollback (README) the next deploy serves the new revision again.
    "--serve-all-traffic-latest-revision",
  ];

  const apiEnv: Record<string, string> = { GOOGLE_CLOUD_PROJECT: project };
  if (options.audiences) apiEnv.POLINET_AUDIENCES = options.audiences.join(",");

  const publishUri = `https://pubsub.googleapis.com/v1/${topicName(TOPIC)}:publish`;
  const messageBody = JSON.stringify({
    messages: [{ data: Buffer.from(JSON.stringify(SCHEDULED_MESSAGE)).toString("base64") }],
  });
  const schedulerJob = (verb: "create" | "update"): Command => [
    "gcloud",
    "scheduler",
    "jobs",
    verb,
    "http",
    SCHEDULER_JOB,
    `--location=${region}`,
    inProject,
    `--schedule=${SCHEDULE}`,
    `--time-zone=${SCHEDULER_TIME_ZONE}`,
    // Publishing through Pub/Sub's REST API with its own account keeps the publisher's rights to
    // this one topic; a Pub/Sub-target job publishes as Cloud Scheduler's service agent instead.
    `--uri=${publishUri}`,
    "--http-method=post",
    `--${verb === "create" ? "headers" : "update-headers"}=Content-Type=application/json`,
    `--message-body=${messageBody}`,
    `--oauth-service-account-email=${email("scheduler")}`,
    "--oauth-token-scope=https://www.googleapis.com/auth/pubsub",
    "--attempt-deadline=60s",
    "--max-retry-attempts=3",
    "--min-backoff=60s",
  ];

  return [
    {
      kind: "run",
      why: `Build the deployable functions into ${FUNCTIONS_SOURCE}`,
      command: ["npm", "run", "build"],
    },
    {
      kind: "run",
      why: "Enable the Google Cloud APIs the deploy and the functions use",
      command: ["gcloud", "services", "enable", ...REQUIRED_APIS, inProject],
    },
    {
      kind: "capture",
      why: "Read the project number (it names Google's service agents)",
      variable: CAPTURED.projectNumber,
      command: ["gcloud", "projects", "describe", project, "--format=value(projectNumber)"],
    },
    {
      kind: "ensure",
      why: `Firestore database ${FIRESTORE_DATABASE}, Native mode, in ${region}`,
      exists: [
        "gcloud",
        "firestore",
        "databases",
        "describe",
        `--database=${FIRESTORE_DATABASE}`,
        inProject,
      ],
      create: [
        "gcloud",
        "firestore",
        "databases",
        "create",
        `--database=${FIRESTORE_DATABASE}`,
        `--location=${region}`,
        "--type=firestore-native",
        // The network's records: deleting the database takes a deliberate second command.
        "--delete-protection",
        inProject,
      ],
    },
    ...firestoreIndexSteps(project, indexes),
    {
      kind: "run",
      why: `Release ${FIRESTORE_RULES_FILE} (every client denied) through the Firebase Rules API`,
      command: ["npx", "tsx", RULES_RELEASE_SCRIPT, inProject, `--rules=${FIRESTORE_RULES_FILE}`],
    },
    ...(Object.keys(SERVICE_ACCOUNTS) as ServiceAccountKey[]).map(serviceAccount),
    projectRole("api", "roles/datastore.user"),
    projectRole("recompute", "roles/datastore.user"),
    projectRole("build", "roles/cloudbuild.builds.builder"),
    topic(TOPIC),
    topic(DEAD_LETTER_TOPIC),
    {
      kind: "ensure",
      why: `Subscription ${DEAD_LETTER_SUBSCRIPTION} keeping dead-lettered messages ${DEAD_LETTER_RETENTION}`,
      exists: [
        "gcloud",
        "pubsub",
        "subscriptions",
        "describe",
        DEAD_LETTER_SUBSCRIPTION,
        inProject,
      ],
      create: [
        "gcloud",
        "pubsub",
        "subscriptions",
        "create",
        DEAD_LETTER_SUBSCRIPTION,
        `--topic=${DEAD_LETTER_TOPIC}`,
        `--message-retention-duration=${DEAD_LETTER_RETENTION}`,
        "--expiration-period=never",
        inProject,
      ],
    },
    {
      kind: "run",
      why: `${email("scheduler")} may publish to ${TOPIC}, and nothing else`,
      command: [
        "gcloud",
        "pubsub",
        "topics",
        "add-iam-policy-binding",
        TOPIC,
        member("scheduler"),
        "--role=roles/pubsub.publisher",
        inProject,
        "--format=none",
      ],
    },
    {
      kind: "run",
      why: `Pub/Sub's service agent may move failed messages to ${DEAD_LETTER_TOPIC}`,
      command: [
        "gcloud",
        "pubsub",
        "topics",
        "add-iam-policy-binding",
        DEAD_LETTER_TOPIC,
        ["--member=", ...pubsubServiceAgent()],
        "--role=roles/pubsub.publisher",
        inProject,
        "--format=none",
      ],
    },
    {
      kind: "run",
      why: `Pub/Sub's service agent may sign the pushes to monthly-recompute as ${email("trigger")}`,
      command: [
        "gcloud",
        "iam",
        "service-accounts",
        "add-iam-policy-binding",
        email("trigger"),
        ["--member=", ...pubsubServiceAgent()],
        "--role=roles/iam.serviceAccountTokenCreator",
        inProject,
        "--format=none",
      ],
    },
    {
      kind: "run",
      why: `Deploy ${FUNCTIONS.api.name}: HTTP, public URL (identity is checked in the code)`,
      command: functionDeploy(
        FUNCTIONS.api,
        "api",
        ["--trigger-http", "--allow-unauthenticated"],
        API_SIZING,
        apiEnv,
      ),
    },
    {
      kind: "run",
      why: `Deploy ${FUNCTIONS.recompute.name}: triggered by ${TOPIC}, retried on failure`,
      command: functionDeploy(
        FUNCTIONS.recompute,
        "recompute",
        [
          `--trigger-topic=${TOPIC}`,
          "--retry",
          `--trigger-service-account=${email("trigger")}`,
          "--no-allow-unauthenticated",
        ],
        RECOMPUTE_SIZING,
        { GOOGLE_CLOUD_PROJECT: project },
      ),
    },
    {
      kind: "run",
      why: `${email("trigger")} may invoke ${FUNCTIONS.recompute.name}, and nothing else`,
      command: [
        "gcloud",
        "run",
        "services",
        "add-iam-policy-binding",
        FUNCTIONS.recompute.name,
        `--region=${region}`,
        member("trigger"),
        "--role=roles/run.invoker",
        inProject,
        "--format=none",
      ],
    },
    {
      kind: "capture",
      why: `Find the Eventarc trigger Cloud Functions made for ${FUNCTIONS.recompute.name}`,
      variable: CAPTURED.trigger,
      command: [
        "gcloud",
        "functions",
        "describe",
        FUNCTIONS.recompute.name,
        "--gen2",
        `--region=${region}`,
        inProject,
        "--format=value(eventTrigger.trigger)",
      ],
    },
    {
      kind: "capture",
      // Eventarc names it eventarc-REGION-FUNCTION-NNN-sub-NNN: it is read, not guessed.
      why: "Find the Pub/Sub subscription Eventarc made for that trigger",
      variable: CAPTURED.triggerSubscription,
      command: [
        "gcloud",
        "eventarc",
        "triggers",
        "describe",
        [variable(CAPTURED.trigger)],
        `--location=${region}`,
        inProject,
        "--format=value(transport.pubsub.subscription)",
      ],
    },
    {
      kind: "run",
      why: `After ${MAX_DELIVERY_ATTEMPTS} failed deliveries a message goes to ${DEAD_LETTER_TOPIC}`,
      command: [
        "gcloud",
        "pubsub",
        "subscriptions",
        "update",
        [variable(CAPTURED.triggerSubscription)],
        `--dead-letter-topic=${topicName(DEAD_LETTER_TOPIC)}`,
        `--max-delivery-attempts=${MAX_DELIVERY_ATTEMPTS}`,
        `--min-retry-delay=${RETRY_DELAY.min}`,
        `--max-retry-delay=${RETRY_DELAY.max}`,
        inProject,
      ],
    },
    {
      kind: "run",
      why: "Pub/Sub's service agent may take failed messages off the trigger's subscription",
      command: [
        "gcloud",
        "pubsub",
        "subscriptions",
        "add-iam-policy-binding",
        [variable(CAPTURED.triggerSubscription)],
        ["--member=", ...pubsubServiceAgent()],
        "--role=roles/pubsub.subscriber",
        inProject,
        "--format=none",
      ],
    },
    {
      kind: "ensure",
      why: `Cloud Scheduler job ${SCHEDULER_JOB}: "${SCHEDULE}" ${SCHEDULER_TIME_ZONE} → ${TOPIC}`,
      exists: [
        "gcloud",
        "scheduler",
        "jobs",
        "describe",
        SCHEDULER_JOB,
        `--location=${region}`,
        inProject,
      ],
      create: schedulerJob("create"),
      update: schedulerJob("update"),
    },
  ];
}
