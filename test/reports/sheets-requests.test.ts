import type { sheets_v4 } from "@googleapis/sheets";
import { describe, expect, it } from "vitest";
import type { ReportIndicator, ReportModel } from "../../functions/src/reports/report-model.js";
import { reportTabRequests } from "../../functions/src/reports/sheets-requests.js";

/** A hand-made report: two indicators, `n` municipalities with values 10, 20, 30… */
function model(n: number): ReportModel {
  const municipalities = Array.from({ length: n }, (_, i) => ({
    istat: String(100_001 + i),
    name: `Comune ${i + 1}`,
  }));
  const indicator = (key: string, label: string, median: number): ReportIndicator => ({
    indicator: key,
    label,
    unit: "percent",
    lowerIsBetter: false,
    network: {
      pooled: 55.5,
      mean: 50,
      distribution: { n, min: 10, p25: 20, median, p75: 40, max: 10 * n },
      change: {
        previousPeriod: { period: "2024-H2", pooled: 50, delta: 5.5 },
        yearBefore: { period: "2024-H1", pooled: null, delta: null },
      },
    },
    municipalities: municipalities.map((m, i) => ({
      ...m,
      value: i === 0 ? null : 10 * (i + 1),
      rank: i === 0 ? null : n - i,
      quartile: i === 0 ? null : (((i % 4) + 1) as 1 | 2 | 3 | 4),
      change: { previousPeriod: 1.5, yearBefore: null },
    })),
  });
  return {
    schema: 1,
    network: { id: "poli-net", name: "POLI-NET" },
    period: {
      key: "2025-H1",
      kind: "semester",
      first: "2025-01",
      last: "2025-06",
      previous: "2024-H2",
      yearBefore: "2024-H1",
    },
    completeness: { expected: 6 * n, reporting: 3, rate: 25, onTime: 3, onTimeRate: 100 },
    municipalities,
    indicators: [
      indicator("filterRate", "Pratiche gestite dallo sportello", 30),
      indicator("satisfactionRate", "Utenti soddisfatti", 25),
    ],
    areas: [],
    trend: [],
    notes: [],
  } as ReportModel;
}

const meta = { version: 2, publishedAt: "2025-07-10T08:00:00.000Z" };
const kinds = (requests: sheets_v4.Schema$Request[]) => requests.map((r) => Object.keys(r)[0]);
const cellText = (cell: sheets_v4.Schema$CellData | undefined) =>
  cell?.userEnteredValue?.stringValue ?? cell?.userEnteredValue?.numberValue ?? null;

describe("the Google Sheets tab of a report", () => {
  it("adds the period's tab with tables, quartile colours and a native chart per indicator", () => {
    const plan = reportTabRequests(model(4), meta, [{ sheetId: 0, title: "Foglio1", index: 0 }]);
    expect(plan.title).toBe("Report 2025-H1");
    expect(plan.sheetId).toBe(1);
    expect(plan.charts).toBe(2);
    const add = plan.requests[0]?.addSheet?.properties;
    expect(add).toMatchObject({ sheetId: 1, title: "Report 2025-H1" });
    expect(add?.gridProperties?.rowCount).toBe(plan.rows + 1);

    const rows = plan.requests.find((r) => r.updateCells)?.updateCells?.rows ?? [];
    const texts = rows.map((r) => (r.values ?? []).map(cellText));
    expect(texts[0]).toEqual(["Report della rete POLI-NET: 1° semestre 2025"]);
    // Summary row of the filter rate: pooled 55,5, min 10, median 30, max 40, +5,5 points.
    expect(texts).toContainEqual(["Pratiche gestite dallo sportello", "%", 55.5, 10, 30, 40, 5.5]);
    // The filter rate block: a header, then one row per municipality with the median beside.
    const header = texts.findIndex((t) => t[0] === "Comune" && t[1] === "Valore (%)");
    expect(texts[header + 1]).toEqual(["Comune 1", "n.d.", 30, "n.d.", "n.d.", 1.5, "n.d."]);
    expect(texts[header + 2]).toEqual(["Comune 2", 20, 30, 3, 2, 1.5, "n.d."]);

    // Quartile colours: one conditional rule per quartile over both indicators' quartile columns.
    const rules = plan.requests.filter((r) => r.addConditionalFormatRule);
    expect(rules).toHaveLength(4);
    const first = rules[0]?.addConditionalFormatRule?.rule;
    expect(first?.booleanRule?.condition).toEqual({
      type: "NUMBER_EQ",
      values: [{ userEnteredValue: "1" }],
    });
    expect(first?.ranges).toHaveLength(2);
    expect(first?.ranges?.[0]).toEqual({
      sheetId: 1,
      startRowIndex: header + 1,
      endRowIndex: header + 5,
      startColumnIndex: 4,
      endColumnIndex: 5,
    });

    // The charts: columns of the municipalities' values, the median as a line, same rows.
    const charts = plan.requests.filter((r) => r.addChart).map((r) => r.addChart?.chart);
    expect(charts.map((c) => c?.spec?.title)).toEqual([
      "Pratiche gestite dallo sportello, 1° semestre 2025",
      "Utenti soddisfatti, 1° semestre 2025",
    ]);
    const basic = charts[0]?.spec?.basicChart;
    expect(basic?.chartType).toBe("COMBO");
    expect(basic?.series?.map((s) => s.type)).toEqual(["COLUMN", "LINE"]);
    const range = { sheetId: 1, startRowIndex: header, endRowIndex: header + 5 };
    expect(basic?.domains?.[0]?.domain?.sourceRange?.sources).toEqual([
      { ...range, startColumnIndex: 0, endColumnIndex: 1 },
    ]);
    expect(basic?.series?.[1]?.series?.sourceRange?.sources).toEqual([
      { ...range, startColumnIndex: 2, endColumnIndex: 3 },
    ]);
    expect(basic?.axis?.map((a) => a.title)).toEqual([
      "Comune",
      "Pratiche gestite dallo sportello (%)",
    ]);
    // The second chart is anchored below the first one's space: they never overlap.
    const anchors = charts.map((c) => c?.position?.overlayPosition?.anchorCell?.rowIndex ?? 0);
    expect((anchors[1] ?? 0) - (anchors[0] ?? 0)).toBeGreaterThanOrEqual(18);
  });

  it("replaces an existing tab of the period in the same batch, at its place", () => {
    const plan = reportTabRequests(model(4), meta, [
      { sheetId: 0, title: "Foglio1", index: 0 },
      { sheetId: 7, title: "Report 2025-H1", index: 1 },
    ]);
    expect(plan.sheetId).toBe(8);
    expect(kinds(plan.requests).slice(0, 4)).toEqual([
      "updateSheetProperties",
      "addSheet",
      "deleteSheet",
      "updateCells",
    ]);
    expect(plan.requests[0]?.updateSheetProperties?.properties).toEqual({
      sheetId: 7,
      title: "Report 2025-H1 (sostituito 8)",
    });
    expect(plan.requests[1]?.addSheet?.properties).toMatchObject({ sheetId: 8, index: 1 });
    expect(plan.requests[2]?.deleteSheet).toEqual({ sheetId: 7 });
  });

  it("sends the same number of requests for 4 and for 1,000 municipalities", () => {
    const small = reportTabRequests(model(4), meta, []);
    const large = reportTabRequests(model(1000), meta, []);
    expect(kinds(large.requests)).toEqual(kinds(small.requests));
    expect(large.rows).toBeGreaterThan(2000);
  });
});
