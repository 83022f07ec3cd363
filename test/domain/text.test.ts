import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSafeText, textField, unsafeCharacter } from "../../functions/src/domain/text.js";

/** ES2024, not in the project's TypeScript lib; Node 22+ has it. */
const isWellFormed = (text: string) =>
  (text as string & { isWellFormed(): boolean }).isWellFormed();

const codePoint = (n: number) => String.fromCodePoint(n);
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => codePoint(from + i));

/** What issue 7 names, written out code point by code point rather than read from text.ts. */
const REFUSED = [
  "\u0000",
  "\u0009",
  "\u000A",
  "\u001B",
  "\u001F",
  "\u007F",
  "\u0080",
  "\u0085",
  "\u009F",
  "\u00AD",
  ...range(0x200b, 0x200f),
  "\u2028",
  "\u2029",
  ...range(0x202a, 0x202e),
  ...range(0x2060, 0x2064),
  ...range(0x2066, 0x2069),
  "\u3164",
  "\uFEFF",
  "\u{E0041}",
];

const ACCEPTED = [
  "ANA-01",
  "Carta d'identità",
  "Àèéìòù ÈÉ «Tributi» – TARI/TASI № 1",
  "Łódź, Zürich, São Paulo, Ελλάδα, Россия",
  "中文 日本語 한국어",
  "📄 Pratiche 🏛️",
  "a\u00A0b",
];

describe("text the store can hold", () => {
  it.each(REFUSED.map((c) => [`U+${c.codePointAt(0)?.toString(16).toUpperCase()}`, c]))(
    "refuses %s inside a code",
    (_name, character) => {
      expect(isSafeText(`ANA${character}01`)).toBe(false);
      expect(unsafeCharacter(`ANA${character}01`)).toBe(character);
    },
  );

  it("refuses lone surrogates, high or low, anywhere", () => {
    for (const text of ["ANA-\uD800", "\uDC00ANA", "A\uD83DB", "A\uDE00B", "\uDE00\uD83D"]) {
      expect(isSafeText(text), JSON.stringify(text)).toBe(false);
    }
  });

  it("accepts Italian and other scripts, symbols and emoji", () => {
    for (const text of ACCEPTED) expect(isSafeText(text), text).toBe(true);
  });

  it("never accepts what String.prototype.isWellFormed refuses", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 }), (units) => {
        const text = String.fromCharCode(...units);
        if (!isWellFormed(text)) expect(isSafeText(text)).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it("accepts any printable single-code-point text but the separators and blank fillers", () => {
    // fast-check counts these as printable; a one-line cell has no use for them.
    const refusedOnPurpose = /[\u2028\u2029\u115F\u1160\u3164\uFFA0]/;
    const printable = fc
      .string({ unit: "grapheme-composite", maxLength: 20 })
      .filter((text) => !refusedOnPurpose.test(text));
    fc.assert(
      fc.property(printable, (text) => {
        expect(unsafeCharacter(text)).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it("trims, then checks, and words the refusal in Italian naming the character", () => {
    const field = textField({ label: "Nome del procedimento", max: 10 });
    expect(field.parse("  CIE \n")).toBe("CIE");
    const refused = field.safeParse("CIE\u202Eexe");
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe(
      "Nome del procedimento: contiene un carattere invisibile o di controllo (U+202E) che non si può salvare; riscrivere il testo a mano, senza incollarlo da altri programmi.",
    );
    expect(field.safeParse("A\uD800").error?.issues[0]?.message).toMatch(
      /^Nome del procedimento: contiene un carattere non valido \(U\+D800\)/,
    );
    expect(field.safeParse("   ").error?.issues[0]?.message).toBe(
      "Nome del procedimento mancante.",
    );
  });
});
