import type { DocumentReference, Firestore } from "@google-cloud/firestore";
import type { Month } from "../domain/period.js";

/**
 * Where everything lives. One document per municipality-month holds all its rows (DESIGN §5);
 * revision ids are zero-padded so that document-id order is revision order.
 *
 *   members/{email}
 *   networks/{network}                                   settings and area taxonomy
 *   networks/{network}/municipalities/{istat}
 *   networks/{network}/municipalities/{istat}/months/{YYYY-MM}
 *   networks/{network}/municipalities/{istat}/months/{YYYY-MM}/revisions/{000001}
 *   networks/{network}/summaryYears/{YYYY}/summaries/{istat}
 *                                      one municipality's month summaries of one year: the shard a
 *                                      submission rewrites, so municipalities never contend
 *   networks/{network}/periodIndicators/{period}         what the last recomputation persisted
 *   networks/{network}/periodIndicators/{period}/chunks/{version}-{n}   its gzip-compressed parts
 *   networks/{network}/reports/{period}                  the latest published version of a report
 *   networks/{network}/reports/{period}/versions/{000001}   each published version, immutable
 *   networks/{network}/reports/{period}/chunks/{hash}-{n}   the frozen JSON, gzip-compressed
 *   networks/{network}/runs/{run id}                     records of the scheduled job
 *   networks/{network}/calendars/{YYYY}                  the network's peak events of a year
 *   networks/{network}/calendars/{YYYY}/revisions/{000001}
 *   networks/{network}/municipalities/{istat}/calendars/{YYYY}   a municipality's own events
 *   networks/{network}/municipalities/{istat}/calendars/{YYYY}/revisions/{000001}
 *   networks/{network}/peakYears/{YYYY}/peaks/{istat}    what peaksPlannedAhead needs of a local
 *                                      calendar, a few KB, so the indicator reads no calendar
 *   networks/{network}/calendarFeeds/{istat}             the hash of the municipality's feed secret
 *   calendarFeeds/{sha-256 of the secret}                which municipality a feed address opens
 *   networks/{network}/municipalities/{istat}/cards/{c-code}          a procedure card (DESIGN §12)
 *   networks/{network}/municipalities/{istat}/cards/{c-code}/revisions/{000001}
 *   networks/{network}/cardIndex/{istat}                 every card's recorded reviews, a few KB:
 *                                      what cardsCurrent and the to-do read instead of the cards
 *   networks/{network}/procedureCodes/{istat}            the codes the municipality ever sent and
 *                                      its first month: kept by the submission, read by a card PUT
 *   networks/{network}/municipalities/{istat}/months/{YYYY-MM}/justifications/{warning id}
 *   networks/{network}/municipalities/{istat}/months/{YYYY-MM}/justifications/{id}/revisions/{000001}
 *   networks/{network}/reminderWeeks/{YYYY-Www}/sent/{istat}   a reminder sent, created once
 */
export class Paths {
  constructor(readonly db: Firestore) {}

  member(email: string): DocumentReference {
    return this.db.collection("members").doc(email);
  }

  network(network: string): DocumentReference {
    return this.db.collection("networks").doc(network);
  }

  municipalities(network: string) {
    return this.network(network).collection("municipalities");
  }

  municipality(network: string, istat: string): DocumentReference {
    return this.municipalities(network).doc(istat);
  }

  month(network: string, istat: string, month: Month): DocumentReference {
    return this.municipality(network, istat).collection("months").doc(month);
  }

  /** The summaries of every municipality of the network for one year. */
  yearSummaries(network: string, year: string) {
    return this.network(network).collection("summaryYears").doc(year).collection("summaries");
  }

  yearSummary(network: string, year: string, istat: string): DocumentReference {
    return this.yearSummaries(network, year).doc(istat);
  }

  periodIndicators(network: string, period: string): DocumentReference {
    return this.network(network).collection("periodIndicators").doc(period);
  }

  periodIndicatorsChunk(network: string, period: string, id: string): DocumentReference {
    return this.periodIndicators(network, period).collection("chunks").doc(id);
  }

  report(network: string, period: string): DocumentReference {
    return this.network(network).collection("reports").doc(period);
  }

  reportVersions(network: string, period: string) {
    return this.report(network, period).collection("versions");
  }

  reportVersion(network: string, period: string, version: number): DocumentReference {
    return this.reportVersions(network, period).doc(String(version).padStart(6, "0"));
  }

  reportChunk(network: string, period: string, id: string): DocumentReference {
    return this.report(network, period).collection("chunks").doc(id);
  }

  run(network: string, id: string): DocumentReference {
    return this.network(network).collection("runs").doc(id);
  }

  networkCalendar(network: string, year: string): DocumentReference {
    return this.network(network).collection("calendars").doc(year);
  }

  municipalityCalendar(network: string, istat: string, year: string): DocumentReference {
    return this.municipality(network, istat).collection("calendars").doc(year);
  }

  /** The previous version of a calendar document, kept when a new one is accepted. */
  calendarRevision(calendar: DocumentReference, revision: number): DocumentReference {
    return calendar.collection("revisions").doc(String(revision).padStart(6, "0"));
  }

  peakYear(network: string, year: string) {
    return this.network(network).collection("peakYears").doc(year).collection("peaks");
  }

  peaks(network: string, year: string, istat: string): DocumentReference {
    return this.peakYear(network, year).doc(istat);
  }

  municipalityFeed(network: string, istat: string): DocumentReference {
    return this.network(network).collection("calendarFeeds").doc(istat);
  }

  feedByHash(hash: string): DocumentReference {
    return this.db.collection("calendarFeeds").doc(hash);
  }

  /** `c-` + the encoded code: any code is a valid document id (no `/`, never `.` or `__x__`). */
  card(network: string, istat: string, code: string): DocumentReference {
    return this.cards(network, istat).doc(`c-${encodeURIComponent(code)}`);
  }

  cards(network: string, istat: string) {
    return this.municipality(network, istat).collection("cards");
  }

  cardIndexes(network: string) {
    return this.network(network).collection("cardIndex");
  }

  cardIndex(network: string, istat: string): DocumentReference {
    return this.cardIndexes(network).doc(istat);
  }

  procedureCodes(network: string, istat: string): DocumentReference {
    return this.network(network).collection("procedureCodes").doc(istat);
  }

  justification(network: string, istat: string, month: Month, id: string): DocumentReference {
    return this.month(network, istat, month).collection("justifications").doc(id);
  }

  sentReminders(network: string, week: string) {
    return this.network(network).collection("reminderWeeks").doc(week).collection("sent");
  }

  /** The previous version of a document kept when a new one is accepted: `…/revisions/{000001}`. */
  revisionOf(document: DocumentReference, revision: number): DocumentReference {
    return document.collection("revisions").doc(String(revision).padStart(6, "0"));
  }

  revisions(network: string, istat: string, month: Month) {
    return this.month(network, istat, month).collection("revisions");
  }

  revision(network: string, istat: string, month: Month, revision: number): DocumentReference {
    return this.revisions(network, istat, month).doc(String(revision).padStart(6, "0"));
  }
}
