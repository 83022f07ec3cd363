/**
 * `npm run push:addon`: builds the add-on with the deployed API's address and the OAuth client ID
 * baked in, then runs `clasp push --force`, overwriting the remote manifest (its scopes and
 * urlFetchWhitelist come from this repository).
 *
 *   POLINET_API_URL=https://<api host>/ POLINET_AUDIENCE=<client id> npm run push:addon
 *
 * Everything is checked before anything is built or pushed: a placeholder or malformed value
 * would give an add-on that every request fails from (whitelist, 401). Like clasp, it reads
 * .clasp.json in the working directory (npm runs scripts from the repository root), and it runs
 * the `clasp` found on PATH, which `npm run` puts node_modules/.bin (the pinned clasp 3) first in.
 * Needs `npx clasp login` once.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import {
  buildAddon,
  checkAudience,
  normaliseApiUrl,
  PLACEHOLDER_API_URL,
  PLACEHOLDER_AUDIENCE,
} from "./build-addon.js";

const PLACEHOLDER_SCRIPT_ID = "REPLACE_WITH_THE_ADD_ON_SCRIPT_ID";
/** What Google's OAuth client IDs look like: the project number, a dash, a key. */
const OAUTH_CLIENT_ID = /^\d+-[a-z0-9]+\.apps\.googleusercontent\.com$/;

interface PushPlan {
  outDir: string;
  apiUrl: string;
  audience: string;
}

/** Every reason not to push, in English for whoever runs it; an empty list means go. */
function pushProblems(
  cwd: string,
  env: NodeJS.ProcessEnv,
): { problems: string[]; plan?: PushPlan } {
  const problems: string[] = [];
  const claspFile = resolve(cwd, ".clasp.json");
  let outDir = "";
  if (!existsSync(claspFile)) {
    problems.push(`No .clasp.json in ${cwd}: run this from the repository root.`);
  } else {
    const clasp = JSON.parse(readFileSync(claspFile, "utf8")) as {
      scriptId?: string;
      rootDir?: string;
    };
    if (!clasp.scriptId || clasp.scriptId === PLACEHOLDER_SCRIPT_ID) {
      problems.push(
        "Set scriptId in .clasp.json to the Apps Script project of the add-on (Project Settings › IDs › Script ID).",
      );
    }
    outDir = resolve(cwd, clasp.rootDir ?? ".");
    const inside = relative(cwd, outDir);
    // The build empties its folder first: it must be a folder of its own, never the repository.
    if (!clasp.rootDir || inside === "" || inside.startsWith("..")) {
      problems.push(
        `rootDir in .clasp.json must be a folder inside ${cwd} that holds only the build (dist/apps-script).`,
      );
    }
  }

  let apiUrl = "";
  const typedUrl = env.POLINET_API_URL?.trim();
  if (!typedUrl) {
    problems.push(
      "Set POLINET_API_URL to the deployed API's https address (the api function's URL).",
    );
  } else {
    try {
      apiUrl = normaliseApiUrl(typedUrl);
      if (apiUrl === PLACEHOLDER_API_URL) {
        problems.push(
          `POLINET_API_URL is the placeholder ${PLACEHOLDER_API_URL}: set it to the deployed API's https address.`,
        );
      }
    } catch (error) {
      problems.push((error as Error).message);
    }
  }

  let audience = "";
  const typedAudience = env.POLINET_AUDIENCE?.trim();
  if (!typedAudience) {
    problems.push(
      "Set POLINET_AUDIENCE to the OAuth client ID of the Cloud project the script is linked to (README, Deploying the add-on).",
    );
  } else {
    try {
      audience = checkAudience(typedAudience);
      if (audience === PLACEHOLDER_AUDIENCE) {
        problems.push(
          "POLINET_AUDIENCE is the placeholder: set it to the OAuth client ID of the Cloud project the script is linked to.",
        );
      } else if (!OAUTH_CLIENT_ID.test(audience)) {
        problems.push(
          `POLINET_AUDIENCE ${JSON.stringify(audience)} is not an OAuth client ID (<project number>-<key>.apps.googleusercontent.com); the project number or project ID alone is not it.`,
        );
      }
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  return problems.length > 0 ? { problems } : { problems, plan: { outDir, apiUrl, audience } };
}

async function main() {
  const { problems, plan } = pushProblems(process.cwd(), process.env);
  if (!plan) {
    console.error("Not pushing the add-on:");
    for (const problem of problems) console.error(`- ${problem}`);
    process.exit(1);
  }
  const built = await buildAddon(plan);
  console.log(`Built ${built.codeFile} (${(built.bytes / 1024).toFixed(1)} KiB).`);
  console.log(
    `API URL baked in: ${built.apiUrl} (also the manifest's only urlFetchWhitelist entry).`,
  );
  console.log(
    `OAuth client ID baked in: ${built.audience}. It must be listed in the API's POLINET_AUDIENCES, or the API answers 401 to every request of the add-on.`,
  );
  console.log("Pushing with clasp…");
  const pushed = spawnSync("clasp", ["push", "--force"], { stdio: "inherit" });
  if (pushed.error) {
    console.error(
      `Could not run clasp (${pushed.error.message}): run this as \`npm run push:addon\`, which finds the project's clasp.`,
    );
    process.exit(1);
  }
  process.exit(pushed.status ?? 1);
}

await main();
