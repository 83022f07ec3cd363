/**
 * What staff see when an action cannot go on: an Italian sentence saying what to do. Anything
 * else that goes wrong is logged for whoever maintains the add-on and shown as a generic
 * sentence, never as a stack trace or a JSON dump.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}

const UNEXPECTED =
  "Si è verificato un problema imprevisto. Riprovare tra qualche minuto; se si ripete, avvisare il coordinatore della rete.";

/** Runs a menu action: a UserError becomes an alert, anything else a logged generic alert. */
export function runAction(title: string, action: () => void): void {
  try {
    action();
  } catch (error) {
    if (!(error instanceof UserError)) console.error(`POLI-NET ${title}:`, error);
    alert(title, error instanceof UserError ? error.message : UNEXPECTED);
  }
}

/** For google.script.run handlers: the sidebar shows `message` instead of the error. */
export function messageOf(error: unknown): string {
  if (error instanceof UserError) return error.message;
  console.error("POLI-NET:", error);
  return UNEXPECTED;
}

export function alert(title: string, message: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(`POLI-NET – ${title}`, message, ui.ButtonSet.OK);
}

export function toast(title: string, message: string): void {
  SpreadsheetApp.getActiveSpreadsheet().toast(message, `POLI-NET – ${title}`, 8);
}

/** Serialises actions that write the sheet, so that two colleagues cannot interleave. */
export function withDocumentLock<T>(action: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock?.tryLock(15_000)) {
    throw new UserError(
      "Un collega sta già lavorando sul foglio con POLI-NET. Attendere qualche secondo e riprovare.",
    );
  }
  try {
    return action();
  } finally {
    lock.releaseLock();
  }
}
