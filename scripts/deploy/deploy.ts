/**
 * `npm run deploy -- --project=ID [--region=…] [--audiences=…] [--dry-run]`: builds the functions
 * and creates or updates everything POLI-NET needs in a Google Cloud project with `gcloud` (see
 * plan.ts for the steps, resources.ts for names and sizes, README "Deploying to Google Cloud").
 */
import { readFileSync } from "node:fs";
import type { FirestoreIndexes } from "./firestore-index-steps.js";
import { parseDeployOptions, USAGE, UsageError } from "./options.js";
import { deployPlan } from "./plan.js";
import { FIRESTORE_INDEXES_FILE, FUNCTIONS } from "./resources.js";
import { DeployStepFailed, runSteps } from "./run-steps.js";
import { renderStep } from "./steps.js";

function options() {
  try {
    return parseDeployOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
}

const chosen = options();
const indexes = JSON.parse(readFileSync(FIRESTORE_INDEXES_FILE, "utf8")) as FirestoreIndexes;
const plan = deployPlan(chosen, indexes);

if (!chosen.audiences) {
  // stderr, so the dry run's standard output stays commands only.
  console.error(
    "Note: no --audiences: the api keeps its deployed POLINET_AUDIENCES; on a first deploy it has none and refuses every call until a deploy sets it.",
  );
}

if (chosen.dryRun) {
  for (const step of plan) console.log(renderStep(step));
  process.exit(0);
}

try {
  await runSteps(plan, {
    // No gcloud command may stop to ask a question: a prompt answers with its default.
    env: { ...process.env, CLOUDSDK_CORE_DISABLE_PROMPTS: "1" },
    log: (line) => console.log(line),
  });
} catch (error) {
  if (!(error instanceof DeployStepFailed)) throw error;
  console.error(`\n${error.message}`);
  process.exit(1);
}
console.log(
  `\nDeployed to ${chosen.project} (${chosen.region}). The API's URL: gcloud functions describe ${FUNCTIONS.api.name} --gen2 --region=${chosen.region} --project=${chosen.project} --format='value(url)'`,
);
