import { describe, expect, it } from "vitest";
import { servedTarget } from "../../functions/src/api/server-guard.js";

describe("the target the framework's CLI serves, as index.ts reads it", () => {
  it("takes --target in both forms before FUNCTION_TARGET, and nothing when neither is given", () => {
    const env = { FUNCTION_TARGET: "monthlyRecompute" };
    expect(servedTarget(["--target=api", "--port=8080"], env)).toBe("api");
    expect(servedTarget(["--port", "8080", "--target", "api"], env)).toBe("api");
    expect(servedTarget(["--source", "dist/functions"], env)).toBe("monthlyRecompute");
    expect(servedTarget([], {})).toBeUndefined();
  });
});
