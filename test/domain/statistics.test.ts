import { describe, expect, it } from "vitest";
import {
  competitionRanks,
  distribution,
  unweightedMean,
  wilsonInterval,
} from "../../functions/src/domain/indicators/statistics.js";

describe("quartiles as spreadsheet PERCENTILE.INC (worked by hand: h = (n − 1)·p)", () => {
  it("interpolates between closest ranks", () => {
    // [1, 2, 3, 4]: p25 → h = 0.75 → 1 + 0.75·(2 − 1) = 1.75; median h = 1.5 → 2.5; p75 h = 2.25 → 3.25.
    expect(distribution([4, 1, 3, 2])).toEqual({
      n: 4,
      min: 1,
      p25: 1.75,
      median: 2.5,
      p75: 3.25,
      max: 4,
    });
    // [10, 20, 40]: p25 → h = 0.5 → 15; median 20; p75 → h = 1.5 → 30.
    expect(distribution([40, 10, 20])).toEqual({
      n: 3,
      min: 10,
      p25: 15,
      median: 20,
      p75: 30,
      max: 40,
    });
  });

  it("handles one value and none", () => {
    expect(distribution([7])).toEqual({ n: 1, min: 7, p25: 7, median: 7, p75: 7, max: 7 });
    expect(distribution([])).toEqual({
      n: 0,
      min: null,
      p25: null,
      median: null,
      p75: null,
      max: null,
    });
  });
});

describe("ranks as spreadsheet RANK (competition ranking)", () => {
  const values = new Map([
    ["a", 80],
    ["b", 90],
    ["c", 80],
    ["d", 70],
  ]);
  it("gives ties the best rank and skips the next (higher is better)", () => {
    expect(Object.fromEntries(competitionRanks(values, false))).toEqual({ b: 1, a: 2, c: 2, d: 4 });
  });
  it("reverses for indicators where lower is better", () => {
    expect(Object.fromEntries(competitionRanks(values, true))).toEqual({ d: 1, a: 2, c: 2, b: 4 });
  });
});

describe("the unweighted mean and the Wilson interval", () => {
  it("averages municipality values without weights", () => {
    expect(unweightedMean([50, 90])).toBe(70);
    expect(unweightedMean([])).toBeNull();
  });

  it("matches the textbook Wilson interval for 8 out of 10 (49.0 %–94.3 %)", () => {
    const interval = wilsonInterval(8, 10);
    expect(interval?.low).toBeCloseTo(49.02, 2);
    expect(interval?.high).toBeCloseTo(94.33, 2);
  });

  it("stays within 0–100 at the extremes and narrows with more cases", () => {
    const none = wilsonInterval(0, 3);
    expect(none?.low).toBeCloseTo(0, 12);
    expect(none?.high).toBeGreaterThan(50);
    const many = wilsonInterval(2400, 3000);
    expect((many?.high ?? 0) - (many?.low ?? 0)).toBeLessThan(3);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});
