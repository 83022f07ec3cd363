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
}

export const DEFAULT_NETWORK_SETTINGS = {
  name: "POLI-NET",
  firstMonth: "2011-04",
  lockDays: 60,
  dueDay: 10,
} as const satisfies NetworkSettings;
