import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSmallNetwork, startTestStack, type TestStack } from "../support/test-stack.js";

let stack: TestStack;
let coordinator: string;
let staff: string;

const SHEET_ID = "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms";

beforeAll(async () => {
  stack = await startTestStack();
  const seeded = await seedSmallNetwork(stack);
  coordinator = await stack.token(stack.coordinator);
  staff = await stack.token(seeded.rhoStaff);
});
afterAll(async () => stack?.stop());

const get = (token: string) => stack.call("GET", "/v1/network", { token });
const put = (body: unknown, token = coordinator) =>
  stack.call("PUT", "/v1/network", { token, body });

describe("GET and PUT /v1/network", () => {
  it("shows every member the network's settings, POLI-NET's defaults at first", async () => {
    const res = await get(staff);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      network: stack.network,
      name: "POLI-NET",
      firstMonth: "2011-04",
      lockDays: 60,
      dueDay: 10,
      openData: false,
      reportSpreadsheetId: null,
      peakThreshold: 100,
    });
  });

  it("lets only coordinators change them", async () => {
    const res = await put({ openData: true }, staff);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("permission_denied");
    expect((await get(staff)).body.openData).toBe(false);
  });

  it("changes only the fields named, and keeps areas and municipalities", async () => {
    const first = await put({ openData: true, peakThreshold: 250 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ openData: true, peakThreshold: 250, lockDays: 60 });
    const second = await put({ reportSpreadsheetId: SHEET_ID, name: "Rete POLI-NET" });
    expect(second.status).toBe(200);
    expect(second.body).toEqual({
      network: stack.network,
      name: "Rete POLI-NET",
      firstMonth: "2011-04",
      lockDays: 60,
      dueDay: 10,
      openData: true,
      reportSpreadsheetId: SHEET_ID,
      peakThreshold: 250,
    });
    expect((await get(staff)).body).toEqual(second.body);
    const cleared = await put({ reportSpreadsheetId: null });
    expect(cleared.body.reportSpreadsheetId).toBeNull();
    expect(cleared.body.openData).toBe(true);
    const municipalities = await stack.call("GET", "/v1/municipalities", { token: coordinator });
    expect(municipalities.body.municipalities).toHaveLength(2);
    const areas = await stack.call("GET", "/v1/areas", { token: coordinator });
    expect(areas.body.areas).toHaveLength(3);
  });

  it.each([
    [{ openData: "yes" }, ["openData"], "Dati aperti"],
    [{ reportSpreadsheetId: "not an id" }, ["reportSpreadsheetId"], "Foglio del report"],
    [{ reportSpreadsheetId: 12 }, ["reportSpreadsheetId"], "Foglio del report"],
    [{ peakThreshold: -1 }, ["peakThreshold"], "Soglia"],
    [{ peakThreshold: 2.5 }, ["peakThreshold"], "intero"],
    [{ dueDay: 0 }, ["dueDay"], "almeno 1"],
    [{ lockDays: 5000 }, ["lockDays"], "al massimo 3650"],
    [{ firstMonth: "2011-13" }, ["firstMonth"], "Primo mese"],
    [{ name: "" }, ["name"], "Nome della rete"],
    [{ openData: true, colour: "red" }, [], "Impostazione sconosciuta: colour"],
    [{}, [], "almeno un'impostazione"],
  ])("refuses %j, naming the field, and changes nothing", async (body, path, message) => {
    const before = (await get(coordinator)).body;
    const res = await put(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_argument");
    const issue = res.body.error.issues?.[0];
    expect(issue?.path).toEqual(path);
    expect(issue?.message).toContain(message);
    expect((await get(coordinator)).body).toEqual(before);
  });

  it("refuses a body that is not an object", async () => {
    for (const body of ["[]", "null", "3"]) {
      const res = await put(body);
      expect(res.status, body).toBe(400);
    }
  });
});
