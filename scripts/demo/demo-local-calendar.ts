import type { CalendarEvent } from "../../functions/src/domain/calendar/calendar-event.js";
import type { DEMO_MUNICIPALITIES } from "./demo-network.js";

type DemoMunicipality = (typeof DEMO_MUNICIPALITIES)[number];

/**
 * A municipality's own peaks of a year in the demo: its TARI instalment, summer-camp enrolments
 * and the autumn call for municipal social bonuses, with users expected in proportion to its
 * population. `planned` says whether each event already carries its measures in the first
 * version sent in January; the demo sends measures for the others on 1 June, so some peaks are
 * planned 30 days ahead and some are not, and `peaksPlannedAhead` differs between desks.
 */
export function demoLocalEvents(
  municipality: DemoMunicipality,
  index: number,
  year: number,
  withAllMeasures: boolean,
): CalendarEvent[] {
  const users = (perInhabitants: number) => Math.round(municipality.population / perInhabitants);
  const events: (CalendarEvent & { measure: string })[] = [
    {
      id: "centri-estivi",
      title: "Iscrizioni ai centri estivi comunali",
      kind: "window",
      area: "servizi-educativi",
      start: `${year}-04-01`,
      end: `${year}-04-30`,
      expectedUsers: users(150),
      measure: "Domande online con assistenza allo sportello su appuntamento",
      liaison: "Ufficio scuola",
    },
    {
      id: "tari-rata-comunale",
      title: "TARI: rata comunale",
      kind: "deadline",
      area: "tributi",
      date: `${year}-07-31`,
      expectedUsers: users(200),
      measure: "Sportello tributi con orario prolungato nell'ultima settimana",
      liaison: "Ufficio tributi",
    },
    {
      id: "bonus-sociali",
      title: "Bando comunale per i bonus sociali",
      kind: "window",
      area: "servizi-sociali",
      start: `${year}-10-01`,
      end: `${year}-10-31`,
      expectedUsers: users(300),
      measure: "Un operatore dei servizi sociali allo sportello il martedì e il giovedì",
    },
  ];
  return events.map(({ measure, ...event }, i) =>
    withAllMeasures || (index + i) % 3 !== 0 ? { ...event, measures: [measure] } : event,
  );
}
