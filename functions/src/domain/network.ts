import { z } from "zod";
import { isMonth, type Month } from "./period.js";

/** Settings a network can change; defaults are those of POLI-NET. */
export const networkSettingsSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  /** No month before this one can be submitted (POLI-NET began in April 2011). */
  firstMonth: z.string().refine(isMonth, { error: "Mese non valido: usare AAAA-MM." }),
  /** Days after a month ends before it locks for staff. */
  lockDays: z.int().min(0).max(3650),
  /** Day of the following month by which a submission counts as on time. */
  dueDay: z.int().min(1).max(28),
});

export type NetworkSettings = z.infer<typeof networkSettingsSchema> & { firstMonth: Month };

export const DEFAULT_NETWORK_SETTINGS = {
  name: "POLI-NET",
  firstMonth: "2011-04",
  lockDays: 60,
  dueDay: 10,
} as const satisfies NetworkSettings;

/** Network ids appear in document paths: keep them short and path-safe. */
export const NETWORK_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,40}$/;
