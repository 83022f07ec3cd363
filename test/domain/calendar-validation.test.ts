import { describe, expect, it } from "vitest";
import {
  type CalendarValidationContext,
  validateCalendarBody,
} from "../../functions/src/domain/calendar/calendar-validation.js";

const local = {
  year: 2026,
  areas: new Set(["anagrafe", "tributi"]),
  procedures: new Set(["ANA-01", "TRI-01"]),
};
const network = { ...local, procedures: null };
const deadline = { id: "imu-1", title: "IMU acconto", kind: "deadline", date: "2026-06-16" };
const window = {
  id: "cie",
  title: "Carte d'identità estate",
  kind: "window",
  start: "2026-06-01",
  end: "2026-07-31",
};

function issuesOf(events: unknown[], context: CalendarValidationContext = local) {
  const result = validateCalendarBody({ events }, context);
  return result.ok ? [] : result.issues;
}

describe("calendar validation", () => {
  it("accepts a deadline, a window running into January, every optional field and line breaks", () => {
    const full = {
      ...window,
      id: "iscrizioni",
      end: "2027-01-31",
      area: "anagrafe",
      procedures: ["ANA-01"],
      expectedUsers: 0,
      measures: ["Due operatori in più\nil sabato mattina"],
      liaison: "Ufficio scuola, tel. 02 000000",
      notes: "Apertura straordinaria.",
    };
    expect(validateCalendarBody({ events: [deadline, full], baseRevision: 3 }, local).ok).toBe(
      true,
    );
    expect(validateCalendarBody({ events: [] }, network).ok).toBe(true);
  });

  it.each([
    ["an impossible date", { ...deadline, date: "2026-02-30" }, "date", /2026-02-30 non esiste/],
    ["a date not in YYYY-MM-DD", { ...deadline, date: "16/06/2026" }, "date", /AAAA-MM-GG/],
    ["an end before the start", { ...window, end: "2026-05-31" }, "end", /precede/],
    ["a deadline with a start", { ...deadline, start: "2026-06-01" }, "start", /solo la data/],
    ["a deadline with an end", { ...deadline, end: "2026-06-30" }, "end", /solo la data/],
    ["a deadline without a date", { ...deadline, date: undefined }, "date", /richiede la data/],
    ["a window without an end", { ...window, end: undefined }, "end", /data di fine/],
    ["a window with a date", { ...window, date: "2026-06-01" }, "date", /non una data sola/],
    ["a deadline of another year", { ...deadline, date: "2025-12-16" }, "date", /non è nel 2026/],
    [
      "a window starting in another year",
      { ...window, start: "2025-12-01" },
      "start",
      /non nel 2026/,
    ],
    ["a window ending two years on", { ...window, end: "2028-01-01" }, "end", /anno successivo/],
    ["an unknown area", { ...deadline, area: "sport" }, "area", /"sport" non esiste/],
    [
      "an unknown procedure",
      { ...deadline, procedures: ["ANA-01", "XX-9"] },
      "procedures",
      /"XX-9" non compare/,
    ],
    ["negative expected users", { ...deadline, expectedUsers: -1 }, "expectedUsers", /negativo/],
    ["fractional expected users", { ...deadline, expectedUsers: 2.5 }, "expectedUsers", /intero/],
    ["expected users as text", { ...deadline, expectedUsers: "300" }, "expectedUsers", /intero/],
    ["notes over 2,000 characters", { ...deadline, notes: "x".repeat(2001) }, "notes", /2000/],
    ["a blank title", { ...deadline, title: "  " }, "title", /mancante/],
    ["an unknown kind", { ...deadline, kind: "peak" }, "kind", /deadline/],
    [
      "an invisible character",
      { ...deadline, liaison: "Ufficio\u200Btributi" },
      "liaison",
      /U\+200B/,
    ],
  ])("refuses %s at the row and field", (_name, event, field, message) => {
    const issues = issuesOf([deadline, { ...event, id: "bad" }].slice(1));
    expect(issues.map((i) => i.path)).toContainEqual(["events", 0, field]);
    const issue = issues.find((i) => i.path[2] === field);
    expect(issue?.message).toMatch(/^Evento alla riga 1 \(bad\): /);
    expect(issue?.message).toMatch(message);
  });

  it("refuses a duplicate id on the later row, naming the first", () => {
    const issues = issuesOf([
      deadline,
      window,
      { ...window, start: "2026-09-01", end: "2026-09-30", id: "imu-1" },
    ]);
    expect(issues).toEqual([
      {
        path: ["events", 2, "id"],
        message:
          'Evento alla riga 3 (imu-1): l\'identificativo "imu-1" è già usato alla riga 1; ogni evento ne ha uno suo.',
      },
    ]);
  });

  it("refuses procedures in network events, whose codes differ in every municipality", () => {
    expect(issuesOf([{ ...deadline, procedures: ["ANA-01"] }], network)).toMatchObject([
      { path: ["events", 0, "procedures"] },
    ]);
  });

  it("refuses more than 500 events and unknown fields", () => {
    const many = Array.from({ length: 501 }, (_, i) => ({ ...deadline, id: `e${i}` }));
    const result = validateCalendarBody({ events: many }, local);
    expect(result).toMatchObject({ ok: false, issues: [{ path: ["events"] }] });
    if (!result.ok) expect(result.issues[0]?.message).toMatch(/Troppi eventi: 501, al massimo 500/);
    const ok = validateCalendarBody({ events: many.slice(0, 500) }, local);
    expect(ok.ok).toBe(true);
    expect(issuesOf([{ ...deadline, colour: "red" }]).map((i) => i.path)).toEqual([["events", 0]]);
  });
});
