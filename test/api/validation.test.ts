import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  openMonth,
  sampleMonth,
  seedSmallNetwork,
  startTestStack,
  type TestStack,
} from "../support/test-stack.js";

let stack: TestStack;
let token: string;
let path: string;

beforeAll(async () => {
  stack = await startTestStack();
  const seeded = await seedSmallNetwork(stack);
  token = await stack.token(seeded.rhoStaff);
  path = `/v1/municipalities/${seeded.rho}/months/${openMonth()}`;
});
afterAll(async () => stack?.stop());

const row = (fields: Record<string, unknown>) => ({
  code: "ANA-01",
  name: "CIE",
  area: "anagrafe",
  total: 10,
  desk: 5,
  ...fields,
});

/** Each rule of DESIGN §8: the body, the path the error must point at, a word of its Italian message. */
const cases: [string, unknown, (string | number)[], RegExp][] = [
  [
    "negative count",
    sampleMonth({ procedures: [row({ total: -1 })] }),
    ["procedures", 0, "total"],
    /negativo/,
  ],
  [
    "fractional count",
    sampleMonth({ procedures: [row({ desk: 2.5 })] }),
    ["procedures", 0, "desk"],
    /intero/,
  ],
  [
    "count as text",
    sampleMonth({ procedures: [row({ total: "12" })] }),
    ["procedures", 0, "total"],
    /intero/,
  ],
  [
    "desk above total",
    sampleMonth({ procedures: [row({ total: 10, desk: 11 })] }),
    ["procedures", 0, "desk"],
    /superano/,
  ],
  [
    "unknown area",
    sampleMonth({ procedures: [row({ area: "astrologia" })] }),
    ["procedures", 0, "area"],
    /non esiste/,
  ],
  [
    "duplicate code",
    sampleMonth({ procedures: [row({}), row({ name: "Altro" })] }),
    ["procedures", 1, "code"],
    /già usato alla riga 1/,
  ],
  [
    "missing code",
    sampleMonth({ procedures: [row({ code: "" })] }),
    ["procedures", 0, "code"],
    /mancante/,
  ],
  [
    "satisfied above responses",
    sampleMonth({ service: { surveyResponses: 10, surveySatisfied: 11 } }),
    ["service", "surveySatisfied"],
    /superano/,
  ],
  [
    "within target above visits",
    sampleMonth({ service: { visits: 100, servedWithinTarget: 101 } }),
    ["service", "servedWithinTarget"],
    /superano/,
  ],
  [
    "opening hours above 168",
    sampleMonth({ service: { openingHoursWeekly: 169 } }),
    ["service", "openingHoursWeekly"],
    /168/,
  ],
  [
    "negative wait",
    sampleMonth({ service: { meanWaitMinutes: -1 } }),
    ["service", "meanWaitMinutes"],
    /negativo/,
  ],
  [
    "unknown field (a typo)",
    sampleMonth({ procedures: [row({ totale: 3 })] }),
    ["procedures", 0],
    /totale/,
  ],
  ["unknown service field", sampleMonth({ service: { visit: 3 } }), ["service"], /visit/],
  ["unknown top-level field", { ...sampleMonth(), note: "x" }, [], /note/],
  ["procedures missing", { service: {} }, ["procedures"], /procedimenti/],
  [
    "lone surrogate in a code (it hung the request, then 500)",
    sampleMonth({ procedures: [row({ code: "ANA-\uD800" })] }),
    ["procedures", 0, "code"],
    /^Riga 1: codice del procedimento: contiene un carattere non valido \(U\+D800\)/,
  ],
  [
    "zero-width space in a code",
    sampleMonth({ procedures: [row({ code: "ANA\u200B01" })] }),
    ["procedures", 0, "code"],
    /invisibile o di controllo \(U\+200B\)/,
  ],
  [
    "byte-order mark inside a code",
    sampleMonth({ procedures: [row({ code: "ANA\uFEFF01" })] }),
    ["procedures", 0, "code"],
    /U\+FEFF/,
  ],
  [
    "NUL in a name",
    sampleMonth({ procedures: [row({ name: "CIE\u0000" })] }),
    ["procedures", 0, "name"],
    /^Riga 1 \(ANA-01\): nome del procedimento: .*\(U\+0000\)/,
  ],
  [
    "direction override in a name",
    sampleMonth({ procedures: [row({ name: "CIE \u202Efdp.exe" })] }),
    ["procedures", 0, "name"],
    /U\+202E/,
  ],
  [
    "C1 control in an area",
    sampleMonth({ procedures: [row({ area: "anagrafe\u0085" })] }),
    ["procedures", 0, "area"],
    /U\+0085/,
  ],
  ["a month with nothing in it", { procedures: [] }, ["procedures"], /non contiene dati/],
  [
    "a month with nothing in it but an empty service",
    { procedures: [], service: {} },
    ["procedures"],
    /non contiene dati/,
  ],
  [
    "more than 1,000 procedure rows",
    { procedures: Array.from({ length: 1001 }, (_, i) => row({ code: `P${i}` })) },
    ["procedures"],
    /1001 righe, al massimo 1000 per mese/,
  ],
  [
    "baseRevision not an integer",
    { ...sampleMonth(), baseRevision: "1" },
    ["baseRevision"],
    /intero/,
  ],
];

describe("every validation rule answers 400 with the exact path and an Italian message", () => {
  it.each(cases)("%s", async (_name, body, expectedPath, message) => {
    const put = await stack.call("PUT", path, { token, body });
    expect(put.status).toBe(400);
    expect(put.body.error.code).toBe("invalid_argument");
    const issue = put.body.error.issues.find(
      (i: { path: unknown[] }) => JSON.stringify(i.path) === JSON.stringify(expectedPath),
    );
    expect(issue, JSON.stringify(put.body.error.issues)).toBeDefined();
    expect(issue.message).toMatch(message);
    expect((await stack.call("GET", path, { token })).status).toBe(404);
  });

  it("names the row and its code in row messages", async () => {
    const put = await stack.call("PUT", path, {
      token,
      body: sampleMonth({
        procedures: [row({ code: "A" }), row({ code: "TRI-09", total: 1, desk: 2 })],
      }),
    });
    expect(put.body.error.issues[0].message).toMatch(/^Riga 2 \(TRI-09\): /);
  });

  it("reports every problem of a body at once", async () => {
    const put = await stack.call("PUT", path, {
      token,
      body: sampleMonth({ procedures: [row({ desk: 20 }), row({ code: "X", area: "nope" })] }),
    });
    expect(put.body.error.issues.map((i: { path: unknown[] }) => i.path)).toEqual([
      ["procedures", 0, "desk"],
      ["procedures", 1, "area"],
    ]);
  });
});

describe("limits of a month", () => {
  it("stores a month of exactly 1,000 procedure rows", async () => {
    // Another municipality's month, so that the other tests still find this one empty.
    const coordinator = await stack.token(stack.coordinator);
    const este = `/v1/municipalities/028037/months/${openMonth()}`;
    const procedures = Array.from({ length: 1000 }, (_, i) => row({ code: `P${i}` }));
    const put = await stack.call("PUT", este, { token: coordinator, body: { procedures } });
    expect(put.status, put.text.slice(0, 300)).toBe(200);
    const stored = await stack.call("GET", este, { token: coordinator });
    expect(stored.body.procedures).toHaveLength(1000);
  });

  it("refuses invisible characters in the names of municipalities and areas", async () => {
    const coordinator = await stack.token(stack.coordinator);
    const municipality = await stack.call("PUT", "/v1/municipalities/015166", {
      token: coordinator,
      body: { name: "Paderno\u200BDugnano", province: "MI", population: 47_500 },
    });
    expect(municipality.status).toBe(400);
    expect(municipality.body.error.issues[0]).toMatchObject({ path: ["name"] });
    expect(municipality.body.error.issues[0].message).toMatch(/^Nome del comune: .*U\+200B/);
    const area = await stack.call("PUT", "/v1/areas/tributi", {
      token: coordinator,
      body: { name: "Tributi\uD800" },
    });
    expect(area.status).toBe(400);
    expect(area.body.error.issues[0].message).toMatch(/^Nome dell'area: .*U\+D800/);
    const areas = await stack.call("GET", "/v1/areas", { token });
    expect(areas.body.areas.find((a: { code: string }) => a.code === "tributi").name).toBe(
      "Tributi",
    );
  });
});

describe("periods and months outside the calendar or before the network (they gave 500)", () => {
  it.each([
    ["0000", /is not a period/],
    ["0000-01", /is not a period/],
    ["0000-Q1", /is not a period/],
    ["0001", /ends before the network's first month 2011-04/],
    ["0001-Q1", /ends before the network's first month 2011-04/],
    ["0001-01", /ends before the network's first month 2011-04/],
    ["2010", /ends before the network's first month 2011-04/],
    ["2011-Q1", /ends before the network's first month 2011-04/],
    ["2011-03", /ends before the network's first month 2011-04/],
  ])("GET /v1/indicators/%s answers 400", async (period, message) => {
    const get = await stack.call("GET", `/v1/indicators/${period}`, { token });
    expect(get.status, get.text).toBe(400);
    expect(get.body.error.code).toBe("invalid_argument");
    expect(get.body.error.message).toMatch(message);
  });

  it("answers periods that only start before the first month", async () => {
    for (const period of ["2011", "2011-Q2", "2011-04"]) {
      const get = await stack.call("GET", `/v1/indicators/${period}`, { token });
      expect(get.status, period).toBe(200);
      expect(get.body.period).toBe(period);
    }
  });

  it("POST /v1/recompute answers 400 for year 0000 and for periods before the network", async () => {
    const coordinator = await stack.token(stack.coordinator);
    for (const [period, message] of [
      ["0000", /is not a period/],
      ["0001", /ends before the network's first month/],
      ["2011-Q1", /ends before the network's first month/],
    ] as const) {
      const post = await stack.call("POST", "/v1/recompute", {
        token: coordinator,
        body: { period },
      });
      expect(post.status, period).toBe(400);
      expect(post.body.error.message).toMatch(message);
    }
  });

  it("answers 400 for month 0000-01 on every month route", async () => {
    const coordinator = await stack.token(stack.coordinator);
    const month = "/v1/municipalities/015182/months/0000-01";
    for (const [method, route] of [
      ["GET", month],
      ["PUT", month],
      ["GET", `${month}/revisions`],
    ] as const) {
      const call = await stack.call(method, route, {
        token: coordinator,
        body: method === "PUT" ? sampleMonth() : undefined,
      });
      expect(call.status, `${method} ${route}`).toBe(400);
      expect(call.body.error.message).toMatch(/is not a month/);
    }
    const yearOne = await stack.call("PUT", "/v1/municipalities/015182/months/0001-01", {
      token: coordinator,
      body: sampleMonth(),
    });
    expect(yearOne.status).toBe(400);
    expect(yearOne.body.error.message).toMatch(/aprile 2011/);
  });
});

describe("bodies that are not a month", () => {
  it("answers 400 in the error shape for malformed JSON", async () => {
    const put = await stack.call("PUT", path, {
      token,
      body: '{"procedures": [',
      headers: { "content-type": "application/json" },
    });
    expect(put.status).toBe(400);
    expect(put.body.error.code).toBe("invalid_argument");
    expect(put.body.error.message).toMatch(/not valid JSON/);
  });

  it("answers 400 for an empty body and for JSON that is not an object", async () => {
    expect(
      (
        await stack.call("PUT", path, {
          token,
          body: "",
          headers: { "content-type": "application/json" },
        })
      ).status,
    ).toBe(400);
    for (const body of ["[]", "42", "null", '"text"']) {
      const put = await stack.call("PUT", path, { token, body });
      expect(put.status, body).toBe(400);
      expect(put.body.error.code).toBe("invalid_argument");
    }
  });

  it("answers 413 above 512 KiB and stores nothing", async () => {
    const big = sampleMonth({ procedures: [row({ name: "x".repeat(512 * 1024) })] });
    const put = await stack.call("PUT", path, { token, body: big });
    expect(put.status).toBe(413);
    expect(put.body.error.code).toBe("payload_too_large");
    expect((await stack.call("GET", path, { token })).status).toBe(404);
  });

  it("answers 404 and 405 in the error shape", async () => {
    const unknown = await stack.call("GET", "/v1/nothing", { token });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    const wrongMethod = await stack.call("DELETE", path, { token });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.error.code).toBe("method_not_allowed");
  });
});
