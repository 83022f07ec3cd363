/**
 * The few markup helpers the HTML report is written with. Every text that comes from data
 * (municipality, area and network names, note messages) goes through `esc`, so a name holding
 * `<` or `&` shows as written and cannot inject markup.
 */
export function esc(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/**
 * A figure as a cell shows it: the Italian text, with the exact value in `<data value>` (a
 * machine-readable copy that lets a reader's tools, and the tests, check the rounding).
 */
export function figure(value: number | null, shown: string): string {
  return value === null ? esc(shown) : `<data value="${value}">${esc(shown)}</data>`;
}

export interface Table {
  caption: string;
  /** Column headers; the first column holds the row headers. */
  columns: string[];
  /** Cells as markup: the first is the row header (already escaped), the rest figures. */
  rows: string[][];
  footer?: string[][];
  className?: string;
  /** `data-table` attribute: which table this is, for tests and stylesheets. */
  name: string;
}

function row(cells: string[]): string {
  const [head, ...rest] = cells;
  return `<tr><th scope="row">${head ?? ""}</th>${rest.map((c) => `<td>${c}</td>`).join("")}</tr>`;
}

export function table(t: Table): string {
  const head = t.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join("");
  const foot = t.footer ? `<tfoot>${t.footer.map(row).join("")}</tfoot>` : "";
  return (
    `<table data-table="${esc(t.name)}"${t.className ? ` class="${t.className}"` : ""}>` +
    `<caption>${esc(t.caption)}</caption><thead><tr>${head}</tr></thead>` +
    `<tbody>${t.rows.map(row).join("")}</tbody>${foot}</table>`
  );
}

/**
 * A chart's SVG made an image for assistive technology: `role="img"`, named by its `<title>` and
 * described by its `<desc>`, both first children of the `<svg>` as SVG accessibility asks.
 */
export function accessibleSvg(id: string, svg: string, title: string, description: string): string {
  const open = svg.indexOf(">", svg.indexOf("<svg")) + 1;
  if (open === 0) throw new Error("chart renderer returned no <svg> element");
  const tag = svg
    .slice(0, open)
    .replace("<svg ", `<svg role="img" aria-labelledby="${id}-t" aria-describedby="${id}-d" `);
  return (
    `${tag}<title id="${id}-t">${esc(title)}</title><desc id="${id}-d">${esc(description)}</desc>` +
    svg.slice(open)
  );
}
