import type { DocumentReference, DocumentSnapshot } from "@google-cloud/firestore";
import type { CalendarEvent } from "../domain/calendar/calendar-event.js";
import {
  type CalendarDecision,
  decideCalendarSubmission,
  type EventTracking,
  type StoredCalendar,
} from "../domain/calendar/calendar-submission.js";
import { validateCalendarBody } from "../domain/calendar/calendar-validation.js";
import { type PeakEntry, peakEntries } from "../domain/calendar/peak-entry.js";
import type { Caller } from "../domain/caller.js";
import type { Municipality } from "../domain/municipality.js";
import { addMonths, compareMonths, type Month, monthOf } from "../domain/period.js";
import type { ValidationIssue } from "../domain/validation-issue.js";
import { type NetworkDocument, toNetworkDocument } from "./network-store.js";
import type { Paths } from "./paths.js";
import { toYearSummary, type YearSummary } from "./summary-store.js";

export type CalendarOutcome =
  | Exclude<CalendarDecision, { kind: "store" }>
  | { kind: "stored"; stored: StoredCalendar }
  | { kind: "invalid"; issues: ValidationIssue[] }
  | { kind: "unknown-municipality" };

/**
 * Events and tracking are kept as JSON strings: as map fields each would be indexed (hundreds of
 * events × a dozen fields) and parsed field by field; they are only ever read whole.
 * `firestore.indexes.json` exempts them from indexing.
 */
interface CalendarDocument extends Omit<StoredCalendar, "events" | "tracking"> {
  events: string;
  tracking: string;
}

function toDocument(calendar: StoredCalendar): CalendarDocument {
  return {
    ...calendar,
    events: JSON.stringify(calendar.events),
    tracking: JSON.stringify(calendar.tracking),
  };
}

export function toStoredCalendar(snapshot: DocumentSnapshot | undefined): StoredCalendar | null {
  if (!snapshot?.exists) return null;
  const data = snapshot.data() as CalendarDocument;
  return {
    ...data,
    events: JSON.parse(data.events) as CalendarEvent[],
    tracking: JSON.parse(data.tracking) as Record<string, EventTracking>,
  };
}

/** The municipality's own calendar with the network's and its settings, read in one round trip. */
export interface MunicipalityCalendars {
  network: NetworkDocument;
  municipality: Municipality;
  /** By year asked for. */
  networkCalendars: Map<string, StoredCalendar | null>;
  localCalendars: Map<string, StoredCalendar | null>;
  /** The municipality's summary shards, in the order of the years asked for. */
  summaries: YearSummary[];
}

/**
 * A calendar contends only with edits of the same calendar: a handful of attempts is plenty.
 * Past them the API answers 503 with Retry-After, as for months.
 */
const MAX_ATTEMPTS = 10;

export class CalendarStore {
  constructor(
    private readonly paths: Paths,
    private readonly clock: () => Date,
  ) {}

  /**
   * One transaction (DESIGN §5): one batched read of the network document (areas, the roster),
   * the calendar and, for a municipality, its last 12 months (the procedure codes events may
   * name); one commit writing the new calendar, the previous revision into its history and, for a
   * municipality, its small peak entries for the indicator. Nothing written is shared with
   * another municipality.
   */
  async submit(input: {
    caller: Caller;
    /** `null` for the network's own calendar. */
    municipality: string | null;
    year: string;
    body: unknown;
  }): Promise<CalendarOutcome> {
    const { caller, municipality, year } = input;
    const network = caller.network;
    const calendarRef = municipality
      ? this.paths.municipalityCalendar(network, municipality, year)
      : this.paths.networkCalendar(network, year);
    const monthRefs = municipality ? this.recentMonths(network, municipality, year) : [];
    return this.paths.db.runTransaction(
      async (tx): Promise<CalendarOutcome> => {
        const [networkSnap, calendarSnap, ...monthSnaps] = await tx.getAll(
          this.paths.network(network),
          calendarRef,
          ...monthRefs,
        );
        const settings = toNetworkDocument(networkSnap?.data());
        if (!settings || (municipality && !settings.municipalities[municipality]))
          return { kind: "unknown-municipality" };
        const procedures = municipality
          ? new Set(
              monthSnaps
                .flatMap((s) =>
                  s.exists ? (s.data() as { procedures: { code: string }[] }).procedures : [],
                )
                .map((row) => row.code),
            )
          : null;
        const validation = validateCalendarBody(input.body, {
          year: Number(year),
          areas: new Set(Object.keys(settings.areas)),
          procedures,
        });
        if (!validation.ok) return { kind: "invalid", issues: validation.issues };
        const current = toStoredCalendar(calendarSnap);
        const decision = decideCalendarSubmission(
          {
            caller,
            owner: municipality ?? "network",
            year,
            body: validation.body,
            now: this.clock(),
          },
          current,
        );
        if (decision.kind !== "store") return decision;
        if (current)
          tx.create(
            this.paths.calendarRevision(calendarRef, current.revision),
            toDocument(current),
          );
        tx.set(calendarRef, toDocument(decision.next));
        if (municipality) {
          tx.set(this.paths.peaks(network, year, municipality), {
            municipality,
            year,
            entries: JSON.stringify(peakEntries(decision.next)),
          });
        }
        return { kind: "stored", stored: decision.next };
      },
      { maxAttempts: MAX_ATTEMPTS },
    );
  }

  /** The 12 months up to the end of `year`, or up to now for the current and later years. */
  private recentMonths(network: string, istat: string, year: string): DocumentReference[] {
    const now = monthOf(this.clock());
    const yearEnd = `${year}-12` as Month;
    const last = compareMonths(yearEnd, now) < 0 ? yearEnd : now;
    return Array.from({ length: 12 }, (_, i) =>
      this.paths.month(network, istat, addMonths(last, -i)),
    );
  }

  /**
   * Every municipality's peak entries of the given years: one query per year, run together. A
   * document is a few KB, so a year of 1,000 municipalities reads a few MB at most.
   */
  async readPeaks(network: string, years: readonly string[]): Promise<Map<string, PeakEntry[]>> {
    const snapshots = await Promise.all(
      years.map((year) => this.paths.peakYear(network, year).get()),
    );
    const entries = new Map<string, PeakEntry[]>();
    for (const snapshot of snapshots)
      for (const doc of snapshot.docs) {
        const list = entries.get(doc.id) ?? [];
        list.push(...(JSON.parse(doc.data().entries as string) as PeakEntry[]));
        entries.set(doc.id, list);
      }
    return entries;
  }

  async getNetworkCalendar(network: string, year: string): Promise<StoredCalendar | null> {
    return toStoredCalendar(await this.paths.networkCalendar(network, year).get());
  }

  /**
   * The network document and, for each year, the network's and the municipality's calendars
   * (and, for the forecast, the municipality's summary shards of `summaryYears`: its cases per
   * area and month): one batched read. Null when the municipality is not in the network.
   */
  async readForMunicipality(
    network: string,
    istat: string,
    years: readonly string[],
    summaryYears: readonly string[] = [],
  ): Promise<MunicipalityCalendars | null> {
    const refs = years.flatMap((year) => [
      this.paths.networkCalendar(network, year),
      this.paths.municipalityCalendar(network, istat, year),
    ]);
    const summaryRefs = summaryYears.map((year) => this.paths.yearSummary(network, year, istat));
    const [networkSnap, ...snaps] = await this.paths.db.getAll(
      this.paths.network(network),
      ...refs,
      ...summaryRefs,
    );
    const settings = toNetworkDocument(networkSnap?.data());
    const municipality = settings?.municipalities[istat];
    if (!settings || !municipality) return null;
    const networkCalendars = new Map<string, StoredCalendar | null>();
    const localCalendars = new Map<string, StoredCalendar | null>();
    years.forEach((year, i) => {
      networkCalendars.set(year, toStoredCalendar(snaps[2 * i]));
      localCalendars.set(year, toStoredCalendar(snaps[2 * i + 1]));
    });
    const summaries = snaps.slice(refs.length).map((snap) => toYearSummary(snap?.data()));
    return { network: settings, municipality, networkCalendars, localCalendars, summaries };
  }
}
