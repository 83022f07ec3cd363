import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openMonth, sampleMonth, startTestStack, type TestStack } from "../support/test-stack.js";

let stack: TestStack;
let coordinator: string;

beforeAll(async () => {
  stack = await startTestStack();
  coordinator = await stack.token(stack.coordinator);
});
afterAll(async () => stack?.stop());

describe("the coordinator builds a network through the API", () => {
  it("creates areas, a municipality and a staff member, who can then submit", async () => {
    const area = await stack.call("PUT", "/v1/areas/anagrafe", {
      token: coordinator,
      body: { name: "Anagrafe" },
    });
    expect(area.status).toBe(201);
    expect(
      (
        await stack.call("PUT", "/v1/areas/anagrafe", {
          token: coordinator,
          body: { name: "Servizi demografici" },
        })
      ).status,
    ).toBe(200);
    const areas = await stack.call("GET", "/v1/areas", { token: coordinator });
    expect(areas.body.areas).toEqual([{ code: "anagrafe", name: "Servizi demografici" }]);

    const rho = await stack.call("PUT", "/v1/municipalities/015182", {
      token: coordinator,
      body: { name: "Rho", province: "MI", population: 51_000 },
    });
    expect(rho.status).toBe(201);
    await stack.call("PUT", "/v1/municipalities/001219", {
      token: coordinator,
      body: { name: "Rivoli", province: "TO", population: 46_800 },
    });
    const list = await stack.call("GET", "/v1/municipalities", { token: coordinator });
    expect(list.body.municipalities.map((m: { istat: string }) => m.istat)).toEqual([
      "001219",
      "015182",
    ]);

    const member = await stack.call("PUT", "/v1/members/Operatore@Rho.test", {
      token: coordinator,
      body: { role: "staff", municipality: "015182" },
    });
    expect(member.status).toBe(201);
    const staff = await stack.token("operatore@rho.test");
    const put = await stack.call("PUT", `/v1/municipalities/015182/months/${openMonth()}`, {
      token: staff,
      body: sampleMonth({
        procedures: [{ code: "A1", name: "CIE", area: "anagrafe", total: 3, desk: 3 }],
      }),
    });
    expect(put.status).toBe(200);
  });

  it("refuses invalid administration bodies with issues", async () => {
    const badIstat = await stack.call("PUT", "/v1/municipalities/15182", {
      token: coordinator,
      body: { name: "Rho", province: "MI", population: 1 },
    });
    expect(badIstat.status).toBe(400);
    const badMunicipality = await stack.call("PUT", "/v1/municipalities/015166", {
      token: coordinator,
      body: { name: "", province: "Milano", population: -3, mayor: "x" },
    });
    expect(badMunicipality.status).toBe(400);
    expect(
      badMunicipality.body.error.issues.map((i: { path: string[] }) => i.path[0] ?? "").sort(),
    ).toEqual(["", "name", "population", "province"]);
    const staffWithoutMunicipality = await stack.call("PUT", "/v1/members/x@y.test", {
      token: coordinator,
      body: { role: "staff" },
    });
    expect(staffWithoutMunicipality.status).toBe(400);
    const unknownMunicipality = await stack.call("PUT", "/v1/members/x@y.test", {
      token: coordinator,
      body: { role: "staff", municipality: "999999" },
    });
    expect(unknownMunicipality.status).toBe(400);
    expect(unknownMunicipality.body.error.issues[0].path).toEqual(["municipality"]);
  });

  it("answers 404 when submitting for a municipality not in the network", async () => {
    const put = await stack.call("PUT", `/v1/municipalities/123456/months/${openMonth()}`, {
      token: coordinator,
      body: sampleMonth({ procedures: [] }),
    });
    expect(put.status).toBe(404);
  });
});
