import { describe, expect, it } from "vitest";
import { areaSchema } from "../../functions/src/domain/area.js";
import { municipalitySchema } from "../../functions/src/domain/municipality.js";

describe("names of areas and municipalities", () => {
  it("refuses invisible, control and ill-formed characters in an area name", () => {
    for (const name of ["Anagrafe\u200B", "Ana\u0000grafe", "Tributi\uD800", "\u202EiturbirT"]) {
      const parsed = areaSchema.safeParse({ name });
      expect(parsed.success, JSON.stringify(name)).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/^Nome dell'area: contiene un carattere/);
    }
    expect(areaSchema.parse({ name: " Servizi educativi " })).toEqual({
      name: "Servizi educativi",
    });
  });

  it("refuses them in a municipality name, and keeps its other messages", () => {
    const base = { province: "MI", population: 51_000 };
    const bad = municipalitySchema.safeParse({ ...base, name: "Rho\u2060" });
    expect(bad.error?.issues[0]?.message).toMatch(/^Nome del comune: contiene un carattere/);
    expect(municipalitySchema.safeParse({ ...base, name: " " }).error?.issues[0]?.message).toBe(
      "Il nome del comune è obbligatorio.",
    );
    expect(municipalitySchema.parse({ ...base, name: "Sant'Angelo Lodigiano" }).name).toBe(
      "Sant'Angelo Lodigiano",
    );
  });
});
