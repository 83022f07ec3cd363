import { z } from "zod";
import { textField } from "./text.js";

/** Area codes are the network taxonomy's keys, used in sheets and URLs: lower-case, no spaces. */
export const AREA_CODE_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

export function isAreaCode(value: string): boolean {
  return AREA_CODE_PATTERN.test(value);
}

export const areaSchema = z.strictObject({
  name: textField({
    label: "Nome dell'area",
    max: 200,
    missing: "Il nome dell'area è obbligatorio.",
  }),
});

export type Area = z.infer<typeof areaSchema>;
