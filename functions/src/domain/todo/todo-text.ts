import { italianMonth } from "../period.js";
import type { Todo } from "./todo.js";

/** `2026-03-10` → `10/03/2026`, as Italians write dates. */
const italianDate = (iso: string) => iso.split("-").reverse().join("/");

/**
 * The to-do of a municipality as the Italian text of a reminder e-mail (DESIGN §12): plain text,
 * one line per thing to do, grouped. Empty when there is nothing to do.
 */
export function todoText(todo: Todo): string {
  if (todo.count === 0) return "";
  const lines = [`POLI-NET: cose da fare per il comune di ${todo.name}`, ""];
  if (todo.months.length > 0) {
    lines.push("Mesi da inviare:");
    for (const m of todo.months)
      lines.push(
        m.state === "missing"
          ? `- ${italianMonth(m.month)}: non inviato (scadenza ${italianDate(m.dueDate)} passata)`
          : `- ${italianMonth(m.month)}: da inviare entro il ${italianDate(m.dueDate)}`,
      );
    lines.push("");
  }
  if (todo.warnings.length > 0) {
    lines.push("Segnalazioni sui dati da correggere o giustificare:");
    for (const w of todo.warnings) lines.push(`- ${italianMonth(w.month)}: ${w.message}`);
    lines.push("");
  }
  if (todo.cards.length > 0) {
    lines.push("Schede procedimento da rivedere:");
    for (const c of todo.cards)
      lines.push(
        c.status === "stale"
          ? `- ${c.code}: revisione scaduta il ${italianDate(c.nextReview)}`
          : `- ${c.code}: da rivedere entro il ${italianDate(c.nextReview)}`,
      );
    lines.push("");
  }
  if (todo.peaks.length > 0) {
    lines.push("Picchi dei prossimi 60 giorni senza misure organizzative:");
    for (const p of todo.peaks)
      lines.push(
        `- ${p.title} (${p.source === "network" ? "rete" : "comune"}), dal ${italianDate(p.effectiveStart)}`,
      );
    lines.push("");
  }
  lines.push("Aprire il foglio del comune e usare il menu POLI-NET › Da fare.");
  return lines.join("\n");
}
