/**
 * Weekly reminder e-mails (DESIGN §12): the coordinator switches them on or off from the menu
 * (*Promemoria settimanali*), which installs or removes one time-driven trigger; the trigger asks
 * the server what is due this ISO week (Europe/Rome), sends one Italian message per municipality
 * to its staff with MailApp, and records each sent message on the server at once, so that a
 * rerun the same week sends nothing twice. The server decides what is due; this only sends.
 */
import { DateTime } from "luxon";
import { ZONE } from "../../functions/src/domain/period.js";
import { connect, fetchMe } from "./api-client.js";
import { BAKED_API_URL } from "./baked-settings.js";
import { readSettings } from "./document-settings.js";
import { toast, UserError, withDocumentLock } from "./user-error.js";

const TITLE = "Promemoria settimanali";
/** The trigger's function: a top-level export of main.ts. */
export const REMINDER_HANDLER = "sendWeeklyReminders";
/** Monday morning: the week's work is planned then, and months are due in its first days. */
const HOUR = 8;

export function toggleWeeklyReminders(): void {
  const me = fetchMe(connect(readSettings()));
  if (me.role !== "coordinator")
    throw new UserError("I promemoria settimanali li attiva il coordinatore della rete.");
  const ui = SpreadsheetApp.getUi();
  withDocumentLock(() => {
    const ours = ScriptApp.getProjectTriggers().filter(
      (trigger) => trigger.getHandlerFunction() === REMINDER_HANDLER,
    );
    if (ours.length > 0) {
      const answer = ui.alert(
        `POLI-NET – ${TITLE}`,
        `I promemoria settimanali sono attivi: ogni lunedì verso le ${HOUR} ogni comune con qualcosa da fare riceve un messaggio. Disattivarli?`,
        ui.ButtonSet.YES_NO,
      );
      if (answer !== ui.Button.YES) return;
      for (const trigger of ours) ScriptApp.deleteTrigger(trigger);
      toast(TITLE, "Promemoria settimanali disattivati.");
      return;
    }
    const answer = ui.alert(
      `POLI-NET – ${TITLE}`,
      `Attivare i promemoria settimanali? Ogni lunedì verso le ${HOUR} POLI-NET manderà, dal vostro account, un messaggio al personale di ogni comune che ha mesi da inviare, segnalazioni, schede da rivedere o picchi senza misure. Lo stesso messaggio non parte due volte nella stessa settimana.`,
      ui.ButtonSet.YES_NO,
    );
    if (answer !== ui.Button.YES) return;
    ScriptApp.newTrigger(REMINDER_HANDLER)
      .timeBased()
      .everyWeeks(1)
      .onWeekDay(ScriptApp.WeekDay.MONDAY)
      .atHour(HOUR)
      .create();
    toast(TITLE, `Promemoria settimanali attivati: ogni lunedì verso le ${HOUR}.`);
  });
}

interface Reminder {
  municipality: string;
  name: string;
  recipients: string[];
  subject: string;
  text: string;
}

/** What one run did, for the log and the tests. */
export interface ReminderRun {
  week: string;
  sent: string[];
  left: string[];
  problem: string | null;
}

/** The trigger: no one is watching, so everything goes to the log (in English). */
export function sendWeeklyReminders(): ReminderRun {
  const week = DateTime.now().setZone(ZONE).toFormat("kkkk-'W'WW");
  const run: ReminderRun = { week, sent: [], left: [], problem: null };
  try {
    const api = connect({ apiUrl: settingsUrl() });
    const response = api.call({
      method: "get",
      path: `/v1/reminders?week=${encodeURIComponent(week)}`,
    });
    if (response.status !== 200) {
      run.problem = `GET /v1/reminders answered ${response.status}`;
      console.error(`POLI-NET reminders ${week}: ${run.problem}`);
      return run;
    }
    const reminders = (response.body?.reminders ?? []) as Reminder[];
    for (const [i, reminder] of reminders.entries()) {
      // Each recipient counts against the daily quota: stop before a message would fail.
      if (MailApp.getRemainingDailyQuota() < reminder.recipients.length) {
        run.left = reminders.slice(i).map((r) => r.municipality);
        run.problem = `daily mail quota used up; ${run.left.length} left for the next run`;
        console.warn(`POLI-NET reminders ${week}: ${run.problem}`);
        break;
      }
      MailApp.sendEmail({
        to: reminder.recipients.join(","),
        subject: reminder.subject,
        body: reminder.text,
        name: "POLI-NET",
      });
      const recorded = api.call({
        method: "post",
        path: `/v1/reminders/${week}/sent`,
        body: { municipality: reminder.municipality },
      });
      if (recorded.status !== 200)
        console.error(
          `POLI-NET reminders ${week}: sent to ${reminder.municipality} but not recorded (${recorded.status}); a rerun this week would send it again`,
        );
      run.sent.push(reminder.municipality);
    }
  } catch (error) {
    run.problem = error instanceof UserError ? error.message : String(error);
    console.error(`POLI-NET reminders ${week}:`, error);
  }
  console.info(`POLI-NET reminders ${week}: ${run.sent.length} sent, ${run.left.length} left`);
  return run;
}

/** A trigger may run where document properties are out of reach: the baked server is the one. */
function settingsUrl(): string {
  try {
    return readSettings().apiUrl;
  } catch {
    return BAKED_API_URL;
  }
}
