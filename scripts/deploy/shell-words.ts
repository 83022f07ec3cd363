/**
 * Commands as lists of words, and how a POSIX shell spells them. The deploy prints exactly what it
 * runs: the dry run's lines, pasted into bash, do what `npm run deploy` does.
 */

/** A value a previous step printed (a project number, a trigger's name), written `${NAME}`. */
export interface Variable {
  readonly variable: string;
}

/** One argument: literal text, or literal text with variables in it. */
export type Word = string | readonly (string | Variable)[];

export type Command = readonly Word[];

const VARIABLE_NAME = /^[A-Z][A-Z0-9_]*$/;
// Characters no POSIX shell (nor bash or zsh) gives a meaning inside a word.
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function variable(name: string): Variable {
  if (!VARIABLE_NAME.test(name)) throw new Error(`Not a shell variable name: ${name}`);
  return { variable: name };
}

function refuseNewline(text: string): void {
  // One command per line is the dry run's contract.
  if (/[\r\n]/.test(text))
    throw new Error(`A command word holds a line break: ${JSON.stringify(text)}`);
}

/** A literal as the shell must see it: bare when harmless, else in single quotes. */
export function quoteLiteral(text: string): string {
  refuseNewline(text);
  if (PLAIN_WORD.test(text)) return text;
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

function quoteInsideDoubleQuotes(text: string): string {
  refuseNewline(text);
  // Inside double quotes a backslash protects only \ " $ and `; "!" would still expand in an
  // interactive bash, so it is refused rather than mis-escaped.
  if (text.includes("!")) throw new Error(`"!" beside a variable: ${JSON.stringify(text)}`);
  return text.replace(/[\\"$`]/g, (c) => `\\${c}`);
}

/** One word as shell text; a word with variables goes in double quotes so `${NAME}` expands. */
export function quoteWord(word: Word): string {
  if (typeof word === "string") return quoteLiteral(word);
  const inside = word
    .map((part) =>
      typeof part === "string"
        ? quoteInsideDoubleQuotes(part)
        : `\${${variable(part.variable).variable}}`,
    )
    .join("");
  return `"${inside}"`;
}

export function renderCommand(command: Command): string {
  return command.map(quoteWord).join(" ");
}

/** The variables a command reads. */
export function variablesOf(command: Command): string[] {
  return command.flatMap((word) =>
    typeof word === "string"
      ? []
      : word.flatMap((part) => (typeof part === "string" ? [] : [part.variable])),
  );
}

/** The argv to spawn, with each variable replaced by its value; a missing value is an error. */
export function resolveCommand(
  command: Command,
  values: Readonly<Record<string, string>>,
): string[] {
  return command.map((word) =>
    typeof word === "string"
      ? word
      : word
          .map((part) => {
            if (typeof part === "string") return part;
            const value = values[part.variable];
            if (value === undefined) throw new Error(`No value for \${${part.variable}}.`);
            return value;
          })
          .join(""),
  );
}
