/**
 * Puts the server's verdict back on the sheet: a note and a colour on the exact cell, red for an
 * error, yellow for a warning, light blue for a remark that only informs (severity `info`). Our
 * note lines start with a fixed prefix, so that they can be removed later without touching the
 * notes and colours staff put there themselves.
 *
 * Notes are read and written as one block. Colours are read as one block but written only on the
 * cells whose mark changed, one RangeList per colour: writing the block back would give every
 * unmarked cell an explicit white fill (getBackgrounds() reports "#ffffff" for a cell that has
 * none), hiding alternating colours and any fill a colleague adds later. The calls stay the same
 * whatever the size: one getRangeList and one setBackground per colour used (at most five).
 */
import { a1, COLORS, plainBackground } from "./sheet-layout.js";

/** `justified`: a warning staff answered with *Giustifica segnalazione* (green, nothing to do). */
export type MarkKind = "error" | "warning" | "info" | "justified";

export interface Mark {
  row: number;
  column: number;
  kind: MarkKind;
  message: string;
}

/** Which earlier marks a cell loses before the new ones go on. */
export type ClearPolicy = (row: number, column: number) => "all" | "errors";

export const PREFIX = "POLI-NET – ";
export const LABEL: Record<MarkKind, string> = {
  error: "errore",
  warning: "avviso",
  info: "informazione",
  justified: "giustificato",
};
/** Strongest first: a cell with an error and a warning is red. */
const KINDS: readonly MarkKind[] = ["error", "warning", "info", "justified"];
const OUR_COLOURS = new Set<string>(KINDS.map((kind) => COLORS[kind].toLowerCase()));

export interface MarkedBlock {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  /** The last header row of the sheet: rows 2 to it are coloured as headers when unmarked. */
  lastHeaderRow: number;
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
  let notesChanged = false;
  const byCell = new Map<string, Mark[]>();
  for (const mark of marks) {
    const key = `${mark.row}:${mark.column}`;
    byCell.set(key, [...(byCell.get(key) ?? []), mark]);
  }
  /** Cells to repaint, by the colour they get ("" resets to no fill). */
  const repaint = new Map<string, { row: number; column: number }[]>();
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
      const answered = justifiedByTag(before);
      const lines = [
        ...ours,
        ...fresh.map(
          (m) => answered.get(tagOf(m.message) ?? "") ?? `${PREFIX}${LABEL[m.kind]}: ${m.message}`,
        ),
      ];
      const unique = [...new Set(lines)];
      const note = [...unique, ...kept].join("\n");
      if (note !== before) {
        noteRow[c] = note;
        notesChanged = true;
      }
      const kind = markKind(unique);
      if (kind) marked++;
      const current = String(colourRow[c] ?? "").toLowerCase();
      const target = kind
        ? COLORS[kind]
        : OUR_COLOURS.has(current) && before.includes(PREFIX)
          ? (plainBackground(block.lastHeaderRow, row) ?? "")
          : null;
      if (target !== null && target.toLowerCase() !== current) {
        const cells = repaint.get(target) ?? [];
        cells.push({ row, column });
        repaint.set(target, cells);
      }
    }
  }
  if (notesChanged) range.setNotes(notes);
  for (const [colour, cells] of repaint) {
    block.sheet.getRangeList(columnRuns(cells)).setBackground(colour === "" ? null : colour);
  }
  return marked;
}

/** `D4:D9` for cells D4…D9 in a row: 300 marked rows of one column are one A1 range. */
function columnRuns(cells: readonly { row: number; column: number }[]): string[] {
  const sorted = [...cells].sort((a, b) => a.column - b.column || a.row - b.row);
  const runs: string[] = [];
  let start = sorted[0];
  let end = start;
  for (const cell of [...sorted.slice(1), undefined]) {
    if (start && end && cell && cell.column === end.column && cell.row === end.row + 1) {
      end = cell;
      continue;
    }
    if (start && end) {
      const first = a1(start.row, start.column);
      runs.push(end.row === start.row ? first : `${first}:${a1(end.row, end.column)}`);
    }
    start = cell;
    end = cell;
  }
  return runs;
}

/** The `[segnalazione …]` tag a remark's line ends with (warning-notes.ts), if any. */
const tagOf = (line: string) => /\[segnalazione [^\]]+\]/.exec(line)?.[0];

/**
 * The justified lines of a note by their tag: the server keeps a justification for the same
 * remark (same id) on later revisions of the month, so a resend must not turn it yellow again.
 */
function justifiedByTag(note: string): Map<string, string> {
  const answered = new Map<string, string>();
  if (!note.includes(`${PREFIX}${LABEL.justified}:`)) return answered;
  for (const line of note.split("\n")) {
    const tag = line.startsWith(`${PREFIX}${LABEL.justified}:`) ? tagOf(line) : undefined;
    if (tag) answered.set(tag, line);
  }
  return answered;
}

/** Our lines that stay under the policy, and the lines that are not ours. */
function splitNote(note: string, policy: "all" | "errors"): { kept: string[]; ours: string[] } {
  if (!note.includes(PREFIX)) return { kept: note === "" ? [] : [note], ours: [] };
  const kept: string[] = [];
  const ours: string[] = [];
  for (const line of note.split("\n")) {
    if (!line.startsWith(PREFIX)) kept.push(line);
    else if (policy === "errors" && !line.startsWith(`${PREFIX}${LABEL.error}:`)) ours.push(line);
  }
  return { kept, ours };
}

export function markKind(lines: readonly string[]): MarkKind | null {
  for (const kind of KINDS) {
    if (lines.some((line) => line.startsWith(`${PREFIX}${LABEL[kind]}:`))) return kind;
  }
  return null;
}
