import { describe, expect, it } from "vitest";
import { INDICATOR_NAMES } from "../../functions/src/domain/indicators/definitions.js";
import type { MonthSummaryEntry } from "../../functions/src/domain/indicators/month-summary.js";
import { networkIndicators } from "../../functions/src/domain/indicators/network-indicators.js";
import type { Month } from "../../functions/src/domain/period.js";
import {
  parseReportingPeriod,
  type ReportingPeriod,
} from "../../functions/src/domain/reporting-period.js";
import {
  buildReport,
  quartileOf,
  type ReportInputs,
  reportMonths,
  trendMonths,
} from "../../functions/src/reports/report-model.js";

const period = parseReportingPeriod("2025-03") as ReportingPeriod;
const entry = (
  parts: MonthSummaryEntry["parts"],
  firstSubmittedAt = "2025-04-05T10:00:00+02:00",
  areas: MonthSummaryEntry["areas"] = {},
): MonthSummaryEntry => ({ parts, areas, firstSubmittedAt, revision: 1 });

function inputs(): ReportInputs {
  const march = new Map<string, MonthSummaryEntry>([
    [
      "000001",
      entry({ filterRate: [80, 100], meanWaitMinutes: [1000, 100] }, undefined, {
        anagrafe: [80, 100],
      }),
    ],
    [
      "000002",
      // First sent on the due day itself, after midnight: late (due is the 10th, Rome).
      entry({ filterRate: [50, 100], meanWaitMinutes: [2000, 100] }, "2025-04-11T09:00:00+02:00", {
        anagrafe: [50, 100],
      }),
    ],
    ["000003", entry({ filterRate: [30, 100] })],
    ["000004", entry({ filterRate: [10, 40] })],
  ]);
  const february = new Map([["000001", entry({ filterRate: [60, 100] })]]);
  return {
    network: { id: "poli-net", name: "POLI-NET", dueDay: 10 },
    period,
    municipalities: [
      { istat: "000004", name: "Delta" },
      { istat: "000001", name: "Alfa", population: 1000 },
      { istat: "000002", name: "Beta", population: 2000 },
      { istat: "000003", name: "Gamma" },
    ],
    areaNames: { anagrafe: "Anagrafe" },
    summaries: new Map<Month, Map<string, MonthSummaryEntry>>([
      ["2025-03", march],
      ["2025-02", february],
    ]),
    warnings: [
      {
        istat: "000001",
        month: "2025-03",
        warnings: [
          {
            severity: "warning",
            code: "outlier",
            path: ["procedures", 1, "total"],
            message:
              "Riga 2 (ANA): 1.234 pratiche sono molto lontane dal solito per il comune (mediana degli ultimi 12 mesi: 120). Verificare il dato.",
          },
          {
            severity: "warning",
            code: "filter-rate-jump",
            path: ["procedures", 0, "desk"],
            message: "Riga 1 (CIE): la quota allo sportello passa da 40% a 80% (+40 punti).",
          },
        ],
      },
      // A municipality no longer in the network: its remarks stay out.
      { istat: "999999", month: "2025-03", warnings: [] },
      {
        istat: "000003",
        month: "2025-02",
        warnings: [
          {
            severity: "info",
            code: "no-service-metrics",
            path: ["service"],
            message: "Per febbraio 2025 non ci sono indicatori di servizio.",
          },
        ],
      },
    ],
  };
}

describe("the report model (worked by hand)", () => {
  const report = buildReport(inputs());
  const indicator = (name: string) => report.indicators.find((i) => i.indicator === name);

  it("holds every indicator of INDICATOR_NAMES, in that order", () => {
    expect(report.indicators.map((i) => i.indicator)).toEqual(INDICATOR_NAMES);
    expect(report.period).toEqual({
      key: "2025-03",
      kind: "month",
      first: "2025-03",
      last: "2025-03",
      previous: "2025-02",
      yearBefore: "2024-03",
    });
    expect(report.municipalities.map((m) => m.istat)).toEqual([
      "000001",
      "000002",
      "000003",
      "000004",
    ]);
  });

  it("gives values, ranks, quartiles and changes per municipality", () => {
    // Filter rates 80, 50, 30, 25: PERCENTILE.INC p25 = 25 + 0.75·5 = 28.75, median 40,
    // p75 = 50 + 0.25·30 = 57.5; higher is better, so 80 is in the best quarter.
    const filter = indicator("filterRate");
    expect(filter?.network.distribution).toEqual({
      n: 4,
      min: 25,
      p25: 28.75,
      median: 40,
      p75: 57.5,
      max: 80,
    });
    expect(filter?.network.pooled).toBe(50); // (80 + 50 + 30 + 10) / 340
    expect(filter?.network.mean).toBeCloseTo(46.25, 10);
    expect(
      filter?.municipalities.map((m) => [m.istat, m.name, m.value, m.rank, m.quartile]),
    ).toEqual([
      ["000001", "Alfa", 80, 1, 1],
      ["000002", "Beta", 50, 2, 2],
      ["000003", "Gamma", 30, 3, 3],
      ["000004", "Delta", 25, 4, 4],
    ]);
    // Alfa had 60 % in February; nobody had data in March 2024.
    expect(filter?.municipalities[0]?.change).toEqual({ previousPeriod: 20, yearBefore: null });
    expect(filter?.network.change.previousPeriod).toEqual({
      period: "2025-02",
      pooled: 60,
      delta: -10,
    });
    expect(filter?.municipalities[3]?.smallDenominator).toBe(false); // 40 cases
    expect(filter?.label).toBe("Pratiche gestite dallo sportello");
    expect(filter?.unit).toBe("percent");
  });

  it("reads lower-is-better indicators the other way round", () => {
    // Waits 10 and 20 minutes: p25 12.5, median 15, p75 17.5.
    const wait = indicator("meanWaitMinutes");
    expect(wait?.lowerIsBetter).toBe(true);
    expect(wait?.municipalities.map((m) => [m.value, m.rank, m.quartile])).toEqual([
      [10, 1, 1],
      [20, 2, 4],
      [null, null, null],
      [null, null, null],
    ]);
  });

  it("counts completeness and timeliness", () => {
    expect(report.completeness).toEqual({
      expected: 4,
      reporting: 4,
      rate: 100,
      onTime: 3,
      onTimeRate: 75,
    });
  });

  it("gives the filter rate per area under the area's name", () => {
    expect(report.areas.map((a) => [a.code, a.name, a.filterRate.network.pooled])).toEqual([
      ["anagrafe", "Anagrafe", 65], // (80 + 50) / 200
    ]);
  });

  it("draws the 24-month trend from the same summaries", () => {
    expect(report.trend).toHaveLength(24);
    expect(report.trend[0]?.month).toBe("2023-04");
    expect(report.trend.at(-1)).toMatchObject({
      month: "2025-03",
      completenessRate: 100,
      pooled: { filterRate: 50, meanWaitMinutes: 15 }, // (1000 + 2000) / 200
    });
    expect(report.trend.at(-2)).toMatchObject({
      month: "2025-02",
      completenessRate: 25,
      pooled: { filterRate: 60, satisfactionRate: null },
    });
    expect(report.trend[0]?.pooled.filterRate).toBeNull();
  });

  it("lists the data-quality notes without the municipality's counts", () => {
    expect(report.notes.map((n) => [n.month, n.istat, n.code, n.state])).toEqual([
      ["2025-02", "000003", "no-service-metrics", "open"],
      ["2025-03", "000001", "outlier", "open"],
      ["2025-03", "000001", "filter-rate-jump", "open"],
    ]);
    const outlier = report.notes[1];
    expect(outlier?.message).toMatch(/^Riga 2: /);
    expect(outlier?.message).not.toMatch(/\d{2,}/);
    expect(outlier?.field).toEqual(["procedures", 1, "total"]);
    expect(report.notes[2]?.message).toContain("da 40% a 80%");
  });

  it("holds no count, interval or pooled sum anywhere", () => {
    const keys: string[] = [];
    const walk = (value: unknown) => {
      if (!value || typeof value !== "object") return;
      for (const [key, inner] of Object.entries(value)) {
        keys.push(key);
        walk(inner);
      }
    };
    walk(JSON.parse(JSON.stringify(report)));
    expect(keys.filter((k) => ["numerator", "denominator", "interval"].includes(k))).toEqual([]);
    // The counts behind the figures (340 cases, 170 at the desk, 3,000 wait-minutes) appear nowhere.
    const text = JSON.stringify(report);
    for (const count of [340, 170, 3000, 1000, 2000]) expect(text).not.toContain(`:${count},`);
  });

  it("draws each trend point as networkIndicators would pool the month", () => {
    const data = inputs();
    for (const point of report.trend) {
      const month = parseReportingPeriod(point.month) as ReportingPeriod;
      const full = networkIndicators(month, data.municipalities, data.summaries, 10);
      for (const name of INDICATOR_NAMES)
        expect(point.pooled[name], `${point.month} ${name}`).toBe(full.indicators[name].pooled);
      expect(point.completenessRate).toBe(full.completeness.rate);
    }
  });

  it("says how many remarks of a month were not kept", () => {
    const data = inputs();
    data.warnings = [{ istat: "000002", month: "2025-03", warnings: [], omitted: 7 }];
    expect(buildReport(data).notes).toEqual([
      {
        istat: "000002",
        name: "Beta",
        month: "2025-03",
        code: "more-notes",
        severity: "info",
        field: [],
        message: "Altre 7 segnalazioni su questo mese non sono riportate.",
        state: "open",
      },
    ]);
  });

  it("is the same for the same data, whatever the roster order", () => {
    const shuffled = inputs();
    shuffled.municipalities = [...shuffled.municipalities].reverse();
    expect(JSON.stringify(buildReport(shuffled))).toBe(JSON.stringify(report));
  });
});

describe("report months and quartiles", () => {
  it("needs the period, its comparisons and 24 months of trend", () => {
    expect(trendMonths(period)).toHaveLength(24);
    const months = reportMonths(parseReportingPeriod("2025") as ReportingPeriod);
    // A year: 2025, the year before (also the previous period), and the trend within them.
    expect(months).toHaveLength(24);
    expect(months[0]).toBe("2024-01");
    expect(new Set(reportMonths(period).map((m) => m.slice(0, 4)))).toEqual(
      new Set(["2023", "2024", "2025"]),
    );
  });

  it("puts boundary values on the better side", () => {
    const d = { n: 5, min: 0, p25: 10, median: 20, p75: 30, max: 40 };
    expect([40, 30, 29, 20, 10, 9].map((v) => quartileOf(v, d, false))).toEqual([1, 1, 2, 2, 3, 4]);
    expect([0, 10, 11, 20, 30, 31].map((v) => quartileOf(v, d, true))).toEqual([1, 1, 2, 2, 3, 4]);
    expect(quartileOf(null, d, false)).toBeNull();
  });
});
