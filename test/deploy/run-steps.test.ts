import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DeployStepFailed, runSteps } from "../../scripts/deploy/run-steps.js";
import { type Command, variable } from "../../scripts/deploy/shell-words.js";
import type { Step } from "../../scripts/deploy/steps.js";

const dir = mkdtempSync(join(tmpdir(), "polinet-run-steps-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A real process: node running a line of JavaScript with the given arguments. */
const node = (script: string, ...args: Command[number][]): Command => [
  process.execPath,
  "-e",
  script,
  ...args,
];
const exit = (code: number) => node(`process.exit(${code})`);
/** Writes its arguments to a file, so the test sees whether (and with what) it ran. */
const record = (name: string, ...args: Command[number][]) =>
  node(
    "require('fs').writeFileSync(process.argv[1], JSON.stringify(process.argv.slice(2)))",
    join(dir, name),
    ...args,
  );
const recorded = (name: string) =>
  existsSync(join(dir, name))
    ? (JSON.parse(readFileSync(join(dir, name), "utf8")) as string[])
    : undefined;

async function run(steps: Step[]) {
  const log: string[] = [];
  await runSteps(steps, { env: process.env, log: (line) => log.push(line) });
  return log;
}

describe("running the deploy's steps", () => {
  it("creates only what its describe says is missing, and updates what exists when it can", async () => {
    const log = await run([
      { kind: "ensure", why: "present", exists: exit(0), create: record("created-present") },
      { kind: "ensure", why: "missing", exists: exit(1), create: record("created-missing") },
      {
        kind: "ensure",
        why: "present, updatable",
        exists: exit(0),
        create: record("created-updatable"),
        update: record("updated-updatable"),
      },
    ]);
    expect(recorded("created-present")).toBeUndefined();
    expect(recorded("created-missing")).toEqual([]);
    expect(recorded("created-updatable")).toBeUndefined();
    expect(recorded("updated-updatable")).toEqual([]);
    expect(log).toContain("exists: left as it is");
    expect(log[0]).toBe("[1/3] present");
  });

  it("hands what a capture step printed to the later steps", async () => {
    await run([
      { kind: "capture", why: "read", variable: "NUMBER", command: node("console.log(' 4242 ')") },
      {
        kind: "run",
        why: "use",
        command: record("captured", ["service-", variable("NUMBER"), "@agent"]),
      },
    ]);
    expect(recorded("captured")).toEqual(["service-4242@agent"]);
  });

  it("stops at the first failure, naming the step, its command and what to do", async () => {
    const failing = run([
      { kind: "run", why: "first", command: record("first") },
      { kind: "run", why: "second fails", command: exit(3) },
      { kind: "run", why: "third", command: record("third") },
    ]);
    await expect(failing).rejects.toBeInstanceOf(DeployStepFailed);
    const error = (await failing.catch((e: unknown) => e)) as DeployStepFailed;
    expect(error.stepNumber).toBe(2);
    expect(error.message).toContain("Step 2 of 3 failed (exit status 3): second fails");
    expect(error.message).toContain(`$ ${process.execPath} -e 'process.exit(3)'`);
    expect(error.message).toContain("run the same `npm run deploy` again");
    expect(recorded("first")).toEqual([]);
    expect(recorded("third")).toBeUndefined();
  });

  it("fails a capture that prints nothing, and a program that is not installed", async () => {
    await expect(
      run([{ kind: "capture", why: "empty", variable: "EMPTY", command: exit(0) }]),
    ).rejects.toThrow("it printed no EMPTY");
    await expect(
      run([{ kind: "run", why: "absent", command: ["polinet-no-such-program", "--version"] }]),
    ).rejects.toThrow("polinet-no-such-program is not installed or not on PATH");
    await expect(
      run([
        {
          kind: "ensure",
          why: "absent describe",
          exists: ["polinet-no-such-program"],
          create: record("never"),
        },
      ]),
    ).rejects.toThrow("not installed");
    expect(recorded("never")).toBeUndefined();
  });
});

describe("a step that Google needs a moment for", () => {
  it("is tried again after a failure, and fails for good after its last attempt", async () => {
    const flaky = node(
      "const fs=require('fs');const f=process.argv[1];if(!fs.existsSync(f)){fs.writeFileSync(f,'');process.exit(1)}",
      join(dir, "flaky-marker"),
    );
    const retry = { attempts: 2, delaySeconds: 0, reason: "not visible yet" };
    const log = await run([{ kind: "run", why: "flaky", command: flaky, retry }]);
    expect(log).toContain("failed; trying again in 0 s (2 of 2): not visible yet");
    await expect(
      run([{ kind: "run", why: "always fails", command: exit(4), retry }]),
    ).rejects.toThrow("Step 1 of 1 failed (exit status 4)");
  });
});
