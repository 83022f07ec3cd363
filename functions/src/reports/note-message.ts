import type { DataQualityWarning } from "../domain/data-quality.js";

/**
 * Remarks whose stored message holds no count of the municipality (percentages, a procedure's
 * code and name, a month): the report shows them as they were made.
 */
const COUNT_FREE = new Set<string>(["filter-rate-jump", "procedure-missing", "no-service-metrics"]);

/**
 * The message a report shows for a remark. The report goes to every member and possibly the
 * public, and some stored messages quote the municipality's totals and its median ("1.234
 * pratiche… mediana 120"): those, and any code added later, get a message of their own that
 * names the row but no figure.
 */
export function noteMessage(warning: Omit<DataQualityWarning, "code"> & { code: string }): string {
  if (COUNT_FREE.has(warning.code)) return warning.message;
  const [section, index] = warning.path;
  const row = section === "procedures" && typeof index === "number" ? `Riga ${index + 1}: ` : "";
  if (warning.code === "outlier" || warning.code === "implausible-total") {
    return `${row}numero di pratiche molto lontano dal solito per il comune. Dato da verificare.`;
  }
  return `${row}segnalazione "${warning.code}" sulla qualità del dato. Dato da verificare.`;
}
