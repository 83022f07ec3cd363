import type { Municipality } from "../domain/municipality.js";
import type { Paths } from "./paths.js";

export interface MunicipalityEntry extends Municipality {
  istat: string;
}

export class MunicipalityStore {
  constructor(private readonly paths: Paths) {}

  /** All municipalities of a network, in ISTAT-code order (document-id order). */
  async list(network: string): Promise<MunicipalityEntry[]> {
    const snapshot = await this.paths.municipalities(network).get();
    return snapshot.docs.map((doc) => ({ istat: doc.id, ...(doc.data() as Municipality) }));
  }

  async exists(network: string, istat: string): Promise<boolean> {
    return (await this.paths.municipality(network, istat).get()).exists;
  }

  async put(
    network: string,
    istat: string,
    municipality: Municipality,
  ): Promise<"created" | "updated"> {
    const ref = this.paths.municipality(network, istat);
    return this.paths.db.runTransaction(async (tx) => {
      const existed = (await tx.get(ref)).exists;
      tx.set(ref, municipality);
      return existed ? "updated" : "created";
    });
  }
}
