/**
 * The *POLI-NET* menu. In AuthMode.NONE (the add-on is installed but not yet used in this file)
 * nothing that needs authorisation may run, so the basic menu is built without reading
 * anything; once authorised, the role the server last gave (cached in the document) adds the
 * coordinator's item.
 */
import { cachedMe } from "./document-settings.js";

export function buildMenu(coordinator: boolean): void {
  const menu = SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem("Imposta foglio", "setUpSheet")
    .addItem("Invia dati", "submitData")
    .addItem("Aggiorna confronto rete", "refreshComparison")
    .addItem("Report pubblicati", "showPublishedReports")
    .addItem("Aggiorna prossimi 60 giorni", "refreshUpcoming")
    .addItem("Giustifica segnalazione", "justifyWarning")
    .addItem("Da fare", "showTodo")
    .addSeparator()
    .addItem("Impostazioni", "showSettings");
  if (coordinator) {
    menu
      .addSeparator()
      .addItem("Ricalcola indicatori", "recomputeIndicators")
      .addItem("Genera report", "generateReport")
      .addItem("Promemoria settimanali", "toggleWeeklyReminders");
  }
  menu.addToUi();
}

export function openMenu(event?: { authMode?: GoogleAppsScript.Script.AuthMode }): void {
  if (event?.authMode === ScriptApp.AuthMode.NONE) {
    buildMenu(false);
    return;
  }
  let coordinator = false;
  try {
    coordinator = cachedMe()?.role === "coordinator";
  } catch {
    // Properties may be out of reach in a limited mode: the basic menu is still right.
  }
  buildMenu(coordinator);
}
