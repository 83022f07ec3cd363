import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSmallNetwork, startTestStack, type TestStack } from "../support/test-stack.js";

// The API's clock: Thursday 5 March 2026, 11:00 in Rome.
const NOW = new Date("2026-03-05T10:00:00Z");
let stack: TestStack;
let rho: string;
let este: string;
let rhoToken: string;
let esteToken: string;
let coordinator: string;

const rows = [{ code: "ANA-01", name: "CIE", area: "anagrafe", total: 100, desk: 80 }];
const card = (code: string, lastReviewed: string) => ({
  title: code,
  office: "Anagrafe",
  referent: "Maria Rossi",
  lastReviewed,
  reviewEveryMonths: 12,
});

beforeAll(async () => {
  stack = await startTestStack({ clock: () => NOW });
  const seeded = await seedSmallNetwork(stack);
  ({ rho, este } = seeded);
  rhoToken = await stack.token(seeded.rhoStaff);
  esteToken = await stack.token(seeded.esteStaff);
  coordinator = await stack.token(stack.coordinator);
  const call = async (method: string, path: string, token: string, body: unknown) => {
    const res = await stack.call(method, path, { token, body });
    expect(res.status, `${path}: ${res.text}`).toBe(200);
    return res.body;
  };
  // Rho began in November 2025 (locked by now: the coordinator sends it), skipped December,
  // sent January without service figures and has not sent February yet.
  await call("PUT", `/v1/municipalities/${rho}/months/2025-11`, coordinator, {
    procedures: [...rows, { code: "TRI-01", name: "TARI", area: "tributi", total: 5, desk: 1 }],
    service: { visits: 900 },
  });
  const january = await call("PUT", `/v1/municipalities/${rho}/months/2026-01`, rhoToken, {
    procedures: rows,
  });
  expect(january.warnings.map((w: { code: string }) => w.code)).toEqual(["no-service-metrics"]);
  // ANA-01: next review 1 April 2026, due from 2 March. TRI-01: stale since 1 January.
  await call(
    "PUT",
    `/v1/municipalities/${rho}/cards/ANA-01`,
    rhoToken,
    card("ANA-01", "2025-04-01"),
  );
  await call(
    "PUT",
    `/v1/municipalities/${rho}/cards/TRI-01`,
    rhoToken,
    card("TRI-01", "2025-01-01"),
  );
  // Monday 4 May is the 60th day from 5 March; Tuesday 5 May is past it.
  await call("PUT", "/v1/calendar/2026", coordinator, {
    events: [
      { id: "imu", title: "Rata IMU", kind: "deadline", date: "2026-05-04" },
      { id: "tasi", title: "Rata TASI", kind: "deadline", date: "2026-05-05" },
    ],
  });
  await call("PUT", `/v1/municipalities/${rho}/calendar/2026`, rhoToken, {
    events: [
      {
        id: "nidi",
        title: "Iscrizioni nidi",
        kind: "window",
        start: "2026-03-20",
        end: "2026-04-10",
        measures: ["Due operatori in più"],
      },
      {
        id: "cedole",
        title: "Cedole librarie",
        kind: "window",
        start: "2026-04-01",
        end: "2026-04-30",
      },
    ],
  });
});
afterAll(async () => stack?.stop());

describe("GET /v1/me/todo", () => {
  it("lists for staff the months not sent, open remarks, cards to review and peaks without measures", async () => {
    const res = await stack.call("GET", "/v1/me/todo", { token: rhoToken });
    expect(res.status, res.text).toBe(200);
    const todo = res.body;
    expect(todo).toMatchObject({
      today: "2026-03-05",
      municipality: rho,
      name: "Rho",
      monthsFrom: "2025-11",
    });
    // December was due by 10 January; February is due by 10 March.
    expect(todo.months).toEqual([
      { month: "2025-12", state: "missing", dueDate: "2026-01-10" },
      { month: "2026-02", state: "due", dueDate: "2026-03-10" },
    ]);
    expect(todo.warnings.map((w: { month: string; code: string }) => [w.month, w.code])).toEqual([
      ["2026-01", "no-service-metrics"],
    ]);
    expect(todo.cards).toEqual([
      { code: "ANA-01", status: "due", nextReview: "2026-04-01" },
      { code: "TRI-01", status: "stale", nextReview: "2026-01-01" },
    ]);
    expect(todo.peaks.map((p: { id: string; source: string }) => [p.id, p.source])).toEqual([
      ["cedole", "local"],
      ["imu", "network"],
    ]);
    expect(todo.count).toBe(2 + 1 + 2 + 2);
  });

  it("drops a remark once it is justified", async () => {
    const before = await stack.call("GET", "/v1/me/todo", { token: rhoToken });
    const [warning] = before.body.warnings;
    const put = await stack.call(
      "PUT",
      `/v1/municipalities/${rho}/months/2026-01/warnings/${warning.id}`,
      {
        token: rhoToken,
        body: { justification: "A gennaio lo sportello era chiuso per lavori." },
      },
    );
    expect(put.status).toBe(200);
    const after = await stack.call("GET", "/v1/me/todo", { token: rhoToken });
    expect(after.body.warnings).toEqual([]);
  });

  it("looks back 24 months for a municipality that never sent a month", async () => {
    const res = await stack.call("GET", "/v1/me/todo", { token: esteToken });
    expect(res.body.monthsFrom).toBe("2024-03");
    expect(res.body.months).toHaveLength(24);
    expect(res.body.months[0]).toEqual({
      month: "2024-03",
      state: "missing",
      dueDate: "2024-04-10",
    });
    expect(res.body.months.filter((m: { state: string }) => m.state === "due")).toHaveLength(1);
    // Este has no local event and no card: the network's peak only.
    expect(res.body.cards).toEqual([]);
    expect(res.body.peaks.map((p: { id: string }) => p.id)).toEqual(["imu"]);
  });

  it("gives a coordinator the same per municipality, reading a bounded set of documents", async () => {
    const res = await stack.call("GET", "/v1/me/todo", { token: coordinator });
    expect(res.status).toBe(200);
    expect(
      res.body.municipalities.map((m: { municipality: string; count: number }) => [
        m.municipality,
        m.count,
      ]),
    ).toEqual([
      [rho, 2 + 0 + 2 + 2],
      [este, 24 + 1],
    ]);
    // The network document; 2026's network calendar; per municipality its procedure codes, card
    // index, shards of 2024–2026 and its 2026 calendar.
    expect(res.body.documentsRead).toBe(1 + 1 + 2 * (1 + 1 + 3 + 1));
  });
});
