/**
 * *Giustifica segnalazione* from the selected cell's note and the *Da fare* sidebar, against the
 * real local stack: the warning's id travels in the note, the justification is stored on the
 * server, the cell turns green; the to-do is rendered in Italian with everything escaped.
 */
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, italianMonth, monthOf } from "../../functions/src/domain/period.js";
import {
  type AddonFixture,
  configure,
  looksHuman,
  startAddonFixture,
} from "./harness/addon-fixture.js";
import type { AddonUser } from "./harness/addon-harness.js";
import type { FakeSheet } from "./harness/fake-sheet.js";
import {
  cellState,
  monthColumns,
  proceduresSheet,
  typeFigures,
  typeProcedures,
} from "./harness/sheet-entry.js";

const YELLOW = "#fff2cc";
const GREEN = "#d9ead3";
const lastMonth = addMonths(monthOf(new Date()), -1);
const monthBefore = addMonths(lastMonth, -1);
const today = DateTime.now().setZone("Europe/Rome").startOf("day");
const italian = (iso: string) => iso.split("-").reverse().join("/");

let fixture: AddonFixture;
let staff: AddonUser;
let token: string;
let sheet: FakeSheet;
let deskCell: { row: number; column: number };

beforeAll(async () => {
  fixture = await startAddonFixture();
  staff = await fixture.user(fixture.stack.rhoStaff);
  token = await fixture.stack.token(fixture.stack.rhoStaff);
  configure(staff, fixture.apiUrl);
  // The month before: TRI-01 had 10 of 40 cases at the desk (25 %).
  const before = await fixture.stack.call(
    "PUT",
    `/v1/municipalities/015182/months/${monthBefore}`,
    {
      token,
      body: {
        procedures: [{ code: "TRI-01", name: "TARI", area: "tributi", total: 40, desk: 10 }],
      },
    },
  );
  expect(before.status).toBe(200);
  staff.ui.promptAnswers.push({ text: lastMonth.slice(0, 4) });
  staff.run("setUpSheet");
  sheet = staff.document.sheet(proceduresSheet(lastMonth));
  typeProcedures(sheet, [["TRI-01", "TARI", "Tributi"]]);
  // 34 of 35 (97 %): a jump of 72 points, a warning on the desk cell.
  typeFigures(sheet, lastMonth, [[35, 34]]);
  const sent = staff.run("submitData");
  expect(sent.errors).toEqual([]);
  deskCell = { row: 4, column: monthColumns(sheet, lastMonth).desk };
});
afterAll(async () => {
  await fixture?.stop();
});

const select = (cell: { row: number; column: number }) => {
  staff.document.book.currentCell = { sheet, ...cell };
};
const justified = async () =>
  fixture.stack.call("GET", `/v1/warnings?year=${lastMonth.slice(0, 4)}&state=justified`, {
    token,
  });

describe("Giustifica segnalazione", () => {
  it("names the warning in the cell's note", () => {
    const cell = cellState(sheet, deskCell.row, deskCell.column);
    expect(cell.background).toBe(YELLOW);
    expect(cell.note).toMatch(
      new RegExp(
        `^POLI-NET – avviso: Riga 4 \\(TRI-01\\).*\\[segnalazione ${lastMonth}/[0-9a-f]{12}\\]$`,
      ),
    );
  });

  it("does nothing on Cancel, and refuses an empty text in Italian without calling the server", () => {
    select(deskCell);
    staff.ui.promptAnswers.push({ button: "CANCEL", text: "ignored" });
    const cancelled = staff.run("justifyWarning");
    expect(cancelled.requests).toEqual([]);
    expect(cancelled.alerts).toEqual([]);
    staff.ui.promptAnswers.push({ text: "   " });
    const empty = staff.run("justifyWarning");
    expect(empty.requests).toEqual([]);
    expect(empty.alerts[0]?.message).toBe(
      "La giustificazione è vuota: scrivere perché il dato è corretto.",
    );
    expect(cellState(sheet, deskCell.row, deskCell.column).background).toBe(YELLOW);
  });

  it("sends the justification, and the cell turns green with the text in its note", async () => {
    const id = /\[segnalazione \d{4}-\d{2}\/([0-9a-f]{12})\]/.exec(
      cellState(sheet, deskCell.row, deskCell.column).note,
    )?.[1];
    select(deskCell);
    staff.ui.promptAnswers.push({ text: "Campagna TARI: quasi tutti sono venuti allo sportello." });
    const report = staff.run("justifyWarning");
    expect(report.errors).toEqual([]);
    expect(staff.ui.prompts.at(-1)).toContain(
      "Segnalazione: Riga 4 (TRI-01): la quota allo sportello",
    );
    expect(report.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      `PUT /v1/municipalities/015182/months/${lastMonth}/warnings/${id}`,
    ]);
    expect(report.callsByMethod["Range.getValues"]).toBeUndefined();
    const cell = cellState(sheet, deskCell.row, deskCell.column);
    expect(cell.background).toBe(GREEN);
    expect(cell.note).toMatch(/^POLI-NET – giustificato: Riga 4 \(TRI-01\)/);
    expect(cell.note).toContain(
      "Giustificazione: Campagna TARI: quasi tutti sono venuti allo sportello.",
    );
    const stored = await justified();
    expect(stored.body.warnings.map((w: { id: string }) => w.id)).toEqual([id]);
    expect(stored.body.warnings[0].justifiedBy).toBe("staff@rho.test");

    // Nothing left to justify on that cell; a send that changes nothing keeps it green.
    const again = staff.run("justifyWarning");
    expect(again.requests).toEqual([]);
    expect(again.alerts[0]?.message).toContain("non ha segnalazioni da giustificare");
    expect(again.alerts[0]?.message).toSatisfy(looksHuman);
    staff.run("submitData");
    expect(cellState(sheet, deskCell.row, deskCell.column).background).toBe(GREEN);
  });

  it("stays justified when the month is sent again and the server makes the same remark", () => {
    const before = cellState(sheet, deskCell.row, deskCell.column).note;
    // Another figure of the month changes: the month goes again, TRI-01's jump is still there.
    typeProcedures(sheet, [
      ["TRI-01", "TARI", "Tributi"],
      ["ANA-01", "Carta d'identità", "Anagrafe"],
    ]);
    typeFigures(sheet, lastMonth, [
      [35, 34],
      [20, 5],
    ]);
    const report = staff.run("submitData");
    expect(report.requests.filter((r) => r.method === "PUT")).toHaveLength(1);
    const cell = cellState(sheet, deskCell.row, deskCell.column);
    expect(cell.note).toBe(before);
    expect(cell.background).toBe(GREEN);
  });

  it("says so when the selected cell has no warning", () => {
    select({ row: 4, column: 1 });
    const report = staff.run("justifyWarning");
    expect(report.requests).toEqual([]);
    expect(report.alerts[0]?.message).toContain("non ha segnalazioni da giustificare");
  });
});

describe("Da fare", () => {
  it("shows staff their to-do in Italian, everything escaped", async () => {
    const start = today.plus({ days: 5 });
    const calendar = await fixture.stack.call(
      "PUT",
      `/v1/municipalities/015182/calendar/${start.year}`,
      {
        token,
        body: {
          events: [
            {
              id: "EV-1",
              title: `<b>Bando</b> & "centri estivi"`,
              kind: "deadline",
              date: start.toISODate(),
            },
          ],
        },
      },
    );
    expect(calendar.status).toBe(200);
    const reviewed = today.minus({ years: 2 });
    const card = await fixture.stack.call("PUT", "/v1/municipalities/015182/cards/TRI-01", {
      token,
      body: {
        title: "TARI",
        office: "Tributi",
        referent: "A. Bianchi",
        lastReviewed: reviewed.toISODate(),
        reviewEveryMonths: 12,
      },
    });
    expect(card.status).toBe(200);
    const report = staff.run("showTodo");
    expect(report.errors).toEqual([]);
    expect(report.requests.map((r) => new URL(r.url).pathname)).toEqual(["/v1/me/todo"]);
    const html = staff.ui.sidebars.at(-1)?.getContent() ?? "";
    expect(staff.ui.sidebars.at(-1)?.getTitle()).toBe("POLI-NET – Da fare");
    expect(html).toContain(
      `TRI-01: revisione scaduta il ${italian(reviewed.plus({ months: 12 }).toISODate() as string)}`,
    );
    expect(html).toContain("&lt;b&gt;Bando&lt;/b&gt; &amp; &quot;centri estivi&quot; (comune)");
    expect(html).not.toContain("<b>Bando");
    expect(html).toContain("Picchi dei prossimi 60 giorni senza misure organizzative");
    // The information about the missing service figures is still open; the justified one is not.
    expect(html).toContain(
      `${italianMonth(lastMonth)}: Per ${italianMonth(lastMonth)} non ci sono indicatori di servizio`,
    );
    expect(html).not.toContain("la quota allo sportello passa");
  });

  it("shows a coordinator each municipality", async () => {
    const coordinator = await fixture.user(fixture.stack.coordinator);
    configure(coordinator, fixture.apiUrl, "015182");
    const report = coordinator.run("showTodo");
    expect(report.errors).toEqual([]);
    const html = coordinator.ui.sidebars.at(-1)?.getContent() ?? "";
    const todo = await fixture.stack.call("GET", "/v1/me/todo", {
      token: await fixture.stack.token(fixture.stack.coordinator),
    });
    for (const m of todo.body.municipalities as {
      name: string;
      municipality: string;
      count: number;
    }[])
      if (m.count > 0) expect(html).toContain(`<h2>${m.name} (${m.municipality}): `);
    expect(html).toContain("<h2>Rho (015182): ");
  });
});
