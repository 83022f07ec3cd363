/**
 * The kinds of deploy step, and the one shell line each prints. Every kind is safe to repeat:
 * `run` commands are themselves idempotent (enable, add a binding, deploy), `ensure` describes first
 * and creates only what is missing (or updates it in place), `capture` only reads.
 */
import { type Command, quoteLiteral, renderCommand } from "./shell-words.js";

export interface Retry {
  readonly attempts: number;
  readonly delaySeconds: number;
  readonly reason: string;
}

export type Step =
  | {
      readonly kind: "run";
      /** Why the step exists, printed by the real run before the command. */
      readonly why: string;
      readonly command: Command;
      /**
       * Tries again after a failure, for what Google makes visible only after a while (a service
       * account just created, a service agent of an API just enabled). The printed line is the
       * same: pasted into a shell it is simply run again by hand.
       */
      readonly retry?: Retry;
    }
  | {
      readonly kind: "ensure";
      readonly why: string;
      /** Exit status 0 means the resource exists. */
      readonly exists: Command;
      readonly create: Command;
      /** When present, an existing resource is updated in place; otherwise it is left alone. */
      readonly update?: Command;
    }
  | {
      readonly kind: "capture";
      readonly why: string;
      /** The shell variable that receives the command's standard output (trimmed). */
      readonly variable: string;
      readonly command: Command;
    };

/** The step as one line of shell, exactly as the real run behaves. */
export function renderStep(step: Step): string {
  switch (step.kind) {
    case "run":
      return renderCommand(step.command);
    case "capture":
      return `${quoteLiteral(step.variable)}=$(${renderCommand(step.command)})`;
    case "ensure": {
      const exists = `${renderCommand(step.exists)} >/dev/null 2>&1`;
      if (!step.update) return `${exists} || ${renderCommand(step.create)}`;
      return `if ${exists}; then ${renderCommand(step.update)}; else ${renderCommand(step.create)}; fi`;
    }
  }
}

/** Every command a step may run, for tests and checks. */
export function commandsOf(step: Step): Command[] {
  switch (step.kind) {
    case "run":
    case "capture":
      return [step.command];
    case "ensure":
      return [step.exists, step.create, ...(step.update ? [step.update] : [])];
  }
}
