import { z } from "zod";
import { isMonth, type Month } from "./period.js";
import { textField } from "./text.js";

/** Settings of a network, kept in its document; the defaults are those of POLI-NET. */
export interface NetworkSettings {
  name: string;
  /** No month before this one can be submitted (POLI-NET began in April 2011). */
  firstMonth: Month;
  /** Days after a month ends before it locks for staff. */
  lockDays: number;
  /** Day of the following month by which a submission counts as on time. */
  dueDay: number;
  /** Whether published reports are served as open data at `/open/{network}/{period}.csv|json`. */
  openData: boolean;
  /** The Google spreadsheet that publishing writes a tab per period into; null for none. */
  reportSpreadsheetId: string | null;
  /** Expected users from which a calendar event counts as a peak (DESIGN §11). */
  peakThreshold: number;
}

export const DEFAULT_NETWORK_SETTINGS = {
  name: "POLI-NET",
  firstMonth: "2011-04",
  lockDays: 60,
  dueDay: 10,
  openData: false,
  reportSpreadsheetId: null,
  peakThreshold: 100,
} as const satisfies NetworkSettings;

export const NETWORK_SETTING_NAMES = Object.keys(
  DEFAULT_NETWORK_SETTINGS,
) as (keyof NetworkSettings)[];

/** A Google spreadsheet id as it appears in the sheet's address (…/spreadsheets/d/{id}/edit). */
export const SPREADSHEET_ID_PATTERN = /^[A-Za-z0-9_-]{25,100}$/;

const int = (label: string, min: number, max: number) =>
  z
    .int({ error: `${label}: serve un numero intero.` })
    .min(min, { error: `${label}: almeno ${min}.` })
    .max(max, { error: `${label}: al massimo ${max}.` });

/**
 * `PUT /v1/network`: the settings to change, each optional; a field not named keeps its value.
 * Unknown fields are refused, so a misspelt setting is not silently ignored.
 */
export const networkSettingsPatchSchema = z
  .strictObject(
    {
      name: textField({ label: "Nome della rete", max: 200 }),
      firstMonth: z
        .string({ error: "Primo mese: serve un mese AAAA-MM." })
        .refine(isMonth, { error: "Primo mese: serve un mese AAAA-MM (anni 0001-9999)." })
        .transform((m) => m as Month),
      lockDays: int("Giorni prima della chiusura di un mese", 0, 3650),
      dueDay: int("Giorno di scadenza dell'invio", 1, 31),
      openData: z.boolean({ error: "Dati aperti: serve true o false." }),
      reportSpreadsheetId: z
        .string({ error: "Foglio del report: serve l'ID di un foglio Google oppure null." })
        .regex(SPREADSHEET_ID_PATTERN, {
          error:
            "Foglio del report: l'ID è la parte dell'indirizzo del foglio tra /d/ e /edit (25-100 lettere, cifre, - o _).",
        })
        .nullable(),
      peakThreshold: int("Soglia degli eventi di picco", 0, 10_000_000),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `Impostazione sconosciuta: ${issue.keys.join(", ")}. Ammesse: ${NETWORK_SETTING_NAMES.join(", ")}.`
          : undefined,
    },
  )
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, {
    error: "Indicare almeno un'impostazione da modificare.",
  });

export type NetworkSettingsPatch = z.infer<typeof networkSettingsPatchSchema>;

/** The settings alone, out of a network document that also holds areas and roster. */
export function settingsOf(document: NetworkSettings): NetworkSettings {
  return Object.fromEntries(
    NETWORK_SETTING_NAMES.map((name) => [name, document[name]]),
  ) as unknown as NetworkSettings;
}
