import type { DocumentReference, DocumentSnapshot } from "@google-cloud/firestore";
import pMap from "p-map";
import type { StoredCalendar } from "../domain/calendar/calendar-submission.js";
import { toStoredCalendar } from "./calendar-store.js";
import { type CardReviews, toCardReviews } from "./card-store.js";
import { type NetworkDocument, toNetworkDocument } from "./network-store.js";
import type { Paths } from "./paths.js";
import { type ProcedureCodes, toProcedureCodes } from "./procedure-codes.js";
import { toYearSummary, type YearSummary } from "./summary-store.js";

/** What the to-do needs of one municipality. */
export interface MunicipalityTodoInputs {
  istat: string;
  codes: ProcedureCodes;
  /** Its shards, by year. */
  shards: Map<string, YearSummary>;
  reviews: CardReviews;
  localCalendars: Map<string, StoredCalendar | null>;
}

export interface TodoInputs {
  network: NetworkDocument;
  networkCalendars: Map<string, StoredCalendar | null>;
  municipalities: MunicipalityTodoInputs[];
  documentsRead: number;
}

/** References per batched read: large networks read in a few concurrent batches. */
const BATCH = 1000;

export class TodoStore {
  constructor(private readonly paths: Paths) {}

  /**
   * The network document (settings, roster), then in one batched read: the network's calendars
   * of `calendarYears` and, per municipality, its procedure codes (first month sent), its shards
   * of `shardYears`, its card index and its calendars of `calendarYears`. For a to-do of 24
   * months ahead of 60 days that is 1 + 2 + 7 documents per municipality at most.
   */
  async read(
    network: string,
    istats: readonly string[] | "all",
    shardYears: readonly string[],
    calendarYears: readonly string[],
  ): Promise<TodoInputs | null> {
    const settings = toNetworkDocument((await this.paths.network(network).get()).data());
    if (!settings) return null;
    const roster = (istats === "all" ? Object.keys(settings.municipalities) : istats)
      .filter((istat) => settings.municipalities[istat])
      .sort();
    const perMunicipality = (istat: string) => [
      this.paths.procedureCodes(network, istat),
      this.paths.cardIndex(network, istat),
      ...shardYears.map((year) => this.paths.yearSummary(network, year, istat)),
      ...calendarYears.map((year) => this.paths.municipalityCalendar(network, istat, year)),
    ];
    const refs: DocumentReference[] = [
      ...calendarYears.map((year) => this.paths.networkCalendar(network, year)),
      ...roster.flatMap(perMunicipality),
    ];
    const batches: DocumentReference[][] = [];
    for (let at = 0; at < refs.length; at += BATCH) batches.push(refs.slice(at, at + BATCH));
    const snaps: DocumentSnapshot[] = (
      await pMap(batches, (batch) => this.paths.db.getAll(...batch), { concurrency: 4 })
    ).flat();
    let at = 0;
    const next = () => snaps[at++];
    const networkCalendars = new Map(calendarYears.map((y) => [y, toStoredCalendar(next())]));
    const municipalities = roster.map((istat): MunicipalityTodoInputs => {
      const codes = toProcedureCodes(next()?.data());
      const reviews = toCardReviews(next()?.data());
      const shards = new Map(shardYears.map((y) => [y, toYearSummary(next()?.data())]));
      const localCalendars = new Map(calendarYears.map((y) => [y, toStoredCalendar(next())]));
      return { istat, codes, shards, reviews, localCalendars };
    });
    return { network: settings, networkCalendars, municipalities, documentsRead: 1 + refs.length };
  }
}
