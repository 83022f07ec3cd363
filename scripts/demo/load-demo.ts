import type { Firestore } from "@google-cloud/firestore";
import { DateTime } from "luxon";
import type { Caller } from "../../functions/src/domain/caller.js";
import { monthEnd, monthOf, ZONE } from "../../functions/src/domain/period.js";
import { createStores } from "../../functions/src/store/stores.js";
import { demoNetworkCalendar } from "./demo-calendar.js";
import { loadDemoCards } from "./demo-cards.js";
import { demoLocalEvents } from "./demo-local-calendar.js";
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
  const calendarYears = await loadDemoCalendars(db, network, months);
  const cards = await loadDemoCards(db, network, demoStaffEmail);
  log(
    `Demo network loaded: ${DEMO_MUNICIPALITIES.length} municipalities, ${history.length} months, ${stored} revisions (${months[0]} … ${months.at(-1)}), network calendars ${calendarYears.join(", ")}, ${cards} procedure cards.`,
  );
}

/**
 * The network's peak calendar for every year of the demo history and the next one, sent as a
 * coordinator would through `PUT /v1/calendar/{YYYY}`: each year on 1 December of the year before
 * (or now, for a year planned late), so events read as planned ahead.
 */
async function loadDemoCalendars(db: Firestore, network: string, months: readonly string[]) {
  const first = Number(months[0]?.slice(0, 4));
  const last = DateTime.now().setZone(ZONE).year + 1;
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  for (const year of years) {
    const planned = DateTime.fromObject({ year: year - 1, month: 12, day: 1 }, { zone: ZONE });
    const sentAt = new Date(Math.min(planned.toMillis(), Date.now()));
    const stores = createStores(db, () => sentAt);
    const caller: Caller = { email: DEMO_COORDINATOR_SENDER, role: "coordinator", network };
    const outcome = await stores.calendars.submit({
      caller,
      municipality: null,
      year: String(year),
      body: { events: demoNetworkCalendar(year) },
    });
    if (outcome.kind !== "stored")
      throw new Error(`demo calendar ${year} not stored: ${JSON.stringify(outcome)}`);
    await loadLocalCalendars(db, network, year);
  }
  return years;
}

/** Who the demo's network calendars say sent them. */
const DEMO_COORDINATOR_SENDER = "coordinatore@poli-net.test";

/**
 * Each municipality's own events of `year`, sent by its staff on 10 January and again, with every
 * measure filled in, on 1 June (a send still in the future never happened).
 */
async function loadLocalCalendars(db: Firestore, network: string, year: number) {
  const sends = [
    { at: DateTime.fromObject({ year, month: 1, day: 10, hour: 10 }, { zone: ZONE }), all: false },
    { at: DateTime.fromObject({ year, month: 6, day: 1, hour: 10 }, { zone: ZONE }), all: true },
  ];
  // Municipalities touch only their own documents: all at once.
  await Promise.all(
    DEMO_MUNICIPALITIES.map(async (municipality, index) => {
      const caller: Caller = {
        email: demoStaffEmail(municipality.istat),
        role: "staff",
        network,
        municipality: municipality.istat,
      };
      for (const send of sends) {
        if (send.at.toMillis() > Date.now()) break;
        const stores = createStores(db, () => send.at.toJSDate());
        const outcome = await stores.calendars.submit({
          caller,
          municipality: municipality.istat,
          year: String(year),
          body: { events: demoLocalEvents(municipality, index, year, send.all) },
        });
        if (outcome.kind === "invalid" || outcome.kind === "unknown-municipality")
          throw new Error(
            `demo calendar of ${municipality.istat} ${year}: ${JSON.stringify(outcome)}`,
          );
      }
    }),
  );
}
