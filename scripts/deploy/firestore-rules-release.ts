/**
 * Releases Firestore security rules through the Firebase Rules REST API (v1). The installed gcloud
 * (528) has no rules command in any track (`gcloud [alpha|beta] firestore` manage databases,
 * indexes, backups… not rules), and the Firebase CLI is not a dependency; the REST API is what
 * that CLI calls. A release points `cloud.firestore` at an immutable ruleset, so:
 * - the current release's ruleset already has this source → nothing is created (a re-run is idle);
 * - otherwise a new ruleset is created and the release is updated, or created on a first deploy.
 */

export const RULES_API = "https://firebaserules.googleapis.com";
/** The release Firestore's default database reads (a named database would be cloud.firestore/ID). */
export const FIRESTORE_RELEASE = "cloud.firestore";
const RULES_FILE_NAME = "firestore.rules";
/** The token the release uses: that of the account gcloud is logged in with. */
export const ACCESS_TOKEN_COMMAND = ["gcloud", "auth", "print-access-token"] as const;

export interface RulesReleaseRequest {
  project: string;
  source: string;
  /** An OAuth access token (`gcloud auth print-access-token`); never logged or echoed. */
  accessToken: string;
  baseUrl?: string;
  fetch?: typeof fetch;
}

export type RulesReleaseResult =
  | { outcome: "unchanged"; ruleset: string }
  | { outcome: "updated" | "created"; ruleset: string };

interface Ruleset {
  name: string;
  source?: { files?: { name?: string; content?: string }[] };
}

export class RulesApiError extends Error {}

export async function releaseFirestoreRules(
  request: RulesReleaseRequest,
): Promise<RulesReleaseResult> {
  const base = request.baseUrl ?? RULES_API;
  const doFetch = request.fetch ?? fetch;
  const project = `projects/${request.project}`;
  const releaseName = `${project}/releases/${FIRESTORE_RELEASE}`;

  async function call<T>(method: string, path: string, body?: unknown): Promise<T | undefined> {
    const response = await doFetch(`${base}/v1/${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${request.accessToken}`,
        // Bills the call to the project deployed, as user credentials have no project of their own.
        "X-Goog-User-Project": request.project,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (method === "GET" && response.status === 404) return undefined;
    const text = await response.text();
    if (!response.ok) {
      let message = text.slice(0, 500);
      try {
        message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
      } catch {
        // Not JSON: the start of the text says enough.
      }
      throw new RulesApiError(
        `Firebase Rules API ${method} ${path}: ${response.status} ${message}`,
      );
    }
    return JSON.parse(text) as T;
  }

  const current = await call<{ rulesetName?: string }>("GET", releaseName);
  if (current?.rulesetName) {
    const live = await call<Ruleset>("GET", current.rulesetName);
    const files = live?.source?.files ?? [];
    if (files.length === 1 && files[0]?.content === request.source) {
      return { outcome: "unchanged", ruleset: current.rulesetName };
    }
  }
  const created = await call<Ruleset>("POST", `${project}/rulesets`, {
    source: { files: [{ name: RULES_FILE_NAME, content: request.source }] },
  });
  if (!created?.name)
    throw new RulesApiError("Firebase Rules API returned a ruleset without a name.");
  if (current) {
    await call("PATCH", releaseName, { release: { name: releaseName, rulesetName: created.name } });
    return { outcome: "updated", ruleset: created.name };
  }
  await call("POST", `${project}/releases`, { name: releaseName, rulesetName: created.name });
  return { outcome: "created", ruleset: created.name };
}
