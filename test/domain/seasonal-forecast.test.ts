import { describe, expect, it } from "vitest";
import { mergeCalendars } from "../../functions/src/domain/calendar/effective-events.js";
import {
  type MonthForecast,
  seasonalForecast,
} from "../../functions/src/domain/forecast/seasonal-forecast.js";
import { unplannedPeaks } from "../../functions/src/domain/forecast/unplanned-peaks.js";
import { addMonths, type Month } from "../../functions/src/domain/period.js";

/** A series from January of `firstYear`, one value a month. */
function series(firstYear: number, values: number[]): Map<Month, number> {
  return new Map(values.map((v, i) => [addMonths(`${firstYear}-01` as Month, i), v]));
}
const year = (january: number, others: number) => [january, ...Array(11).fill(others)];

describe("seasonal forecast", () => {
  it("keeps a January peak and the ordinary months of two identical years", () => {
    // Each year: 500 in January, 100 after. Level of each year: 1600 / 12 = 133.33;
    // ratios 3.75 (January) and 0.75; no noise at all, so nothing is shrunk.
    const f = seasonalForecast(series(2023, [...year(500, 100), ...year(500, 100)]), "2025-01", 3);
    expect(f.map((m) => m.month)).toEqual(["2025-01", "2025-02", "2025-03"]);
    expect(f[0]?.expected).toBeCloseTo(500, 1);
    expect(f[1]?.expected).toBeCloseTo(100, 6);
    expect(f[0]?.usual).toBeCloseTo(1600 / 12, 6);
    expect(f.map((m) => m.peak)).toEqual([true, false, false]);
    expect(f[0]?.years).toBe(2);
    expect((f[0] as MonthForecast).low).toBeLessThan(500);
    expect((f[0] as MonthForecast).high).toBeGreaterThan(500);
  });

  it("scales the seasonality to the recent level of a desk that doubled", () => {
    // Year 1 at 100 (January 500), year 2 at 200 (January 1000): the ratio is 3.75 in both
    // years, and the recent level is 3200 / 12 = 266.67, so January 1000 and February 200.
    const f = seasonalForecast(series(2023, [...year(500, 100), ...year(1000, 200)]), "2025-01", 2);
    expect(f[0]?.expected).toBeCloseTo(1000, 1);
    expect(f[1]?.expected).toBeCloseTo(200, 6);
  });

  it("shrinks an ordinary month's one-off wobble towards the typical month", () => {
    // One year: January 500, March 110, April 90, the rest 100; level 1600 / 12 = 133.33.
    // Ratios 3.75, 0.825, 0.675 and 0.75 ×9: typical 0.75, MAD 0, so the noise is the 2 % floor.
    // March: d² = (0.075 / 0.75)² = 0.01, sampling 0.02² = 0.0004, weight 0.01 / 0.0104,
    // expected = 133.33 × (0.75 + 0.075 × 0.01 / 0.0104) = 100 + 10 × 0.961538 = 109.6154.
    const values = [500, 100, 110, 90, 100, 100, 100, 100, 100, 100, 100, 100];
    const f = seasonalForecast(series(2024, values), "2025-01", 4);
    expect(f[2]?.expected).toBeCloseTo(109.6154, 3);
    expect(f[3]?.expected).toBeCloseTo(90.3846, 3);
  });

  it("gives nothing without half a year of recent history", () => {
    expect(seasonalForecast(series(2024, [100, 100, 100, 100, 100]), "2025-01", 3)).toEqual([]);
  });
});

describe("unplanned peaks", () => {
  const forecasts = [
    {
      area: "servizi-educativi",
      months: seasonalForecast(series(2023, [...year(500, 100), ...year(500, 100)]), "2025-01", 2),
    },
    {
      area: "tributi",
      months: seasonalForecast(series(2023, [...year(400, 100), ...year(400, 100)]), "2025-01", 2),
    },
  ];

  it("lists forecast peaks no event of their area covers in that month", () => {
    const events = mergeCalendars(
      [
        // A window from 20 December 2024 into January covers the January peak of its area.
        {
          id: "iscrizioni",
          title: "Iscrizioni",
          kind: "window",
          area: "servizi-educativi",
          start: "2024-12-20",
          end: "2025-01-05",
        },
      ],
      // A tributi deadline in February, and an event of no area in January: neither plans it.
      [
        { id: "t", title: "T", kind: "deadline", area: "tributi", date: "2025-02-03" },
        { id: "x", title: "X", kind: "deadline", date: "2025-01-15" },
      ],
    );
    expect(unplannedPeaks(forecasts, events)).toEqual([
      { area: "tributi", month: "2025-01", expected: expect.closeTo(400, 1), usual: 1500 / 12 },
    ]);
  });
});
