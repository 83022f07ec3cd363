import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { ProcedureRow } from "../../functions/src/domain/month.js";
import type { Month } from "../../functions/src/domain/period.js";
import type { StoredMonth } from "../../functions/src/domain/stored-month.js";

export const AREAS = [
  "anagrafe",
  "stato-civile",
  "elettorale",
  "servizi-educativi",
  "tributi",
  "servizi-sociali",
  "edilizia",
  "attivita-produttive",
  "cultura",
  "polizia-locale",
];

export function istatOf(i: number): string {
  return String(100_000 + i).padStart(6, "0");
}

/** A seeded source of plausible month contents of `procedures` rows, for benchmarks only. */
export function syntheticMonths(seed: number, procedures: number) {
  const rng = xoroshiro128plus(seed);
  const int = (min: number, max: number) => uniformInt(rng, min, max);
  return (istat: string, month: Month): StoredMonth => {
    const rows: ProcedureRow[] = Array.from({ length: procedures }, (_, p) => {
      const total = int(0, 400);
      return {
        code: `P${String(p).padStart(3, "0")}`,
        name: `Procedimento ${p}`,
        area: AREAS[p % AREAS.length] as string,
        total,
        desk: int(0, total),
      };
    });
    const visits = int(500, 5000);
    return {
      municipality: istat,
      month,
      revision: 1,
      submittedAt: "2025-01-05T09:00:00.000Z",
      submittedBy: "bench@poli-net.test",
      firstSubmittedAt: "2025-01-05T09:00:00.000Z",
      warnings: [],
      procedures: rows,
      service: {
        visits,
        meanWaitMinutes: int(30, 200) / 10,
        servedWithinTarget: int(0, visits),
        surveyResponses: 100,
        surveySatisfied: int(50, 100),
        complaints: int(0, 10),
        openingHoursWeekly: int(20, 40),
      },
    };
  };
}
