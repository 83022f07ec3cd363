import type {
  ReportIndicator,
  ReportModel,
  ReportMunicipalityFigure,
  ReportNote,
} from "./report-model.js";

/** One value that differs between two versions of a report. */
export interface ReportValueChange {
  /** Null for a network figure, the completeness, the trend. */
  municipality: { istat: string; name: string } | null;
  /** An indicator key, or `completeness`, or `notes` for the data-quality notes. */
  indicator: string;
  /** The area for an area's filter rate, else null. */
  area: string | null;
  /** Dotted field, e.g. `value`, `rank`, `distribution.median`, `trend.2025-03`. */
  field: string;
  old: unknown;
  new: unknown;
}

type Scalar = string | number | boolean | null;

/** Leaves of a small object as dotted paths: `change.previousPeriod`, `distribution.p25`. */
function leaves(value: unknown, prefix = ""): Map<string, Scalar> {
  const out = new Map<string, Scalar>();
  if (value === null || typeof value !== "object") {
    out.set(prefix, (value ?? null) as Scalar);
    return out;
  }
  for (const [key, inner] of Object.entries(value)) {
    for (const [path, leaf] of leaves(inner, prefix ? `${prefix}.${key}` : key))
      out.set(path, leaf);
  }
  return out;
}

function compareLeaves(
  before: unknown,
  after: unknown,
  base: Omit<ReportValueChange, "field" | "old" | "new">,
  into: ReportValueChange[],
): void {
  const a = before === undefined ? new Map<string, Scalar>() : leaves(before);
  const b = after === undefined ? new Map<string, Scalar>() : leaves(after);
  for (const field of new Set([...a.keys(), ...b.keys()])) {
    const old = a.get(field) ?? null;
    const next = b.get(field) ?? null;
    if (old !== next) into.push({ ...base, field, old, new: next });
  }
}

/** The figures of a municipality that a diff compares: not its name nor its ISTAT code. */
const figureFields = ({ istat: _i, name: _n, ...rest }: ReportMunicipalityFigure) => rest;

function compareIndicator(
  before: ReportIndicator | undefined,
  after: ReportIndicator | undefined,
  indicator: string,
  area: string | null,
  into: ReportValueChange[],
): void {
  compareLeaves(before?.network, after?.network, { municipality: null, indicator, area }, into);
  const old = new Map(before?.municipalities.map((m) => [m.istat, m]));
  const next = new Map(after?.municipalities.map((m) => [m.istat, m]));
  for (const istat of [...new Set([...old.keys(), ...next.keys()])].sort()) {
    const a = old.get(istat);
    const b = next.get(istat);
    const name = (b ?? a)?.name ?? istat;
    compareLeaves(
      a && figureFields(a),
      b && figureFields(b),
      { municipality: { istat, name }, indicator, area },
      into,
    );
  }
}

const noteKey = (n: ReportNote) => `${n.month} ${n.istat} ${n.code} ${n.field.join(".")}`;

/**
 * Every value that changed from one version to another (DESIGN §13), so that a correction made
 * after the meeting shows: which municipality, which indicator, which field, old → new. A value
 * present on one side only is compared with null.
 */
export function diffReports(from: ReportModel, to: ReportModel): ReportValueChange[] {
  const changes: ReportValueChange[] = [];
  compareLeaves(
    from.completeness,
    to.completeness,
    { municipality: null, indicator: "completeness", area: null },
    changes,
  );
  const byKey = (list: ReportIndicator[]) => new Map(list.map((i) => [i.indicator, i]));
  const [oldIndicators, newIndicators] = [byKey(from.indicators), byKey(to.indicators)];
  for (const name of new Set([...oldIndicators.keys(), ...newIndicators.keys()])) {
    compareIndicator(oldIndicators.get(name), newIndicators.get(name), name, null, changes);
  }
  const oldAreas = new Map(from.areas.map((a) => [a.code, a.filterRate]));
  const newAreas = new Map(to.areas.map((a) => [a.code, a.filterRate]));
  for (const code of [...new Set([...oldAreas.keys(), ...newAreas.keys()])].sort()) {
    compareIndicator(oldAreas.get(code), newAreas.get(code), "filterRate", code, changes);
  }
  const oldTrend = new Map(from.trend.map((t) => [t.month, t]));
  for (const point of to.trend) {
    const before = oldTrend.get(point.month);
    if (!before) continue; // another period's trend: not a correction
    if (before.completenessRate !== point.completenessRate)
      changes.push({
        municipality: null,
        indicator: "completeness",
        area: null,
        field: `trend.${point.month}`,
        old: before.completenessRate,
        new: point.completenessRate,
      });
    for (const [indicator, value] of Object.entries(point.pooled)) {
      const old = before.pooled[indicator] ?? null;
      if (old !== value)
        changes.push({
          municipality: null,
          indicator,
          area: null,
          field: `trend.${point.month}`,
          old,
          new: value,
        });
    }
  }
  const oldNotes = new Map(from.notes.map((n) => [noteKey(n), n]));
  const newNotes = new Map(to.notes.map((n) => [noteKey(n), n]));
  for (const key of new Set([...oldNotes.keys(), ...newNotes.keys()])) {
    const a = oldNotes.get(key);
    const b = newNotes.get(key);
    const note = (b ?? a) as ReportNote;
    if (a?.message === b?.message && a?.state === b?.state) continue;
    changes.push({
      municipality: { istat: note.istat, name: note.name },
      indicator: "notes",
      area: null,
      field: `${note.month}.${note.code}.${note.field.join(".")}`,
      old: a ? { message: a.message, state: a.state } : null,
      new: b ? { message: b.message, state: b.state } : null,
    });
  }
  return changes;
}
