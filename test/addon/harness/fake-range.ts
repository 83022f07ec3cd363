/** A rectangle of a FakeSheet, with the Range methods the add-on uses. */
import { Tracked } from "./call-log.js";
import { type Cell, FakeProtection, type FakeSheet } from "./fake-sheet.js";
import type { FakeRule } from "./fake-validation.js";

type Grid<T> = T[][];

export class FakeRange extends Tracked {
  readonly kind = "Range";

  constructor(
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
  ) {
    super();
  }

  private map<T>(read: (cell: Cell | undefined) => T): Grid<T> {
    return Array.from({ length: this.numRows }, (_, r) =>
      Array.from({ length: this.numColumns }, (_, c) =>
        read(this.sheet.cell(this.row + r, this.column + c)),
      ),
    );
  }

  private write<T>(grid: Grid<T>, what: string, apply: (cell: Cell, value: T) => void): this {
    if (!Array.isArray(grid) || grid.length !== this.numRows) {
      throw new Error(
        `The number of rows in the data does not match the number of rows in the range. The data has ${grid?.length} but the range has ${this.numRows}.`,
      );
    }
    grid.forEach((line, r) => {
      if (!Array.isArray(line) || line.length !== this.numColumns) {
        throw new Error(
          `The number of columns in the data does not match the number of columns in the range. The data has ${line?.length} but the range has ${this.numColumns}. (${what})`,
        );
      }
      line.forEach((value, c) => {
        apply(this.sheet.cell(this.row + r, this.column + c, true) as Cell, value);
      });
    });
    return this;
  }

  private fill<T>(value: T, what: string, apply: (cell: Cell, value: T) => void): this {
    return this.write(
      this.map(() => value),
      what,
      apply,
    );
  }

  getRow = () => this.row;
  getColumn = () => this.column;
  getNumRows = () => this.numRows;
  getNumColumns = () => this.numColumns;
  getLastRow = () => this.row + this.numRows - 1;
  getSheet = () => this.sheet;
  getA1Notation = () => this.sheet.a1(this.row, this.column, this.numRows, this.numColumns);
  getCell = (r: number, c: number) =>
    new FakeRange(this.sheet, this.row + r - 1, this.column + c - 1, 1, 1);

  getValues = () => this.map((cell) => copy(cell?.value ?? ""));
  getValue = () => this.getValues()[0]?.[0];
  getDisplayValues = () => this.map((cell) => display(cell?.value));
  /** Like Sheets, text that looks like a number or a date becomes one unless the cell is text (@). */
  setValues = (values: Grid<unknown>) =>
    this.write(values, "values", (cell, value) => {
      cell.value = interpret(value, cell.format);
    });
  setValue = (value: unknown) => this.setValues([[value]]);
  /** Contents and formats (fills, number formats, styles), as Range.clear(). */
  clear = () =>
    this.fill("", "clear", (cell) => {
      cell.value = "";
      delete cell.background;
      delete cell.format;
      delete cell.style;
    });
  clearContent = () =>
    this.fill("", "clear", (cell) => {
      cell.value = "";
    });

  getNotes = () => this.map((cell) => cell?.note ?? "");
  setNotes = (notes: Grid<string | null>) =>
    this.write(notes, "notes", (cell, note) => {
      cell.note = note ?? "";
    });
  setNote = (note: string | null) => this.setNotes([[note]]);
  getNote = () => this.getNotes()[0]?.[0] ?? "";

  /**
   * As the real runtime: a cell without a fill of its own reads "#ffffff", and writing that back
   * gives it an explicit white fill (kept in `background`); only null removes the fill.
   */
  getBackgrounds = () => this.map((cell) => cell?.background ?? "#ffffff");
  setBackgrounds = (colours: Grid<string | null>) =>
    this.write(colours, "backgrounds", (cell, colour) => {
      paint(cell, colour);
    });
  setBackground = (colour: string | null) =>
    this.fill(colour, "background", (cell, c) => {
      paint(cell, c);
    });

  getDataValidations = () => this.map((cell) => cell?.validation ?? null);
  setDataValidation = (rule: FakeRule | null) =>
    this.fill(rule, "validation", (cell, r) => {
      cell.validation = r;
    });

  getNumberFormats = () => this.map((cell) => cell?.format ?? "General");
  setNumberFormat = (format: string) =>
    this.fill(format, "format", (cell, f) => {
      cell.format = f;
    });
  setNumberFormats = (formats: Grid<string>) =>
    this.write(formats, "formats", (cell, f) => {
      cell.format = f;
    });

  private style(key: string, value: unknown): this {
    return this.fill(value, key, (cell, v) => {
      cell.style = { ...cell.style, [key]: v };
    });
  }
  setFontWeight = (v: string) => this.style("fontWeight", v);
  setFontSize = (v: number) => this.style("fontSize", v);
  setFontColor = (v: string) => this.style("fontColor", v);
  setHorizontalAlignment = (v: string) => this.style("horizontalAlignment", v);
  setVerticalAlignment = (v: string) => this.style("verticalAlignment", v);
  setWrap = (v: boolean) => this.style("wrap", v);

  merge = () => {
    this.sheet.merges.add(this.getA1Notation());
    return this;
  };
  protect = () => {
    const protection = new FakeProtection(this);
    this.sheet.protections.push(protection);
    return protection;
  };
}

function paint(cell: Cell, colour: string | null | undefined) {
  if (colour === null || colour === undefined || colour === "") delete cell.background;
  else cell.background = colour;
}

/** Dates may come from the add-on's own realm (node:vm), where `instanceof Date` is false. */
const isDate = (value: unknown): value is Date =>
  Object.prototype.toString.call(value) === "[object Date]";

function copy(value: unknown): unknown {
  return isDate(value) ? new Date(value.getTime()) : value;
}

function display(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (isDate(value)) return value.toISOString().slice(0, 10);
  return String(value);
}

function interpret(value: unknown, format: string | undefined): unknown {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string" || format === "@") return copy(value);
  if (/^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  const date = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(value.trim());
  if (date) return new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3] ?? 1)));
  return value;
}

/** Sheet.getRangeList(a1Notations): the same operation on scattered ranges of one sheet. */
export class FakeRangeList extends Tracked {
  readonly kind = "RangeList";

  constructor(readonly ranges: FakeRange[]) {
    super();
  }

  getRanges = () => [...this.ranges];
  setBackground = (colour: string | null) => {
    for (const range of this.ranges) range.setBackground(colour);
    return this;
  };
  setNote = (note: string | null) => {
    for (const range of this.ranges) range.setNotes(range.getNotes().map((r) => r.map(() => note)));
    return this;
  };
  setFontWeight = (weight: string) => {
    for (const range of this.ranges) range.setFontWeight(weight);
    return this;
  };
}
