import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import pMap from "p-map";
import { afterAll, describe, expect, it } from "vitest";
import type { FirestoreIndexes } from "../../scripts/deploy/firestore-index-steps.js";
import { firestoreIndexSteps } from "../../scripts/deploy/firestore-index-steps.js";
import { ACCESS_TOKEN_COMMAND } from "../../scripts/deploy/firestore-rules-release.js";
import {
  CAPTURED,
  deployPlan,
  RULES_RELEASE_SCRIPT,
  SCHEDULED_MESSAGE,
} from "../../scripts/deploy/plan.js";
import { type Command, renderCommand, resolveCommand } from "../../scripts/deploy/shell-words.js";
import { commandsOf, renderStep, type Step } from "../../scripts/deploy/steps.js";

const GCLOUD = "/usr/lib/google-cloud-sdk/bin/gcloud";
const PROJECT = "polinet-sample";
const AUDIENCE = "1234567890-abc.apps.googleusercontent.com";
const indexes = JSON.parse(readFileSync("firestore.indexes.json", "utf8")) as FirestoreIndexes;
const plan = deployPlan(
  { project: PROJECT, region: "europe-west8", audiences: [AUDIENCE, "second-client"] },
  indexes,
);
/** Values the real run reads back from Google, shaped as Google prints them. */
const SAMPLE_CAPTURES: Record<string, string> = {
  [CAPTURED.projectNumber]: "123456789012",
  [CAPTURED.trigger]: `projects/${PROJECT}/locations/europe-west8/triggers/monthly-recompute-123456`,
  [CAPTURED.triggerSubscription]: `projects/${PROJECT}/subscriptions/eventarc-europe-west8-monthly-recompute-123456-sub-789`,
};
const PUBSUB_AGENT = `serviceAccount:service-${SAMPLE_CAPTURES.PROJECT_NUMBER}@gcp-sa-pubsub.iam.gserviceaccount.com`;

/** Every command of the plan with the captured values filled in. */
const commands: string[][] = plan
  .flatMap(commandsOf)
  .map((c) => resolveCommand(c, SAMPLE_CAPTURES));
const starting = (...prefix: string[]) =>
  commands.filter((argv) => prefix.every((word, i) => argv[i] === word));
const flag = (argv: string[], name: string) =>
  argv.find((word) => word.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = <T>(items: T[]): T => {
  expect(items).toHaveLength(1);
  return items[0]!;
};
const sa = (id: string) => `${id}@${PROJECT}.iam.gserviceaccount.com`;

describe("the deploy plan (issue 8, item 3)", () => {
  it("enables the APIs and creates the Firestore Native database in the region", () => {
    const enable = only(starting("gcloud", "services", "enable"));
    for (const api of [
      "run",
      "cloudfunctions",
      "cloudbuild",
      "artifactregistry",
      "firestore",
      "pubsub",
      "cloudscheduler",
      "eventarc",
      "logging",
      "iam",
    ]) {
      expect(enable).toContain(`${api}.googleapis.com`);
    }
    const create = only(starting("gcloud", "firestore", "databases", "create"));
    expect(create).toEqual(
      expect.arrayContaining(["--location=europe-west8", "--type=firestore-native"]),
    );
    const database = plan.find((s) => s.kind === "ensure" && s.create.includes("databases"));
    expect(database).toMatchObject({ exists: expect.arrayContaining(["describe"]) });
  });

  it("deploys api on Node 24, gen2, HTTP, public, with its audiences and chosen sizing", () => {
    const api = only(starting("gcloud", "functions", "deploy", "api"));
    expect(api).toEqual(
      expect.arrayContaining([
        "--gen2",
        "--runtime=nodejs24",
        "--region=europe-west8",
        `--project=${PROJECT}`,
        "--source=dist/functions",
        "--entry-point=api",
        "--trigger-http",
        "--allow-unauthenticated",
        `--service-account=${sa("polinet-api")}`,
        "--memory=512Mi",
        "--timeout=60s",
        "--concurrency=80",
        "--min-instances=0",
        "--max-instances=10",
      ]),
    );
    expect(flag(api, "update-env-vars")).toBe(
      `^|^GOOGLE_CLOUD_PROJECT=${PROJECT}|POLINET_AUDIENCES=${AUDIENCE},second-client`,
    );
  });

  it("deploys monthlyRecompute on the topic, retried, 540 s, under its own account", () => {
    const job = only(starting("gcloud", "functions", "deploy", "monthly-recompute"));
    expect(job).toEqual(
      expect.arrayContaining([
        "--gen2",
        "--runtime=nodejs24",
        "--entry-point=monthlyRecompute",
        "--trigger-topic=monthly-recompute",
        "--retry",
        "--timeout=540s",
        `--service-account=${sa("polinet-recompute")}`,
        `--trigger-service-account=${sa("polinet-trigger")}`,
      ]),
    );
    expect(job).not.toContain("--allow-unauthenticated");
    expect(flag(job, "update-env-vars")).not.toContain("POLINET_AUDIENCES");
  });

  it("schedules the first of the month, Europe/Rome, publishing to the topic as the scheduler account", () => {
    const ensure = plan.find(
      (s): s is Extract<Step, { kind: "ensure" }> =>
        s.kind === "ensure" && s.create[1] === "scheduler",
    )!;
    for (const job of [ensure.create, ensure.update!].map((c) => resolveCommand(c, {}))) {
      expect(flag(job, "schedule")).toBe("0 4 1 * *");
      expect(flag(job, "time-zone")).toBe("Europe/Rome");
      expect(flag(job, "uri")).toBe(
        `https://pubsub.googleapis.com/v1/projects/${PROJECT}/topics/monthly-recompute:publish`,
      );
      expect(flag(job, "oauth-service-account-email")).toBe(sa("polinet-scheduler"));
      const body = JSON.parse(flag(job, "message-body")!) as { messages: { data: string }[] };
      expect(JSON.parse(Buffer.from(body.messages[0]!.data, "base64").toString())).toEqual(
        SCHEDULED_MESSAGE,
      );
    }
    expect(ensure.exists.slice(0, 4)).toEqual(["gcloud", "scheduler", "jobs", "describe"]);
  });

  it("sends a message that keeps failing to a dead-letter topic that keeps it", () => {
    expect(starting("gcloud", "pubsub", "topics", "create").map((c) => c[4])).toEqual([
      "monthly-recompute",
      "monthly-recompute-dead-letter",
    ]);
    const hold = only(starting("gcloud", "pubsub", "subscriptions", "create"));
    expect(flag(hold, "topic")).toBe("monthly-recompute-dead-letter");
    expect(flag(hold, "expiration-period")).toBe("never");
    const update = only(starting("gcloud", "pubsub", "subscriptions", "update"));
    expect(update[4]).toBe(SAMPLE_CAPTURES.TRIGGER_SUBSCRIPTION);
    expect(flag(update, "dead-letter-topic")).toBe(
      `projects/${PROJECT}/topics/monthly-recompute-dead-letter`,
    );
    expect(Number(flag(update, "max-delivery-attempts"))).toBeGreaterThanOrEqual(5);
    // The subscription is the one Eventarc made, read from the trigger the function names.
    const [trigger, subscription] = plan.filter((s) => s.kind === "capture").slice(1);
    expect(renderStep(trigger!)).toContain("--format=value(eventTrigger.trigger)");
    expect(renderStep(subscription!)).toMatch(
      /^TRIGGER_SUBSCRIPTION=\$\(gcloud eventarc triggers describe "\$\{TRIGGER\}"/,
    );
  });

  it("grants each account only its roles, each on the narrowest resource", () => {
    const grants = commands
      .filter((argv) => argv.includes("add-iam-policy-binding"))
      .map((argv) => {
        const verb = argv.indexOf("add-iam-policy-binding");
        return `${flag(argv, "member")} ${argv.slice(1, verb).join(" ")} ${argv[verb + 1]} ${flag(argv, "role")}`;
      });
    expect(grants.sort()).toEqual(
      [
        `serviceAccount:${sa("polinet-api")} projects ${PROJECT} roles/datastore.user`,
        `serviceAccount:${sa("polinet-recompute")} projects ${PROJECT} roles/datastore.user`,
        `serviceAccount:${sa("polinet-build")} projects ${PROJECT} roles/cloudbuild.builds.builder`,
        `serviceAccount:${sa("polinet-scheduler")} pubsub topics monthly-recompute roles/pubsub.publisher`,
        `serviceAccount:${sa("polinet-trigger")} run services monthly-recompute roles/run.invoker`,
        `${PUBSUB_AGENT} pubsub topics monthly-recompute-dead-letter roles/pubsub.publisher`,
        `${PUBSUB_AGENT} pubsub subscriptions ${SAMPLE_CAPTURES.TRIGGER_SUBSCRIPTION} roles/pubsub.subscriber`,
        `${PUBSUB_AGENT} iam service-accounts ${sa("polinet-trigger")} roles/iam.serviceAccountTokenCreator`,
      ].sort(),
    );
    // A binding naming an account created moments before is retried while IAM catches up.
    for (const step of plan.filter((s) => renderStep(s).includes("add-iam-policy-binding"))) {
      expect(step).toMatchObject({ kind: "run", retry: { attempts: expect.any(Number) } });
    }
    expect(starting("gcloud", "iam", "service-accounts", "create").map((c) => c[4])).toEqual([
      "polinet-api",
      "polinet-recompute",
      "polinet-scheduler",
      "polinet-trigger",
      "polinet-build",
    ]);
  });

  it("releases firestore.rules and applies every index exemption of firestore.indexes.json", () => {
    expect(only(commands.filter((argv) => argv.includes(RULES_RELEASE_SCRIPT)))).toEqual([
      "npx",
      "tsx",
      RULES_RELEASE_SCRIPT,
      `--project=${PROJECT}`,
      "--rules=firestore.rules",
    ]);
    const exemptions = starting("gcloud", "firestore", "indexes", "fields", "update");
    expect(exemptions.map((c) => `${flag(c, "collection-group")}.${c[5]}`)).toEqual(
      (indexes.fieldOverrides ?? []).map((o) => `${o.collectionGroup}.${o.fieldPath}`),
    );
    for (const c of exemptions) expect(c).toContain("--disable-indexes");
    expect(() => firestoreIndexSteps(PROJECT, { indexes: [{}], fieldOverrides: [] })).toThrow(
      /composite indexes/,
    );
  });

  it("is safe to run twice: creates only behind a describe, everything else is create-or-update", () => {
    expect(plan[0]).toMatchObject({ kind: "run", command: ["npm", "run", "build"] });
    for (const step of plan) {
      if (step.kind === "ensure") {
        expect(step.exists).toContain("describe");
        continue;
      }
      const line = renderStep(step);
      // Nothing outside an ensure step may create: every remaining verb updates in place.
      expect(line, line).not.toMatch(/ create /);
      if (step.kind === "capture") expect(line, line).toMatch(/ describe /);
      else
        expect(line, line).toMatch(
          /^(npm run build|npx tsx |gcloud (services enable|functions deploy|pubsub subscriptions update|firestore indexes fields update|.* add-iam-policy-binding) )/,
        );
    }
  });

  it("follows --region everywhere and leaves POLINET_AUDIENCES alone without --audiences", () => {
    const elsewhere = deployPlan({ project: PROJECT, region: "europe-west1" }, indexes);
    const text = elsewhere.map(renderStep).join("\n");
    expect(text).not.toContain("europe-west8");
    expect(text).toContain("--location=europe-west1");
    expect(text).toContain("--region=europe-west1");
    expect(text).not.toContain("POLINET_AUDIENCES");
    // Pure: the same options give the same plan.
    expect(deployPlan({ project: PROJECT, region: "europe-west1" }, indexes)).toEqual(elsewhere);
  });
});

describe("the printed commands are what a shell runs", () => {
  it("quotes every word so bash reads back exactly the plan's arguments", () => {
    const tricky: Command = [
      "printf",
      "%s\\0",
      "--schedule=0 4 1 * *",
      "--update-env-vars=^|^A=b,c|D=e",
      '--message-body={"messages":[{"data":"eA=="}]}',
      "it's $HOME `x` !bang ~ (default) a;b&c>d",
      "",
      ["--member=serviceAccount:service-", { variable: "PROJECT_NUMBER" }, '@x "quoted" $HOME'],
    ];
    const values = { PROJECT_NUMBER: "42 $(echo no)" };
    const shell = spawnSync("bash", ["-c", renderCommand(tricky)], {
      env: { PATH: process.env.PATH, HOME: "/should/not/expand", ...values },
      encoding: "utf8",
    });
    expect(shell.status).toBe(0);
    expect(shell.stdout.split("\0").slice(0, -1)).toEqual(resolveCommand(tricky, values).slice(2));
  });

  it("prints each step on one line, variables in braces", () => {
    for (const step of plan) expect(renderStep(step)).not.toMatch(/\n/);
    expect(renderStep(plan.find((s) => s.kind === "capture")!)).toBe(
      `PROJECT_NUMBER=$(gcloud projects describe ${PROJECT} '--format=value(projectNumber)')`,
    );
  });
});

const gcloudInstalled = existsSync(GCLOUD);
if (!gcloudInstalled) {
  console.log(`gcloud is not installed (${GCLOUD}): the printed gcloud commands are not checked.`);
}

describe.skipIf(!gcloudInstalled)("every printed gcloud command, through the installed CLI", () => {
  const config = mkdtempSync(join(tmpdir(), "polinet-gcloud-"));
  afterAll(() => rmSync(config, { recursive: true, force: true }));
  // No account, no prompt, no metadata server: the only failure left is the missing account.
  const env: NodeJS.ProcessEnv = {
    PATH: `/usr/lib/google-cloud-sdk/bin:${process.env.PATH}`,
    HOME: config,
    CLOUDSDK_CONFIG: config,
    CLOUDSDK_CORE_DISABLE_PROMPTS: "1",
    CLOUDSDK_CORE_CHECK_GCE_METADATA: "false",
    ...SAMPLE_CAPTURES,
  };
  const NO_ACCOUNT =
    /^ERROR: \(gcloud\.([a-z0-9._-]+)\) You do not currently have an active account selected\./m;
  const ARGUMENT_ERROR =
    /unrecognized arguments|Invalid choice|argument --?[a-z]|Bad value|must be specified|Usage: gcloud/;

  it("fails only for want of credentials: no unknown flag, command or malformed value", async () => {
    const lines = [
      ...new Set(
        [...plan.flatMap(commandsOf), [...ACCESS_TOKEN_COMMAND]]
          .filter((c) => c[0] === "gcloud")
          .map((c) => renderCommand(c)),
      ),
    ];
    expect(lines.length).toBeGreaterThan(30);
    const problems = await pMap(
      lines,
      (line) =>
        new Promise<string | undefined>((resolve) => {
          // Each is bounded: a gcloud that waited on anything would be killed and reported.
          execFile("bash", ["-c", line], { env, timeout: 120_000 }, (error, _stdout, stderr) => {
            const code = (error as { code?: number } | null)?.code ?? 0;
            const said = NO_ACCOUNT.exec(stderr);
            const words = line.split(" ");
            const path = said?.[1]?.split(".") ?? [];
            if (error?.killed) resolve(`timed out: ${line}`);
            else if (code !== 1 || !said || ARGUMENT_ERROR.test(stderr)) {
              resolve(`exit ${code}: ${line}\n${stderr.trim()}`);
            } else if (path.some((part, i) => words[i + 1] !== part)) {
              resolve(`gcloud ran gcloud.${said[1]} for: ${line}`);
            } else resolve(undefined);
          });
        }),
      { concurrency: Math.max(2, Math.min(4, availableParallelism())) },
    );
    expect(problems.filter(Boolean)).toEqual([]);
  }, 900_000);
});

describe("npm run deploy (the CLI)", () => {
  const npm = (...args: string[]) =>
    spawnSync("npm", ["run", "-s", "deploy", "--", ...args], { encoding: "utf8" });

  it("--dry-run prints every command, one per line, and runs none", () => {
    const run = npm("--dry-run", "--project", "x");
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    const expected = deployPlan({ project: "x", region: "europe-west8" }, indexes).map(renderStep);
    expect(lines).toEqual(expected);
    expect(lines[0]).toBe("npm run build");
    expect(run.stderr).toContain("no --audiences");
  });

  it("refuses to start without --project, or with an unknown option, saying why", () => {
    const missing = npm("--dry-run");
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toContain("--project is required");
    expect(missing.stderr).toContain("Usage: npm run deploy");
    const typo = npm("--project=x", "--regoin=europe-west1");
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain("--regoin");
  });
});
