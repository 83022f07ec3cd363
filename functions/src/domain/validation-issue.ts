/** One reason a body was refused, pointing at the exact field so the add-on can mark the cell. */
export interface ValidationIssue {
  path: (string | number)[];
  message: string;
}
