import type { Firestore } from "@google-cloud/firestore";
import { DateTime } from "luxon";
import type { Caller } from "../../functions/src/domain/caller.js";
import { ZONE } from "../../functions/src/domain/period.js";
import { toProcedureCodes } from "../../functions/src/store/procedure-codes.js";
import { createStores } from "../../functions/src/store/stores.js";
import { DEMO_MUNICIPALITIES } from "./demo-network.js";

/**
 * A card for every procedure the demo municipalities sent, through the same transaction as
 * `PUT …/cards/{code}`. Review dates are spread over the last 13 months with 6- or 12-month
 * intervals, so that the demo shows current, due and stale cards and a plausible cardsCurrent.
 */
export async function loadDemoCards(
  db: Firestore,
  network: string,
  staffEmail: (istat: string) => string,
): Promise<number> {
  const stores = createStores(db);
  const today = DateTime.now().setZone(ZONE).startOf("day");
  let count = 0;
  for (const [m, { istat }] of DEMO_MUNICIPALITIES.entries()) {
    const codes = toProcedureCodes(
      (await stores.paths.procedureCodes(network, istat).get()).data(),
    ).codes;
    const caller: Caller = {
      email: staffEmail(istat),
      role: "staff",
      network,
      municipality: istat,
    };
    for (const [i, code] of codes.entries()) {
      const daysAgo = ((i + 1) * 53 + m * 29) % 400;
      const outcome = await stores.cards.put({
        caller,
        municipality: istat,
        code,
        body: {
          title: `Scheda ${code}`,
          office: "Sportello polifunzionale",
          referent: "Referente del back office",
          lastReviewed: today.minus({ days: daysAgo }).toISODate(),
          reviewEveryMonths: i % 2 === 0 ? 12 : 6,
        },
      });
      if (outcome.kind !== "stored")
        throw new Error(`demo card ${istat} ${code} not stored: ${JSON.stringify(outcome)}`);
      count++;
    }
  }
  return count;
}
