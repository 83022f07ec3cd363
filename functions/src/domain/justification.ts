import { z } from "zod";
import { textField } from "./text.js";

/** A justification is a paragraph or two: why a flagged value is right as it is. */
export const MAX_JUSTIFICATION = 2000;

export const justificationBodySchema = z.strictObject(
  {
    justification: textField({
      label: "Giustificazione",
      max: MAX_JUSTIFICATION,
      multiline: true,
      missing: "Giustificazione mancante: spiegare perché il dato segnalato è corretto.",
      tooLong: `Giustificazione troppo lunga (massimo ${MAX_JUSTIFICATION} caratteri).`,
    }),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `Campo sconosciuto: ${issue.keys.join(", ")}. Ammesso solo justification.`
        : undefined,
  },
);

/** One version of a warning's justification, as stored (previous versions in `…/revisions`). */
export interface StoredJustification {
  municipality: string;
  month: string;
  warningId: string;
  justification: string;
  revision: number;
  by: string;
  at: string;
}
