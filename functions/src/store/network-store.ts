import type { Area } from "../domain/area.js";
import { DEFAULT_NETWORK_SETTINGS, type NetworkSettings } from "../domain/network.js";
import type { Paths } from "./paths.js";

/** The network document: settings plus the area taxonomy, read in one go by every submission. */
export interface NetworkDocument extends NetworkSettings {
  areas: Record<string, Area>;
}

export function toNetworkDocument(data: FirebaseData | undefined): NetworkDocument | null {
  if (!data) return null;
  return { ...DEFAULT_NETWORK_SETTINGS, areas: {}, ...(data as Partial<NetworkDocument>) };
}

type FirebaseData = Record<string, unknown>;

export class NetworkStore {
  constructor(private readonly paths: Paths) {}

  async get(network: string): Promise<NetworkDocument | null> {
    return toNetworkDocument((await this.paths.network(network).get()).data());
  }

  /** Creates the network with default settings unless it exists; returns whether it was created. */
  async ensure(network: string, settings: Partial<NetworkSettings> = {}): Promise<boolean> {
    try {
      await this.paths
        .network(network)
        .create({ ...DEFAULT_NETWORK_SETTINGS, ...settings, areas: {} });
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === 6 /* ALREADY_EXISTS */) return false;
      throw error;
    }
  }

  /** Adds or renames an area; the whole taxonomy is rewritten in one transaction. */
  async putArea(network: string, code: string, area: Area): Promise<"created" | "updated"> {
    const db = this.paths.db;
    const ref = this.paths.network(network);
    return db.runTransaction(async (tx) => {
      const current = toNetworkDocument((await tx.get(ref)).data());
      if (!current) throw new Error(`network ${network} does not exist`);
      const existed = code in current.areas;
      tx.set(ref, { ...current, areas: { ...current.areas, [code]: area } });
      return existed ? "updated" : "created";
    });
  }
}
