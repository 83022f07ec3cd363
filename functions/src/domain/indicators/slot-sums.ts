import type { RosterEntry } from "./network-indicators.js";

/**
 * One slot per municipality of the roster, in roster order: the engine keeps its sums in typed
 * arrays indexed by slot instead of maps and small objects per municipality, and the periods of
 * one report share the slots so that changes are read by index.
 */
export interface Slots {
  istats: string[];
  /** A code listed twice takes the population of its last listing. */
  populations: (number | undefined)[];
  ofRosterEntry: Int32Array;
  /** 0, 1, … n − 1: the order of the indicator blocks. */
  all: Int32Array;
}

export function slotsOf(roster: readonly RosterEntry[]): Slots {
  const index = new Map<string, number>();
  const istats: string[] = [];
  const populations: (number | undefined)[] = [];
  const ofRosterEntry = new Int32Array(roster.length);
  roster.forEach(({ istat, population }, r) => {
    let slot = index.get(istat);
    if (slot === undefined) {
      slot = istats.length;
      index.set(istat, slot);
      istats.push(istat);
      populations.push(population);
    } else populations[slot] = population;
    ofRosterEntry[r] = slot;
  });
  return { istats, populations, ofRosterEntry, all: Int32Array.from(istats, (_, i) => i) };
}

/** Summed parts by slot; `present` is 0 where no month contributed (the ratio is then undefined). */
export interface SlotSums {
  numerator: Float64Array;
  denominator: Float64Array;
  present: Uint8Array;
}

export function slotSums(count: number): SlotSums {
  return {
    numerator: new Float64Array(count),
    denominator: new Float64Array(count),
    present: new Uint8Array(count),
  };
}

/** Adds one part in place. The first part is taken as it is, as `sumRatios` did (−0 stays −0). */
export function addPart(
  sums: SlotSums,
  slot: number,
  numerator: number,
  denominator: number,
): void {
  if (sums.present[slot] === 1) {
    sums.numerator[slot] = (sums.numerator[slot] as number) + numerator;
    sums.denominator[slot] = (sums.denominator[slot] as number) + denominator;
  } else {
    sums.present[slot] = 1;
    sums.numerator[slot] = numerator;
    sums.denominator[slot] = denominator;
  }
}

/**
 * Visits per inhabitant: the months counted multiply by the population (see `withPopulation`);
 * without a population the indicator is undefined for the municipality.
 */
export function perInhabitant(sums: SlotSums, slots: Slots): void {
  slots.populations.forEach((population, slot) => {
    if (sums.present[slot] !== 1) return;
    if (population && population > 0)
      sums.denominator[slot] = (sums.denominator[slot] as number) * population;
    else sums.present[slot] = 0;
  });
}
