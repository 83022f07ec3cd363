import { z } from "zod";

/**
 * Characters no code or name typed in a sheet needs, and that break storage or display:
 * - lone surrogates (`\p{Cs}`): not Unicode text, so not UTF-8; Firestore cannot store them and a
 *   request carrying one hung for minutes. With the `u` flag a well-formed pair is one astral code
 *   point and only a lone half is a Cs code point, so this is `!isWellFormed()` without needing
 *   ES2024 (the Apps Script V8 runtime that bundles this file may lack `isWellFormed`);
 * - control characters (`\p{Cc}`: C0 with NUL and tab, DEL, C1);
 * - format characters (`\p{Cf}`): zero-width space and joiners, direction marks, embeddings,
 *   overrides and isolates (U+200B–U+200F, U+202A–U+202E, U+2066–U+2069), word joiner and
 *   invisible operators (U+2060–U+2064), BOM (U+FEFF), soft hyphen, tags;
 * - line and paragraph separators (`\p{Zl}`, `\p{Zp}`) and the Hangul fillers, which render blank.
 * Two names that look the same must be the same text: otherwise a code pasted with a zero-width
 * space is a new procedure, and a direction override makes a row read as another one.
 */
const UNSAFE_CHARACTER = /[\p{Cs}\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0]/u;

/** The first character of `value` that cannot be stored or shown faithfully, or null. */
export function unsafeCharacter(value: string): string | null {
  return UNSAFE_CHARACTER.exec(value)?.[0] ?? null;
}

export function isSafeText(value: string): boolean {
  return !UNSAFE_CHARACTER.test(value);
}

/** `U+200B`: how a message names a character staff cannot see. */
function codePointLabel(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The Italian message for a text holding an unsafe character; `label` names the field. */
export function unsafeTextMessage(label: string, value: string): string {
  const character = unsafeCharacter(value) ?? "";
  const what = /\p{Cs}/u.test(character)
    ? "un carattere non valido"
    : "un carattere invisibile o di controllo";
  return `${label}: contiene ${what} (${codePointLabel(character)}) che non si può salvare; riscrivere il testo a mano, senza incollarlo da altri programmi.`;
}

export interface TextFieldOptions {
  /** Names the field in messages, e.g. "Codice del procedimento". */
  label: string;
  max: number;
  /** When missing or blank; default "<label> mancante." */
  missing?: string;
  /** Default "<label> troppo lungo (massimo <max> caratteri)." */
  tooLong?: string;
  /**
   * Free text typed in a cell (notes, measures) may hold line breaks (Alt+Enter in a sheet):
   * `\n` is then allowed (a `\r`, as any other control character, is not). Codes and names
   * stay on one line.
   */
  multiline?: boolean;
}

/**
 * A required free-text field (a code or a name): trimmed, not blank, at most `max` characters and
 * made only of safe characters. The one schema piece every code and name of the API goes through.
 */
export function textField({ label, max, missing, tooLong, multiline }: TextFieldOptions) {
  const missingMessage = missing ?? `${label} mancante.`;
  // A line break is the one control character multi-line text may keep.
  const visible = (value: string) => (multiline ? value.replace(/\n/g, "") : value);
  return z
    .string({ error: missingMessage })
    .trim()
    .min(1, { error: missingMessage })
    .max(max, { error: tooLong ?? `${label} troppo lungo (massimo ${max} caratteri).` })
    .refine((value) => isSafeText(visible(value)), {
      error: (issue) => unsafeTextMessage(label, visible(String(issue.input))),
    });
}
