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
