/** `npm run deploy` options: parsed and checked before anything runs. */
import { parseArgs } from "node:util";
import { DEFAULT_REGION } from "./resources.js";

export interface DeployOptions {
  project: string;
  region: string;
  /** POLINET_AUDIENCES; undefined leaves the deployed value as it is (none on a first deploy). */
  audiences?: string[];
  dryRun: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: npm run deploy -- --project=PROJECT_ID [--region=${DEFAULT_REGION}] [--audiences=CLIENT_ID,...] [--dry-run]

  --project     Google Cloud project to deploy into (required)
  --region      region of the functions, Firestore database, Scheduler job (default ${DEFAULT_REGION}, Milan)
  --audiences   ID token audiences the API accepts (POLINET_AUDIENCES): the add-on's OAuth client ID,
                comma-separated; left out, the deployed value is kept
  --dry-run     print every command, one per line, and run none`;

// Google's project IDs: lowercase letters, digits and hyphens, starting with a letter (the length,
// 6 to 30, is left to gcloud so short sample names work in a dry run).
const PROJECT_ID = /^[a-z](?:[a-z0-9-]*[a-z0-9])?$/;
const REGION = /^[a-z]+-[a-z]+[0-9]+$/;

export function parseDeployOptions(args: readonly string[]): DeployOptions {
  let values: { project?: string; region?: string; audiences?: string; "dry-run"?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        project: { type: "string" },
        region: { type: "string" },
        audiences: { type: "string" },
        "dry-run": { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { project, region = DEFAULT_REGION } = values;
  if (!project) throw new UsageError("--project is required: the Google Cloud project ID.");
  if (!PROJECT_ID.test(project)) {
    throw new UsageError(
      `--project ${JSON.stringify(project)} is not a project ID (lowercase letters, digits, hyphens).`,
    );
  }
  if (!REGION.test(region)) {
    throw new UsageError(
      `--region ${JSON.stringify(region)} is not a region such as europe-west8.`,
    );
  }
  const options: DeployOptions = { project, region, dryRun: values["dry-run"] ?? false };
  if (values.audiences !== undefined) options.audiences = parseAudiences(values.audiences);
  return options;
}

function parseAudiences(text: string): string[] {
  const audiences = text.split(",").map((a) => a.trim());
  if (audiences.some((a) => a === "")) {
    throw new UsageError(
      "--audiences lists ID token audiences separated by commas, none empty; leave it out to keep the deployed value.",
    );
  }
  for (const audience of audiences) {
    // "|" separates the environment variables given to gcloud (see plan.ts).
    if (/[\s|]/.test(audience)) {
      throw new UsageError(`--audiences: ${JSON.stringify(audience)} holds a space or "|".`);
    }
  }
  return audiences;
}
