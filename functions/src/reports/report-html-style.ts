/**
 * The report page's stylesheet: A4 with margins for print, each section starting a page, table
 * headers repeated on every printed page, rows never cut in half. Quartile colours are light
 * backgrounds under dark text (contrast above 7:1) and the quartile is also written, so colour is
 * never the only sign.
 */
export const REPORT_STYLE = `
@page { size: A4; margin: 14mm 12mm; }
html { color: #1a1a1a; background: #fff; }
body { font: 10pt/1.35 Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 186mm; }
@media screen { body { padding: 16px; } }
h1 { font-size: 17pt; margin: 0 0 6px; }
h2 { font-size: 14pt; margin: 0 0 8px; }
.meta { color: #333; }
section + section { break-before: page; }
figure.chart { margin: 0 0 10px; break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; margin: 0 0 12px; font-size: 9pt; }
table.wide { font-size: 7.5pt; }
table.wide th[scope="row"] { white-space: nowrap; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { border-bottom: 1px solid #bbb; padding: 2px 4px; text-align: right; vertical-align: top; }
th[scope="row"], thead th:first-child { text-align: left; }
thead { display: table-header-group; }
thead th { background: #eef1f4; }
tfoot th, tfoot td { font-weight: bold; border-top: 2px solid #555; }
tr { break-inside: avoid; }
table[data-table="notes"] td:last-child { text-align: left; }
.q { display: inline-block; min-width: 2.2em; text-align: center; border-radius: 3px; }
.q1 { background: #cfe8cf; }
.q2 { background: #e6f0c8; }
.q3 { background: #fbe3c4; }
.q4 { background: #f6cdcb; }
`;
