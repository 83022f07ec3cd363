/** How a value reads: the HTML page and the sheet format numbers by it. */
export type ReportUnit = "percent" | "minutes" | "per1000" | "hours" | "number";

/**
 * Italian names of the indicators of DESIGN §7, for every sink. An indicator added later without
 * a label here still joins the report, under its key, until it is given one.
 */
const LABELS: Record<string, { label: string; unit: ReportUnit }> = {
  filterRate: { label: "Pratiche gestite dallo sportello", unit: "percent" },
  satisfactionRate: { label: "Utenti soddisfatti", unit: "percent" },
  withinTargetRate: { label: "Utenti serviti entro il tempo obiettivo", unit: "percent" },
  meanWaitMinutes: { label: "Attesa media", unit: "minutes" },
  complaintsPer1000Visits: { label: "Reclami ogni 1.000 accessi", unit: "per1000" },
  visitsPer1000Inhabitants: { label: "Accessi ogni 1.000 abitanti", unit: "per1000" },
  openingHoursWeekly: { label: "Ore di apertura settimanali", unit: "hours" },
  peaksPlannedAhead: { label: "Picchi pianificati in anticipo", unit: "percent" },
  cardsCurrent: { label: "Schede procedimento aggiornate", unit: "percent" },
};

export function indicatorLabel(indicator: string): { label: string; unit: ReportUnit } {
  return LABELS[indicator] ?? { label: indicator, unit: "number" };
}
