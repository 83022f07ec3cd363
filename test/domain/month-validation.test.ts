import { describe, expect, it } from "vitest";
import { validateMonthBody } from "../../functions/src/domain/month-validation.js";

const areas = new Set(["anagrafe"]);
const row = { code: "A", name: "CIE", area: "anagrafe", total: 10, desk: 5 };

describe("month body validation", () => {
  it("accepts a minimal valid month and an empty service", () => {
    expect(validateMonthBody({ procedures: [row] }, { areas }).ok).toBe(true);
    expect(validateMonthBody({ procedures: [], service: {} }, { areas }).ok).toBe(true);
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
});
