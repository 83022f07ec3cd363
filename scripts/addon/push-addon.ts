/**
 * `npm run push:addon`: builds the add-on and pushes dist/apps-script with clasp, overwriting
 * the remote manifest (its scopes and urlFetchWhitelist come from this repository).
 * Needs `npx clasp login` once, and the real scriptId in .clasp.json instead of the placeholder.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { buildAddon, PLACEHOLDER_API_URL } from "./build-addon.js";

const PLACEHOLDER_SCRIPT_ID = "REPLACE_WITH_THE_ADD_ON_SCRIPT_ID";

const { scriptId } = JSON.parse(readFileSync(".clasp.json", "utf8")) as { scriptId?: string };
if (!scriptId || scriptId === PLACEHOLDER_SCRIPT_ID) {
  console.error(
    "Set scriptId in .clasp.json to the Apps Script project of the add-on (Project Settings › IDs) first.",
  );
  process.exit(1);
}
if (!process.env.POLINET_API_URL) {
  console.error(
    `Set POLINET_API_URL to the deployed API (https://…/); without it the add-on would call ${PLACEHOLDER_API_URL}.`,
  );
  process.exit(1);
}
const built = await buildAddon();
console.log(`Built ${built.codeFile}; pushing with clasp…`);
const pushed = spawnSync("npx", ["clasp", "push", "--force"], { stdio: "inherit" });
process.exit(pushed.status ?? 1);
