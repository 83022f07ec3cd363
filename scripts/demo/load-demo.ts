import type { Firestore } from "@google-cloud/firestore";
import type { Caller } from "../../functions/src/domain/caller.js";
import { monthEnd, monthOf } from "../../functions/src/domain/period.js";
import { createStores } from "../../functions/src/store/stores.js";
import { DEMO_AREAS, DEMO_MUNICIPALITIES } from "./demo-network.js";
import { demoHistory, lastCompleteMonths } from "./history.js";

export function demoStaffEmail(istat: string): string {
  const municipality = DEMO_MUNICIPALITIES.find((m) => m.istat === istat);
  const slug = (municipality?.name ?? istat).toLowerCase().replace(/[^a-z]+/g, "-");
  return `sportello@${slug}.poli-net.test`;
}

/**
 * Loads the demo network through the stores the API uses, and every month through the same
 * submission transaction as `PUT …/months/{month}`, with the clock set to when it was sent.
 */
export async function loadDemoNetwork(db: Firestore, network: string, log: (line: string) => void) {
  let sentAt = new Date();
  const stores = createStores(db, () => sentAt);
  for (const [code, name] of Object.entries(DEMO_AREAS))
    await stores.networks.putArea(network, code, { name });
  for (const { istat, name, province, population, patronDay } of DEMO_MUNICIPALITIES) {
    await stores.networks.putMunicipality(network, istat, {
      name,
      province,
      population,
      patronDay,
    });
    await stores.members.put(network, demoStaffEmail(istat), {
      role: "staff",
      municipality: istat,
    });
  }
  const months = lastCompleteMonths(monthOf(new Date()), 24);
  const history = demoHistory(months);
  const realNow = Date.now();
  let stored = 0;
  for (const [i, submission] of history.entries()) {
    const caller: Caller = {
      email: demoStaffEmail(submission.istat),
      role: "staff",
      network,
      municipality: submission.istat,
    };
    const sends = [{ afterDays: submission.sentAfterDays, body: submission.body }];
    if (submission.correction) sends.push(submission.correction);
    for (const send of sends) {
      sentAt = monthEnd(submission.month).plus({ days: send.afterDays, hours: 10 }).toJSDate();
      // The last month may not be in yet for a late municipality: a send still in the future never happened.
      if (sentAt.getTime() > realNow) break;
      const outcome = await stores.months.submit({
        caller,
        municipality: submission.istat,
        month: submission.month,
        body: send.body,
      });
      if (outcome.kind !== "stored")
        throw new Error(
          `demo month ${submission.istat} ${submission.month} not stored: ${JSON.stringify(outcome)}`,
        );
      stored++;
    }
    if ((i + 1) % 50 === 0 || i + 1 === history.length)
      log(`Demo data: ${i + 1}/${history.length} months loaded…`);
  }
  log(
    `Demo network loaded: ${DEMO_MUNICIPALITIES.length} municipalities, ${history.length} months, ${stored} revisions (${months[0]} … ${months.at(-1)}).`,
  );
}
