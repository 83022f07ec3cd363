import { describe, expect, it } from "vitest";
import type { DataQualityWarning } from "../../functions/src/domain/data-quality.js";
import { nextLedger, statedWarnings } from "../../functions/src/domain/warning-ledger.js";

const w = (id: string): DataQualityWarning => ({
  id,
  severity: "warning",
  code: "outlier",
  path: ["procedures", 0, "total"],
  message: id,
});

describe("warning ledger", () => {
  it("records remarks a new revision drops, and reopens one that comes back with its answer", () => {
    const justified = { a: { by: "x@y.it", at: "2026-01-01T00:00:00.000Z" } };
    const afterFix = nextLedger("2026-02", { justified }, [w("a"), w("b")], [w("b")]);
    expect(afterFix).toEqual({ justified, corrected: [w("a")] });
    expect(statedWarnings("2026-02", [w("b")], afterFix).map((s) => [s.id, s.state])).toEqual([
      ["b", "open"],
      ["a", "corrected"],
    ]);
    // "a" made again: no longer corrected, and justified as before.
    const back = nextLedger("2026-02", afterFix, [w("b")], [w("a")]);
    expect(back).toEqual({ justified, corrected: [w("b")] });
    expect(statedWarnings("2026-02", [w("a")], back).map((s) => [s.id, s.state])).toEqual([
      ["a", "justified"],
      ["b", "corrected"],
    ]);
  });

  it("gives remarks stored before ids an id from their path", () => {
    const { id, ...old } = w("x");
    const [stated] = statedWarnings("2026-02", [old], {});
    expect(stated?.id).toMatch(/^[0-9a-f]{12}$/);
    expect(statedWarnings("2026-02", [old], {})[0]?.id).toBe(stated?.id);
    expect(statedWarnings("2026-03", [old], {})[0]?.id).not.toBe(stated?.id);
    expect(id).toBe("x");
  });
});
