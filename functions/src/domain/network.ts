import type { Month } from "./period.js";

/** Settings of a network, kept in its document; the defaults are those of POLI-NET. */
export interface NetworkSettings {
  name: string;
  /** No month before this one can be submitted (POLI-NET began in April 2011). */
  firstMonth: Month;
  /** Days after a month ends before it locks for staff. */
  lockDays: number;
  /** Day of the following month by which a submission counts as on time. */
  dueDay: number;
  /**
   * Expected users from which a calendar event counts as a peak for `peaksPlannedAhead`
   * (DESIGN §11): 100 people in a few days is a queue a desk must plan for.
   */
  peakThreshold: number;
}

export const DEFAULT_NETWORK_SETTINGS = {
  name: "POLI-NET",
  firstMonth: "2011-04",
  lockDays: 60,
  dueDay: 10,
  peakThreshold: 100,
} as const satisfies NetworkSettings;
