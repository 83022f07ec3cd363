/**
 * `npx tsx scripts/deploy/release-firestore-rules.ts --project=ID --rules=firestore.rules`: one
 * step of `npm run deploy`. Releases the rules with the token of the account gcloud is logged in
 * with (see firestore-rules-release.ts for why this is not a gcloud command).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ACCESS_TOKEN_COMMAND, releaseFirestoreRules } from "./firestore-rules-release.js";

function stop(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values } = parseArgs({
  options: { project: { type: "string" }, rules: { type: "string" } },
  strict: true,
});
if (!values.project || !values.rules)
  stop("Usage: release-firestore-rules.ts --project=ID --rules=FILE");
const source = readFileSync(values.rules, "utf8");

const [program, ...args] = ACCESS_TOKEN_COMMAND;
// gcloud's own error (e.g. no active account) goes straight to the terminal; the token never does.
const token = spawnSync(program, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
if (token.error || token.status !== 0 || !token.stdout.trim()) {
  stop("No access token from `gcloud auth print-access-token`: log in with `gcloud auth login`.");
}

try {
  const result = await releaseFirestoreRules({
    project: values.project,
    source,
    accessToken: token.stdout.trim(),
  });
  console.log(
    result.outcome === "unchanged"
      ? `Firestore rules unchanged (${result.ruleset}).`
      : `Firestore rules ${result.outcome}: ${values.rules} is live as ${result.ruleset}.`,
  );
} catch (error) {
  stop((error as Error).message);
}
