/**
 * The add-on's entry points. Every export here becomes a plain top-level function in the pushed
 * Code.js (see scripts/addon/build-addon.ts): triggers, menu items and google.script.run
 * handlers. Export nothing else from this file.
 */

import { justifyWarning as justify } from "./justify-warning.js";
import { openMenu } from "./menu.js";
import {
  recomputeIndicators as recompute,
  refreshComparison as refresh,
} from "./network-comparison.js";
import {
  generateReport as generate,
  showPublishedReports as listReports,
  showReportPage as showPage,
} from "./reports-dialog.js";
import { setUpSheet as setUp } from "./set-up-sheet.js";
import { getSettingsView, saveSettings, showSettings as show } from "./settings-sidebar.js";
import { submitData as submit } from "./submit-data.js";
import { showTodo as todo } from "./todo-sidebar.js";
import { refreshUpcoming as upcoming } from "./upcoming-peaks.js";
import { runAction } from "./user-error.js";
import {
  type ReminderRun,
  sendWeeklyReminders as remind,
  toggleWeeklyReminders as toggleReminders,
} from "./weekly-reminders.js";

export function onInstall(event?: { authMode?: GoogleAppsScript.Script.AuthMode }): void {
  openMenu(event);
}

export function onOpen(event?: { authMode?: GoogleAppsScript.Script.AuthMode }): void {
  openMenu(event);
}

export function setUpSheet(): void {
  runAction("Imposta foglio", setUp);
}

export function submitData(): void {
  runAction("Invia dati", submit);
}

export function refreshComparison(): void {
  runAction("Confronto rete", refresh);
}

export function refreshUpcoming(): void {
  runAction("Prossimi 60 giorni", upcoming);
}

export function recomputeIndicators(): void {
  runAction("Ricalcola indicatori", recompute);
}

export function generateReport(): void {
  runAction("Genera report", generate);
}

export function showPublishedReports(): void {
  runAction("Report pubblicati", listReports);
}

/** google.script.run handler of the report dialogs' "Report stampabile" and "Apri" links. */
export function showReportPage(period: unknown, version: unknown): void {
  runAction("Report", () => showPage(period, version));
}

export function justifyWarning(): void {
  runAction("Giustifica segnalazione", justify);
}

export function showTodo(): void {
  runAction("Da fare", todo);
}

export function toggleWeeklyReminders(): void {
  runAction("Promemoria settimanali", toggleReminders);
}

/** The weekly time-driven trigger (weekly-reminders.ts): no UI, it logs. */
export function sendWeeklyReminders(): ReminderRun {
  return remind();
}

export function showSettings(): void {
  runAction("Impostazioni", show);
}

export { getSettingsView, saveSettings };
