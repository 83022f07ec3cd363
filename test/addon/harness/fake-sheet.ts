/**
 * An in-memory spreadsheet: sheets of cells holding values, notes, backgrounds, number formats,
 * data validation and styles, plus merges, frozen panes and range protections. It keeps the
 * Sheets behaviours the add-on must respect: new sheets have 1000 rows and 26 columns, ranges
 * outside them fail, and data written must match the range's size.
 */
import { type CallLog, Tracked, track } from "./call-log.js";
import { FakeRange, FakeRangeList } from "./fake-range.js";
import type { FakeRule } from "./fake-validation.js";

export interface Cell {
  value?: unknown;
  note?: string;
  background?: string;
  format?: string;
  validation?: FakeRule | null;
  style?: Record<string, unknown>;
}

export class FakeProtection extends Tracked {
  readonly kind = "Protection";
  description = "";
  warningOnly = false;

  constructor(readonly range: FakeRange) {
    super();
  }

  setDescription = (text: string) => {
    this.description = text;
    return this;
  };
  getDescription = () => this.description;
  setWarningOnly = (warning: boolean) => {
    this.warningOnly = warning;
    return this;
  };
  isWarningOnly = () => this.warningOnly;
  getRange = () => this.range;
}

export class FakeSheet extends Tracked {
  readonly kind = "Sheet";
  private readonly cells = new Map<string, Cell>();
  maxRows = 1000;
  maxColumns = 26;
  frozenRows = 0;
  frozenColumns = 0;
  readonly merges = new Set<string>();
  readonly protections: FakeProtection[] = [];
  readonly columnWidths = new Map<number, number>();

  constructor(
    readonly book: FakeSpreadsheet,
    public name: string,
  ) {
    super();
  }

  cell(row: number, column: number, create = false): Cell | undefined {
    const key = `${row}:${column}`;
    let cell = this.cells.get(key);
    if (!cell && create) {
      cell = {};
      this.cells.set(key, cell);
    }
    return cell;
  }

  a1(row: number, column: number, rows = 1, columns = 1): string {
    const letters = (n: number): string =>
      (n > 26 ? letters(Math.floor((n - 1) / 26)) : "") + String.fromCharCode(65 + ((n - 1) % 26));
    const start = `${letters(column)}${row}`;
    return rows === 1 && columns === 1
      ? start
      : `${start}:${letters(column + columns - 1)}${row + rows - 1}`;
  }

  private last(axis: 0 | 1): number {
    let last = 0;
    for (const [key, cell] of this.cells) {
      if (cell.value === undefined || cell.value === "" || cell.value === null) continue;
      last = Math.max(last, Number(key.split(":")[axis]));
    }
    return last;
  }

  getName = () => this.name;
  getLastRow = () => this.last(0);
  getLastColumn = () => this.last(1);
  getMaxRows = () => this.maxRows;
  getMaxColumns = () => this.maxColumns;

  getRange = (rowOrA1: number | string, column?: number, rows = 1, columns = 1): FakeRange => {
    if (typeof rowOrA1 === "string") return this.rangeA1(rowOrA1);
    const row = rowOrA1;
    if (column === undefined) throw new Error("getRange(row) needs a column in this fake");
    if (row < 1 || column < 1 || rows < 1 || columns < 1)
      throw new Error("Those rows are out of bounds.");
    if (row + rows - 1 > this.maxRows || column + columns - 1 > this.maxColumns) {
      throw new Error("The coordinates of the range are outside the dimensions of the sheet.");
    }
    return new FakeRange(this, row, column, rows, columns);
  };

  private rangeA1(a1: string): FakeRange {
    const parse = (ref: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(ref);
      if (!m?.[1] || !m[2]) throw new Error(`Range not found: ${a1}`);
      const column = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      return { row: Number(m[2]), column };
    };
    const [from, to] = a1.split(":").map(parse);
    if (!from) throw new Error(`Range not found: ${a1}`);
    const end = to ?? from;
    return this.getRange(
      from.row,
      from.column,
      end.row - from.row + 1,
      end.column - from.column + 1,
    );
  }

  getRangeList = (a1Notations: string[]) => {
    if (!Array.isArray(a1Notations) || a1Notations.length === 0)
      throw new Error(
        "The parameters (number[]) don't match the method signature for getRangeList.",
      );
    return new FakeRangeList(a1Notations.map((a1) => this.rangeA1(a1)));
  };

  getDataRange = () =>
    this.getRange(1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()));

  /** Only growing at the end is modelled: the add-on never inserts in the middle. */
  insertColumnsAfter = (after: number, count: number) => {
    if (after !== this.maxColumns) throw new Error("fake: columns can only be added at the end");
    this.maxColumns += count;
    return this;
  };
  insertRowsAfter = (after: number, count: number) => {
    if (after !== this.maxRows) throw new Error("fake: rows can only be added at the end");
    this.maxRows += count;
    return this;
  };
  setFrozenRows = (n: number) => {
    this.frozenRows = n;
  };
  setFrozenColumns = (n: number) => {
    this.frozenColumns = n;
  };
  setColumnWidth = (column: number, width: number) => {
    this.columnWidths.set(column, width);
    return this;
  };
  setColumnWidths = (first: number, count: number, width: number) => {
    for (let c = first; c < first + count; c++) this.columnWidths.set(c, width);
    return this;
  };
  getProtections = (type: string) => (type === "RANGE" ? [...this.protections] : []);
  activate = () => {
    this.book.active = this;
    return this;
  };
}

export class FakeSpreadsheet extends Tracked {
  readonly kind = "Spreadsheet";
  readonly sheets: FakeSheet[];
  active: FakeSheet;
  readonly toasts: { title: string; message: string }[] = [];

  constructor() {
    super();
    // A new spreadsheet has one empty sheet, as in Google Sheets.
    this.active = new FakeSheet(this, "Foglio1");
    this.sheets = [this.active];
  }

  getSheets = () => [...this.sheets];
  getSheetByName = (name: string) => this.sheets.find((sheet) => sheet.name === name) ?? null;
  insertSheet = (name: string) => {
    if (this.getSheetByName(name))
      throw new Error(`A sheet with the name "${name}" already exists.`);
    const sheet = new FakeSheet(this, name);
    this.sheets.push(sheet);
    this.active = sheet;
    return sheet;
  };
  getActiveSheet = () => this.active;
  /** The cell with the cursor, as the tests select it; null when none is. */
  currentCell: { sheet: FakeSheet; row: number; column: number } | null = null;
  getCurrentCell = () => {
    const at = this.currentCell;
    return at ? at.sheet.getRange(at.row, at.column) : null;
  };
  toast = (message: string, title = "", _seconds?: number) => {
    this.toasts.push({ title, message });
  };

  /** What the add-on gets from SpreadsheetApp: every call it makes on it is counted in `log`. */
  tracked(log: CallLog): FakeSpreadsheet {
    return track(this, log);
  }
}
