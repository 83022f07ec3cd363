import ical from "ical-generator";
import { DateTime } from "luxon";
import { ZONE } from "../period.js";
import type { EffectiveEvent } from "./effective-events.js";

export interface FeedCalendar {
  /** Year the events were kept under: part of each UID, since ids repeat from year to year. */
  year: string;
  revision: number;
  submittedAt: string;
  events: EffectiveEvent[];
}

export interface FeedInput {
  network: string;
  istat: string;
  municipalityName: string;
  /** Each year's merged events with the revision and time of the calendar they came from. */
  calendars: { year: string; network: FeedCalendar | null; local: FeedCalendar | null }[];
  areaNames: Record<string, string>;
}

const day = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });

/**
 * The municipality's calendar as RFC 5545 (DESIGN §11): one all-day event per peak event at its
 * effective days (a window's DTEND is the day after its end, as the standard makes DTEND
 * exclusive), with a UID built from who keeps it, the year and the sender's id, so that a
 * calendar app moves an edited event instead of adding a copy; SEQUENCE is the calendar's
 * revision and DTSTAMP when it was sent, so the edit also wins in apps that compare them.
 */
export function icalFeed({
  network,
  istat,
  municipalityName,
  calendars,
  areaNames,
}: FeedInput): string {
  const feed = ical({
    name: `POLI-NET – Scadenziario di ${municipalityName}`,
    description:
      "Scadenze e periodi di picco della rete POLI-NET e del comune, ai giorni effettivi.",
    prodId: { company: "POLI-NET", product: "Scadenziario", language: "IT" },
    timezone: ZONE,
  });
  for (const { year, network: networkCalendar, local } of calendars) {
    for (const calendar of [networkCalendar, local]) {
      if (!calendar) continue;
      for (const event of calendar.events) {
        const owner = event.source === "network" ? network : `${network}-${istat}`;
        feed.createEvent({
          id: `${event.source}-${encodeURIComponent(owner)}-${year}-${encodeURIComponent(event.id)}@poli-net`,
          start: day(event.effectiveStart),
          end: day(event.effectiveEnd).plus({ days: 1 }),
          allDay: true,
          summary: event.title,
          description: describe(event, areaNames),
          sequence: calendar.revision,
          stamp: new Date(calendar.submittedAt),
          ...(event.area ? { categories: [{ name: areaNames[event.area] ?? event.area }] } : {}),
        });
      }
    }
  }
  return feed.toString();
}

function italianDate(iso: string): string {
  return day(iso).setLocale("it").toFormat("cccc d LLLL yyyy");
}

/** What a desk needs on the day, in Italian: why the date, the measures, whom to call. */
function describe(event: EffectiveEvent, areaNames: Record<string, string>): string {
  const lines: string[] = [
    event.source === "network" ? "Evento della rete POLI-NET." : "Evento del comune.",
  ];
  if (event.kind === "deadline" && event.date && event.effectiveDate !== event.date)
    lines.push(
      `Scadenza del ${italianDate(event.date)}, giorno non lavorativo: spostata a ${italianDate(event.effectiveDate as string)}.`,
    );
  if (event.kind === "window")
    lines.push(
      `Periodo dal ${italianDate(event.effectiveStart)} al ${italianDate(event.effectiveEnd)}.`,
    );
  if (event.area) lines.push(`Area: ${areaNames[event.area] ?? event.area}.`);
  if (event.procedures?.length) lines.push(`Procedimenti: ${event.procedures.join(", ")}.`);
  if (event.expectedUsers !== undefined) lines.push(`Utenti attesi: ${event.expectedUsers}.`);
  if (event.measures?.length) {
    lines.push("Misure organizzative:");
    for (const measure of event.measures) lines.push(`- ${measure}`);
  } else lines.push("Misure organizzative: nessuna indicata.");
  if (event.liaison) lines.push(`Referente: ${event.liaison}`);
  if (event.notes) lines.push(`Note: ${event.notes}`);
  return lines.join("\n");
}
