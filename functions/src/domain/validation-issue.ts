import type { z } from "zod";

/** One reason a body was refused, pointing at the exact field so the add-on can mark the cell. */
export interface ValidationIssue {
  path: (string | number)[];
  message: string;
}

export function zodIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((key) => (typeof key === "symbol" ? String(key) : key)),
    message: issue.message,
  }));
}
