import { describe, expect, it } from "vitest";
import { validateMonthBody } from "../../functions/src/domain/month-validation.js";

const areas = new Set(["anagrafe"]);
const row = { code: "A", name: "CIE", area: "anagrafe", total: 10, desk: 5 };

describe("month body validation", () => {
  it("accepts a minimal valid month, and a month of service figures only", () => {
    expect(validateMonthBody({ procedures: [row] }, { areas }).ok).toBe(true);
    expect(validateMonthBody({ procedures: [], service: { visits: 0 } }, { areas }).ok).toBe(true);
    expect(
      validateMonthBody({ procedures: [], service: { openingHoursWeekly: 38 } }, { areas }).ok,
    ).toBe(true);
  });

  it.each([
    ["no rows and no service", { procedures: [] }],
    ["no rows and an empty service", { procedures: [], service: {} }],
  ])("refuses a month with %s: it would count as reporting", (_name, body) => {
    const result = validateMonthBody(body, { areas });
    expect(result).toMatchObject({ ok: false, issues: [{ path: ["procedures"] }] });
    if (!result.ok) expect(result.issues[0]?.message).toMatch(/^Il mese non contiene dati/);
  });

  it("accepts desk equal to total and zero counts", () => {
    expect(
      validateMonthBody(
        {
          procedures: [
            { ...row, desk: 10 },
            { ...row, code: "B", total: 0, desk: 0 },
          ],
        },
        { areas },
      ).ok,
    ).toBe(true);
  });

  it("treats procedure codes as unique after trimming", () => {
    const result = validateMonthBody({ procedures: [row, { ...row, code: " A " }] }, { areas });
    expect(result.ok).toBe(false);
  });

  it("asks for the whole when a part is given", () => {
    const result = validateMonthBody(
      { procedures: [], service: { surveySatisfied: 3 } },
      { areas },
    );
    expect(result).toMatchObject({ ok: false, issues: [{ path: ["service", "surveyResponses"] }] });
  });

  it("refuses non-objects with an Italian message", () => {
    const result = validateMonthBody(null, { areas });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.message).toMatch(/[a-z]/);
  });

  it.each([
    ["code", "ANA-\uD800", /carattere non valido \(U\+D800\)/],
    ["code", "ANA\u200B01", /invisibile o di controllo \(U\+200B\)/],
    ["name", "CIE\u0000", /\(U\+0000\)/],
    ["name", "CIE \u202Eexe.fdp", /\(U\+202E\)/],
    ["name", "Carta\u2066 d'identità", /\(U\+2066\)/],
    ["area", "anagrafe\u0085x", /\(U\+0085\)/],
  ] as const)("refuses a %s holding %j, naming the row", (field, value, message) => {
    const result = validateMonthBody({ procedures: [{ ...row, [field]: value }] }, { areas });
    expect(result).toMatchObject({ ok: false, issues: [{ path: ["procedures", 0, field] }] });
    if (result.ok) return;
    expect(result.issues[0]?.message).toMatch(message);
    // The row is named; a code with such a character is not echoed, or the message would carry it.
    expect(result.issues[0]?.message).toMatch(field === "code" ? /^Riga 1: / : /^Riga 1 \(A\): /);
    expect(result.issues[0]?.message).not.toMatch(/[\uD800-\uDFFF\u200B\u202E]/);
  });

  it("accepts 1,000 procedure rows and refuses 1,001 with an Italian message", () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ ...row, code: `P${i}` }));
    expect(validateMonthBody({ procedures: rows(1000) }, { areas }).ok).toBe(true);
    const result = validateMonthBody({ procedures: rows(1001) }, { areas });
    expect(result).toMatchObject({ ok: false, issues: [{ path: ["procedures"] }] });
    if (!result.ok) expect(result.issues[0]?.message).toMatch(/1001 righe, al massimo 1000/);
  });
});
