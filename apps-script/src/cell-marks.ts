/**
 * Puts the server's verdict back on the sheet: a note and a colour on the exact cell, red for an
 * error, yellow for a warning. Our note lines start with a fixed prefix, so that they can be
 * removed later without touching the notes and colours staff put there themselves.
 * One block read and one block write of notes and backgrounds per sheet, whatever its size.
 */
import { COLORS, plainBackground } from "./sheet-layout.js";

export type MarkKind = "error" | "warning";

export interface Mark {
  row: number;
  column: number;
  kind: MarkKind;
  message: string;
}

/** Which earlier marks a cell loses before the new ones go on. */
export type ClearPolicy = (row: number, column: number) => "all" | "errors";

const PREFIX = "POLI-NET – ";
const LABEL: Record<MarkKind, string> = { error: "errore", warning: "avviso" };

export interface MarkedBlock {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  kind: "procedures" | "service";
  firstRow: number;
  rows: number;
  columns: number;
}

/** Returns how many cells carry a mark after the update. */
export function updateMarks(
  block: MarkedBlock,
  marks: readonly Mark[],
  policy: ClearPolicy,
): number {
  if (block.rows <= 0) return 0;
  const range = block.sheet.getRange(block.firstRow, 1, block.rows, block.columns);
  const notes = range.getNotes();
  const backgrounds = range.getBackgrounds();
  let changed = false;
  const byCell = new Map<string, Mark[]>();
  for (const mark of marks) {
    const key = `${mark.row}:${mark.column}`;
    byCell.set(key, [...(byCell.get(key) ?? []), mark]);
  }
  let marked = 0;
  for (let r = 0; r < block.rows; r++) {
    const row = block.firstRow + r;
    const noteRow = notes[r] ?? [];
    const colourRow = backgrounds[r] ?? [];
    for (let c = 0; c < block.columns; c++) {
      const column = c + 1;
      const before = String(noteRow[c] ?? "");
      const { kept, ours } = splitNote(before, policy(row, column));
      const fresh = byCell.get(`${row}:${column}`) ?? [];
      const lines = [...ours, ...fresh.map((m) => `${PREFIX}${LABEL[m.kind]}: ${m.message}`)];
      const unique = [...new Set(lines)];
      const note = [...unique, ...kept].join("\n");
      const kind = markKind(unique);
      const colour = kind ? COLORS[kind] : restored(colourRow[c], before, block, row);
      if (kind) marked++;
      if (note !== before) {
        noteRow[c] = note;
        changed = true;
      }
      if (colour !== (colourRow[c] ?? null)) {
        colourRow[c] = colour as string;
        changed = true;
      }
    }
  }
  if (changed) {
    range.setNotes(notes);
    range.setBackgrounds(backgrounds);
  }
  return marked;
}

/** Our lines that stay under the policy, and the lines that are not ours. */
function splitNote(note: string, policy: "all" | "errors"): { kept: string[]; ours: string[] } {
  if (!note.includes(PREFIX)) return { kept: note === "" ? [] : [note], ours: [] };
  const kept: string[] = [];
  const ours: string[] = [];
  for (const line of note.split("\n")) {
    if (!line.startsWith(PREFIX)) kept.push(line);
    else if (policy === "errors" && line.startsWith(`${PREFIX}${LABEL.warning}:`)) ours.push(line);
  }
  return { kept, ours };
}

function markKind(lines: readonly string[]): MarkKind | null {
  if (lines.some((line) => line.startsWith(`${PREFIX}${LABEL.error}:`))) return "error";
  return lines.length > 0 ? "warning" : null;
}

/** A cell we no longer mark gets its plain colour back, unless staff coloured it since. */
function restored(current: string | undefined, note: string, block: MarkedBlock, row: number) {
  const ours = current === COLORS.error || current === COLORS.warning;
  if (ours && note.includes(PREFIX)) return plainBackground(block.kind, row);
  return current ?? null;
}
