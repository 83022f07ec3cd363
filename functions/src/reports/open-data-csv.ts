import { stringify } from "csv-stringify/sync";
import type { ReportIndicator, ReportModel } from "./report-model.js";

/** Numbers as Italian Excel and LibreOffice read them: decimal comma, no thousands separator. */
const italianNumber = new Intl.NumberFormat("it-IT", {
  useGrouping: false,
  maximumFractionDigits: 6,
});

/**
 * A spreadsheet runs a cell that starts with = + - @ as a formula: names are the coordinator's
 * free text, so such a cell is prefixed with an apostrophe, which spreadsheets show as text.
 */
const asText = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

export const OPEN_DATA_COLUMNS = [
  "codice_istat",
  "comune",
  "periodo",
  "indicatore",
  "area",
  "valore",
  "posizione",
] as const;

/**
 * The open-data CSV of a report: one row per municipality × indicator (then × area for the
 * filter rate per area), for Italian Excel and LibreOffice: `;` between fields, `,` for decimals,
 * UTF-8 with a byte-order mark (without it Excel reads UTF-8 as Windows-1252) and CRLF line ends.
 * An empty cell is a value the municipality did not report.
 */
export function openDataCsv(report: ReportModel): string {
  const rows: (string | number | null)[][] = [];
  const add = (indicator: ReportIndicator, area: string) => {
    for (const m of indicator.municipalities) {
      rows.push([
        m.istat,
        asText(m.name),
        report.period.key,
        indicator.indicator,
        area,
        m.value,
        m.rank,
      ]);
    }
  };
  for (const indicator of report.indicators) add(indicator, "");
  for (const area of report.areas) add(area.filterRate, area.code);
  return stringify(rows, {
    bom: true,
    delimiter: ";",
    record_delimiter: "windows",
    header: true,
    columns: [...OPEN_DATA_COLUMNS],
    // Text quoted, numbers not: LibreOffice's "Format quoted field as text" then keeps the ISTAT
    // codes' leading zeros while values stay numbers.
    quoted_string: true,
    cast: { number: (value) => italianNumber.format(value) },
  });
}

/** The open-data JSON: the report without the data-quality notes, which stay among members. */
export function openDataJson(report: ReportModel): Omit<ReportModel, "notes"> {
  const { notes: _notes, ...open } = report;
  return open;
}
