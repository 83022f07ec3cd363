/**
 * *Giustifica segnalazione*: staff answer a data-quality warning with a justification instead of
 * changing a value that is right (DESIGN §12). Acts on the selected cell: its note names the
 * remark (warning-notes.ts); the text is asked for, sent with `PUT …/warnings/{id}`, and the cell
 * turns green with the justification in its note. Three Sheets calls on the cell, whatever the
 * size of the sheet.
 */
import { connectForMunicipality, describeFailure, errorBody } from "./api-client.js";
import { markKind } from "./cell-marks.js";
import { COLORS } from "./sheet-layout.js";
import { toast, UserError, withDocumentLock } from "./user-error.js";
import { justifiedNote, openWarnings } from "./warning-notes.js";

const TITLE = "Giustifica segnalazione";
/** As the server's limit (DESIGN §12): checked here so that the text typed is not lost. */
const MAX_TEXT = 2000;

export function justifyWarning(): void {
  const cell = SpreadsheetApp.getActiveSpreadsheet().getCurrentCell();
  const note = cell ? String(cell.getNote() ?? "") : "";
  const warning = openWarnings(note)[0];
  if (!cell || !warning) {
    throw new UserError(
      "La cella selezionata non ha segnalazioni da giustificare. Selezionare una cella gialla con la nota di POLI-NET (dopo Invia dati) e scegliere di nuovo POLI-NET › Giustifica segnalazione.",
    );
  }
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(
    `POLI-NET – ${TITLE}`,
    `Segnalazione: ${warning.message}\n\nSe il dato è corretto, scrivere perché (al massimo ${MAX_TEXT} caratteri). Se invece è sbagliato, annullare, correggere la cella e scegliere Invia dati.`,
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) return;
  const text = answer.getResponseText().trim();
  if (text === "")
    throw new UserError("La giustificazione è vuota: scrivere perché il dato è corretto.");
  if (text.length > MAX_TEXT)
    throw new UserError(
      `La giustificazione è lunga ${text.length} caratteri: al massimo ${MAX_TEXT}.`,
    );
  const { settings, api } = connectForMunicipality();
  const response = api.call({
    method: "put",
    path: `/v1/municipalities/${encodeURIComponent(settings.municipality)}/months/${warning.month}/warnings/${warning.id}`,
    body: { justification: text },
  });
  if (response.status !== 200) throw new UserError(refusal(response));
  withDocumentLock(() => {
    const updated = justifiedNote(note, warning, text);
    cell.setNote(updated);
    const kind = markKind(updated.split("\n"));
    if (kind) cell.setBackground(COLORS[kind]);
  });
  toast(
    TITLE,
    "Giustificazione registrata: la segnalazione resta visibile al coordinatore come giustificata.",
  );
}

function refusal(response: Parameters<typeof describeFailure>[0]): string {
  const error = errorBody(response);
  if (error?.code === "warning_corrected") return error.message;
  if (response.status === 400 && error?.issues?.[0]) return error.issues[0].message;
  if (response.status === 404)
    return "Il server non ha più questa segnalazione: il mese è stato inviato di nuovo con dati diversi. Scegliere Invia dati e, se la segnalazione ricompare, giustificarla dalla nuova nota.";
  return describeFailure(response, "giustificare la segnalazione");
}
