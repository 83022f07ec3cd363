import { z } from "zod";

/** Area codes are the network taxonomy's keys, used in sheets and URLs: lower-case, no spaces. */
export const AREA_CODE_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

export function isAreaCode(value: string): boolean {
  return AREA_CODE_PATTERN.test(value);
}

export const areaSchema = z.strictObject({
  name: z
    .string({ error: "Il nome dell'area è obbligatorio." })
    .trim()
    .min(1, { error: "Il nome dell'area è obbligatorio." })
    .max(200),
});

export type Area = z.infer<typeof areaSchema>;
