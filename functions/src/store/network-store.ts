import type { Area } from "../domain/area.js";
import type { Municipality } from "../domain/municipality.js";
import {
  DEFAULT_NETWORK_SETTINGS,
  type NetworkSettings,
  type NetworkSettingsPatch,
  settingsOf,
} from "../domain/network.js";
import type { Paths } from "./paths.js";

/**
 * The network document: settings, the area taxonomy and the roster of municipalities. Every
 * submission and every indicator read needs all three, so they come in one document read.
 */
export interface NetworkDocument extends NetworkSettings {
  areas: Record<string, Area>;
  municipalities: Record<string, Municipality>;
}

export function toNetworkDocument(
  data: Record<string, unknown> | undefined,
): NetworkDocument | null {
  if (!data) return null;
  return {
    ...DEFAULT_NETWORK_SETTINGS,
    areas: {},
    municipalities: {},
    ...(data as Partial<NetworkDocument>),
  };
}

export class NetworkStore {
  constructor(private readonly paths: Paths) {}

  async get(network: string): Promise<NetworkDocument | null> {
    return toNetworkDocument((await this.paths.network(network).get()).data());
  }

  /** Ids of every network, for the scheduled job. */
  async list(): Promise<string[]> {
    return (await this.paths.db.collection("networks").get()).docs.map((doc) => doc.id);
  }

  /** Creates the network with default settings unless it exists; returns whether it was created. */
  async ensure(network: string, settings: Partial<NetworkSettings> = {}): Promise<boolean> {
    try {
      const document: NetworkDocument = {
        ...DEFAULT_NETWORK_SETTINGS,
        ...settings,
        areas: {},
        municipalities: {},
      };
      await this.paths.network(network).create(document);
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === 6 /* ALREADY_EXISTS */) return false;
      throw error;
    }
  }

  /**
   * Changes the named settings only, in one transaction (a concurrent change of another setting,
   * area or municipality is kept); returns the settings as they now are, or null without a network.
   */
  async putSettings(network: string, patch: NetworkSettingsPatch): Promise<NetworkSettings | null> {
    const ref = this.paths.network(network);
    return this.paths.db.runTransaction(async (tx) => {
      const current = toNetworkDocument((await tx.get(ref)).data());
      if (!current) return null;
      tx.update(ref, { ...patch });
      return settingsOf({ ...current, ...patch });
    });
  }

  /** Rewrites one entry of the network document in a transaction: "created" or "updated". */
  private async putEntry<K extends "areas" | "municipalities">(
    network: string,
    field: K,
    key: string,
    value: NetworkDocument[K][string],
  ): Promise<"created" | "updated"> {
    const ref = this.paths.network(network);
    return this.paths.db.runTransaction(async (tx) => {
      const current = toNetworkDocument((await tx.get(ref)).data());
      if (!current) throw new Error(`network ${network} does not exist`);
      const existed = key in current[field];
      tx.set(ref, { ...current, [field]: { ...current[field], [key]: value } });
      return existed ? "updated" : "created";
    });
  }

  putArea(network: string, code: string, area: Area): Promise<"created" | "updated"> {
    return this.putEntry(network, "areas", code, area);
  }

  putMunicipality(
    network: string,
    istat: string,
    municipality: Municipality,
  ): Promise<"created" | "updated"> {
    return this.putEntry(network, "municipalities", istat, municipality);
  }
}
