/**
 * Runs a plan's steps one by one, as their printed lines would in a shell: an `ensure` step's
 * describe decides by its exit status, a `capture` step's output feeds the later steps, and the
 * first failure stops everything with a message saying what failed and what to do.
 */
import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { type Command, resolveCommand } from "./shell-words.js";
import { renderStep, type Step } from "./steps.js";

export class DeployStepFailed extends Error {
  constructor(
    readonly stepNumber: number,
    readonly step: Step,
    detail: string,
    total: number,
  ) {
    super(
      [
        `Step ${stepNumber} of ${total} failed (${detail}): ${step.why}`,
        `  $ ${renderStep(step)}`,
        "The steps before it are done and nothing after it ran. Every step is safe to repeat:",
        "fix the cause shown above and run the same `npm run deploy` again.",
      ].join("\n"),
    );
  }
}

export interface RunOptions {
  env: NodeJS.ProcessEnv;
  /** Progress lines (the step's reason and its command); the commands' own output is inherited. */
  log: (line: string) => void;
  cwd?: string;
}

interface Outcome {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  spawnError?: Error;
}

function execute(
  argv: string[],
  options: RunOptions,
  output: "inherit" | "capture" | "quiet",
): Promise<Outcome> {
  return new Promise((resolve) => {
    const [file, ...args] = argv as [string, ...string[]];
    const child = spawn(file, args, {
      env: options.env,
      cwd: options.cwd,
      stdio: [
        "ignore",
        output === "inherit" ? "inherit" : "pipe",
        output === "quiet" ? "ignore" : "inherit",
      ],
    });
    let stdout = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.once("error", (spawnError) =>
      resolve({ status: null, signal: null, stdout, spawnError }),
    );
    child.once("close", (status, signal) => resolve({ status, signal, stdout }));
  });
}

function failure(outcome: Outcome, program: string): string | undefined {
  if (outcome.spawnError) {
    return (outcome.spawnError as NodeJS.ErrnoException).code === "ENOENT"
      ? `${program} is not installed or not on PATH`
      : outcome.spawnError.message;
  }
  if (outcome.signal) return `stopped by ${outcome.signal}`;
  if (outcome.status !== 0) return `exit status ${outcome.status}`;
  return undefined;
}

export async function runSteps(steps: readonly Step[], options: RunOptions): Promise<void> {
  const values: Record<string, string> = {};
  const resolve = (command: Command) => resolveCommand(command, values);
  for (const [index, step] of steps.entries()) {
    const number = index + 1;
    const fail = (detail: string) => new DeployStepFailed(number, step, detail, steps.length);
    options.log(`[${number}/${steps.length}] ${step.why}`);
    options.log(`$ ${renderStep(step)}`);
    const runOrFail = async (command: Command, output: "inherit" | "capture") => {
      const argv = resolve(command);
      const outcome = await execute(argv, options, output);
      const problem = failure(outcome, argv[0] ?? "");
      if (problem) throw fail(problem);
      return outcome.stdout;
    };
    switch (step.kind) {
      case "run": {
        const attempts = step.retry?.attempts ?? 1;
        for (let attempt = 1; ; attempt++) {
          try {
            await runOrFail(step.command, "inherit");
            break;
          } catch (error) {
            if (attempt >= attempts || !step.retry) throw error;
            options.log(
              `failed; trying again in ${step.retry.delaySeconds} s (${attempt + 1} of ${attempts}): ${step.retry.reason}`,
            );
            await sleep(step.retry.delaySeconds * 1000);
          }
        }
        break;
      }
      case "capture": {
        const value = (await runOrFail(step.command, "capture")).trim();
        if (!value) throw fail(`it printed no ${step.variable}`);
        values[step.variable] = value;
        options.log(`${step.variable}=${value}`);
        break;
      }
      case "ensure": {
        const argv = resolve(step.exists);
        const described = await execute(argv, options, "quiet");
        if (described.spawnError) throw fail(failure(described, argv[0] ?? "") ?? "");
        if (described.status !== 0) {
          await runOrFail(step.create, "inherit");
        } else if (step.update) {
          await runOrFail(step.update, "inherit");
        } else {
          options.log("exists: left as it is");
        }
        break;
      }
    }
  }
}
