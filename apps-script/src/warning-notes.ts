/**
 * How a stored month's remark is named in its cell's note, so that *Giustifica segnalazione*
 * can answer it from the selected cell: the note line ends with `[segnalazione YYYY-MM/id]`,
 * the month and the server's stable id (DESIGN §12), which is all `PUT …/warnings/{id}` needs.
 */
import { LABEL, type MarkKind, PREFIX } from "./cell-marks.js";

const TAG = /\[segnalazione (\d{4}-\d{2})\/([0-9a-f]{12})\]/;

export const warningTag = (month: string, id: string) => `[segnalazione ${month}/${id}]`;

export interface NotedWarning {
  month: string;
  id: string;
  /** The remark as staff read it, without our prefix and the tag. */
  message: string;
  line: string;
}

/** The remarks of a note still to answer: warnings and information with a tag. */
export function openWarnings(note: string): NotedWarning[] {
  const open: MarkKind[] = ["warning", "info"];
  return note.split("\n").flatMap((line) => {
    const kind = open.find((k) => line.startsWith(`${PREFIX}${LABEL[k]}: `));
    const tag = TAG.exec(line);
    if (!kind || !tag?.[1] || !tag[2]) return [];
    const message = line.slice(`${PREFIX}${LABEL[kind]}: `.length).replace(tag[0], "").trim();
    return [{ month: tag[1], id: tag[2], message, line }];
  });
}

/** The note with that remark marked as justified, the text staff gave kept under it. */
export function justifiedNote(note: string, warning: NotedWarning, text: string): string {
  const line = `${PREFIX}${LABEL.justified}: ${warning.message} ${warningTag(warning.month, warning.id)} Giustificazione: ${text.replace(/\s*\n\s*/g, " ")}`;
  return note
    .split("\n")
    .map((l) => (l === warning.line ? line : l))
    .join("\n");
}
