/**
 * Maps a path the API or the domain validation reports (`["procedures", 3, "desk"]`,
 * `["service", "visits"]`) to the cell that holds it, and rewords row numbers so that they are
 * the sheet's own row numbers rather than positions in the submitted list.
 */
import type { MonthDraft } from "./month-drafts.js";
import {
  deskColumn,
  PROCEDURES,
  SERVICE_FIELDS,
  serviceColumn,
  serviceRow,
  totalColumn,
} from "./sheet-layout.js";

export interface CellRef {
  sheet: "procedures" | "service";
  row: number;
  column: number;
}

const PROCEDURE_COLUMNS: Record<string, (monthIndex: number) => number> = {
  code: () => PROCEDURES.codeColumn,
  name: () => PROCEDURES.nameColumn,
  area: () => PROCEDURES.areaColumn,
  total: totalColumn,
  desk: deskColumn,
};

/** The month's heading cell: where messages about the whole month go. */
export function monthHeadingCell(draft: Pick<MonthDraft, "monthIndex">): CellRef {
  return { sheet: "procedures", row: PROCEDURES.monthRow, column: totalColumn(draft.monthIndex) };
}

export function issueCell(draft: MonthDraft, path: readonly (string | number)[]): CellRef {
  const [section, key, field] = path;
  if (section === "procedures" && typeof key === "number") {
    const row = draft.rows[key];
    const column = PROCEDURE_COLUMNS[String(field)];
    if (row !== undefined) {
      return {
        sheet: "procedures",
        row,
        column: column ? column(draft.monthIndex) : PROCEDURES.codeColumn,
      };
    }
  }
  if (section === "service" && SERVICE_FIELDS.some((f) => f.key === key)) {
    return {
      sheet: "service",
      row: serviceRow(draft.monthIndex),
      column: serviceColumn(key as (typeof SERVICE_FIELDS)[number]["key"]),
    };
  }
  // About the month's service figures as a whole: on the month's name in the service sheet.
  if (section === "service")
    return { sheet: "service", row: serviceRow(draft.monthIndex), column: 1 };
  return monthHeadingCell(draft);
}

/** "Riga 3 (ANA-01): …" counts submitted rows from 1; staff see sheet rows. */
export function inSheetTerms(message: string, draft: MonthDraft): string {
  const sheetRow = (position: string) => {
    const row = draft.rows[Number(position) - 1];
    return row === undefined ? position : String(row);
  };
  return message
    .replace(/^Riga (\d+)/, (_, n: string) => `Riga ${sheetRow(n)}`)
    .replace(/alla riga (\d+)/g, (_, n: string) => `alla riga ${sheetRow(n)}`);
}
