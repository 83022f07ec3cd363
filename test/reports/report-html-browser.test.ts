/// <reference lib="dom" />
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStores } from "../../functions/src/store/stores.js";
import { seedSmallNetwork, startTestStack, type TestStack } from "../support/test-stack.js";

/**
 * The HTML report in a real browser: Debian's chromium driven by playwright-core. The page is
 * loaded from the local stack with a staff member's token, as a member's browser would load it
 * (headers, Content-Security-Policy and all). Skipped, saying so, where chromium is not installed.
 */
const CHROMIUM = "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.log(
    `${CHROMIUM} is not installed: the HTML report's browser tests are skipped (apt-get install chromium).`,
  );
}
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

let stack: TestStack;
let coordinator: string;
let staff: string;
/** Has no month at all: its rows must read "n.d.", and its name must show as written. */
const ODD_NAME = "Sant'Angelo <Lodigiano> & C.";

const row = (code: string, total: number, desk: number) => ({
  code,
  name: code,
  area: "anagrafe",
  total,
  desk,
});

beforeAll(async () => {
  stack = await startTestStack();
  const seeded = await seedSmallNetwork(stack);
  await createStores(stack.db).networks.putMunicipality(stack.network, "098001", {
    name: ODD_NAME,
    province: "LO",
    population: 13_000,
  });
  coordinator = await stack.token(stack.coordinator);
  staff = await stack.token(seeded.esteStaff);
  for (const [istat, month, body] of [
    [
      seeded.rho,
      "2025-01",
      {
        procedures: [row("ANA", 100, 80)],
        service: { visits: 1000, meanWaitMinutes: 12.5, surveyResponses: 10, surveySatisfied: 9 },
      },
    ],
    [seeded.rho, "2025-02", { procedures: [row("ANA", 200, 100)] }],
    [seeded.este, "2025-01", { procedures: [row("A1", 40, 40)] }],
  ] as const) {
    const res = await stack.call("PUT", `/v1/municipalities/${istat}/months/${month}`, {
      token: coordinator,
      body,
    });
    expect(res.status, res.text).toBe(200);
  }
  const published = await stack.call("POST", "/v1/reports", {
    token: coordinator,
    body: { period: "2025-H1" },
  });
  expect(published.status, published.text).toBe(200);
});
afterAll(async () => stack?.stop());

describe("GET /v1/reports/{period}/versions/{n}.html over HTTP", () => {
  it("serves members an Italian HTML page with a policy that allows no script", async () => {
    const res = await fetch(`${stack.url}/v1/reports/2025-H1/versions/1.html`, {
      headers: { authorization: `Bearer ${staff}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toMatch(/^<!DOCTYPE html><html lang="it">/);
    expect(html).not.toContain("<script");
    expect(html).toContain("Sant&#39;Angelo &lt;Lodigiano&gt; &amp; C.");
  });

  it("refuses without a token, an unknown version and a version that is not a number", async () => {
    const none = await stack.call("GET", "/v1/reports/2025-H1/versions/1.html");
    expect(none.status).toBe(401);
    const unknown = await stack.call("GET", "/v1/reports/2025-H1/versions/7.html", {
      token: staff,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    const bad = await stack.call("GET", "/v1/reports/2025-H1/versions/x.html", { token: staff });
    expect(bad.status).toBe(400);
    const period = await stack.call("GET", "/v1/reports/2025-H7/versions/1.html", {
      token: staff,
    });
    expect(period.status).toBe(400);
    // The JSON route still answers "1" alone.
    const json = await stack.call("GET", "/v1/reports/2025-H1/versions/1", { token: staff });
    expect(json.status).toBe(200);
  });
});

/** "1.234,5" → 1234.5; "n.d." → null. */
function italian(text: string): number | null {
  const t = text.trim();
  if (t === "n.d.") return null;
  return Number(t.replaceAll(".", "").replace(",", ".").replace("−", "-"));
}
const oneDecimal = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

describe.skipIf(!haveChromium)("the HTML report in chromium", () => {
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  // biome-ignore lint/suspicious/noExplicitAny: the JSON model as the API answers it
  let model: any;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--no-first-run",
      ],
    });
    const context = await browser.newContext({
      extraHTTPHeaders: { authorization: `Bearer ${staff}` },
    });
    page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    const response = await page.goto(`${stack.url}/v1/reports/2025-H1/versions/1.html`);
    expect(response?.status()).toBe(200);
    model = (await stack.call("GET", "/v1/reports/2025-H1/versions/1", { token: staff })).body
      .report;
  });
  afterAll(async () => browser?.close());

  it("renders with no console error", async () => {
    await expect(page.title()).resolves.toBe("Report POLI-NET, 1° semestre 2025 (versione 1)");
    expect(problems).toEqual([]);
  });

  it("has a labelled chart per indicator and the trend", async () => {
    const charts = page.locator('svg[role="img"]');
    // Seven indicators of DESIGN §7, peaksPlannedAhead of §11 and cardsCurrent of §12, plus the
    // monthly trend.
    await expect(charts.count()).resolves.toBe(10);
    for (const chart of await charts.all()) {
      const name = await chart.evaluate(
        (svg) => document.getElementById(svg.getAttribute("aria-labelledby") ?? "")?.textContent,
      );
      const description = await chart.evaluate(
        (svg) => document.getElementById(svg.getAttribute("aria-describedby") ?? "")?.textContent,
      );
      expect(name).toBeTruthy();
      expect(description?.length).toBeGreaterThan(20);
      // Axis titles are drawn: every chart says what its axes are.
      await expect(chart.locator("text").allTextContents()).resolves.not.toHaveLength(0);
    }
    const filter = page.getByRole("img", {
      name: "Pratiche gestite dallo sportello, 1° semestre 2025",
    });
    await expect(filter.count()).resolves.toBe(1);
    const texts = await filter.locator("text").allTextContents();
    expect(texts).toContain("Pratiche gestite dallo sportello (%)");
    expect(texts).toContain("Comune");
    // Rho 180/300 = 60 %, Este 40/40 = 100 %: median 80, said in the description.
    await expect(filter.locator("desc").textContent()).resolves.toContain(
      "mediana della rete, 80,0 %",
    );
    await expect(
      page.getByRole("img", { name: /^Andamento mensile della rete/ }).count(),
    ).resolves.toBe(1);
  });

  it("shows the figures worked by hand, in Italian", async () => {
    const cells = async (table: string, name: string) =>
      page
        .locator(`table[data-table="${table}"] tbody tr`)
        .filter({ has: page.locator("th", { hasText: name }) })
        .locator("td")
        .allTextContents();
    // Filter rate: Rho (80 + 100) / 300 = 60,0 rank 2; Este 40/40 = 100,0 rank 1.
    expect((await cells("indicator:filterRate", "Rho")).slice(0, 2)).toEqual(["60,0", "2"]);
    expect((await cells("indicator:filterRate", "Este")).slice(0, 2)).toEqual(["100,0", "1"]);
    expect((await cells("indicator:filterRate", "Sant'Angelo")).slice(0, 2)).toEqual([
      "n.d.",
      "n.d.",
    ]);
    // The network: 220 / 340 = 64,7 %; median of 60 and 100 = 80,0.
    const summary = await cells("summary", "Pratiche gestite dallo sportello");
    expect(summary.slice(1, 6)).toEqual(["64,7", "80,0", "60,0", "80,0", "100,0"]);
    // Rho's satisfaction 9/10 = 90,0 and wait 12,5 minutes.
    expect((await cells("indicator:satisfactionRate", "Rho"))[0]).toBe("90,0");
    expect((await cells("indicator:meanWaitMinutes", "Rho"))[0]).toBe("12,5");
    // Completeness: 3 municipalities × 6 months = 18 expected, 3 sent: 16,7 %.
    expect(await cells("completeness", "Mesi attesi")).toEqual(["18"]);
    expect(await cells("completeness", "Mesi inviati sul totale atteso")).toEqual(["16,7"]);
  });

  it("shows every municipality's value and rank as the JSON model has them", async () => {
    let compared = 0;
    for (const indicator of model.indicators) {
      const rows = await page.evaluate((name) => {
        const trs = document.querySelectorAll(`table[data-table="indicator:${name}"] tbody tr`);
        return [...trs].map((tr) => ({
          name: tr.querySelector("th")?.textContent ?? "",
          cells: [...tr.querySelectorAll("td")].map((td) => td.textContent ?? ""),
          exact: tr.querySelector("td data")?.getAttribute("value") ?? null,
        }));
      }, indicator.indicator);
      expect(rows).toHaveLength(indicator.municipalities.length);
      for (const [i, m] of indicator.municipalities.entries()) {
        const row = rows[i]!;
        expect(row.name).toContain(m.name);
        const [value, rank, , previous, yearBefore] = row.cells;
        expect(italian(value ?? "")).toBe(oneDecimal(m.value));
        expect(italian(rank ?? "")).toBe(m.rank);
        expect(italian(previous ?? "")).toBe(oneDecimal(m.change.previousPeriod));
        expect(italian(yearBefore ?? "")).toBe(oneDecimal(m.change.yearBefore));
        expect(row.exact === null ? null : Number(row.exact)).toBe(m.value);
        compared += 1;
      }
    }
    // 9 indicators (with cardsCurrent) × 3 municipalities.
    expect(compared).toBe(27);
  });

  it("has no serious or critical accessibility violation (axe-core)", async () => {
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page above
      const result = await (window as any).axe.run(document, { resultTypes: ["violations"] });
      return result.violations.map(
        (v: {
          id: string;
          impact: string;
          nodes: { target: string[]; failureSummary: string }[];
        }) => ({
          id: v.id,
          impact: v.impact,
          nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary}`),
        }),
      );
    });
    const grave = violations.filter(
      (v: { impact: string }) => v.impact === "serious" || v.impact === "critical",
    );
    expect(grave).toEqual([]);
  });

  it("prints on A4, one page per section", async () => {
    const pdf = await page.pdf({ format: "A4" });
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-z])/g) ?? [];
    // Summary, 9 indicators, areas, trend and notes each start a page and fit in it: 13 pages.
    expect(pages).toHaveLength(13);
    await expect(page.locator("main > section").count()).resolves.toBe(13);
  });
});
