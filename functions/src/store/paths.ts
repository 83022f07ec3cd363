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
 *   networks/{network}/monthSummaries/{YYYY-MM}          every municipality's parts for the month
 *   networks/{network}/periodIndicators/{period}         what the last recomputation persisted
 *   networks/{network}/runs/{run id}                     records of the scheduled job
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

  monthSummary(network: string, month: Month): DocumentReference {
    return this.network(network).collection("monthSummaries").doc(month);
  }

  periodIndicators(network: string, period: string): DocumentReference {
    return this.network(network).collection("periodIndicators").doc(period);
  }

  run(network: string, id: string): DocumentReference {
    return this.network(network).collection("runs").doc(id);
  }

  revisions(network: string, istat: string, month: Month) {
    return this.month(network, istat, month).collection("revisions");
  }

  revision(network: string, istat: string, month: Month, revision: number): DocumentReference {
    return this.revisions(network, istat, month).doc(String(revision).padStart(6, "0"));
  }
}
