import type { EffectiveEvent } from "../calendar/effective-events.js";
import { type CardStatus, cardStatus, nextReview, type Review } from "../cards/card-status.js";
import type { MonthSummaryEntry } from "../indicators/month-summary.js";
import { dueInstant } from "../indicators/network-indicators.js";
import { addMonths, compareMonths, type Month, monthOf } from "../period.js";
import { statedWarnings } from "../warning-ledger.js";

/**
 * What a municipality has to do (DESIGN §12): months not sent, remarks not answered, cards to
 * review, peaks coming without measures. Pure: the service reads, this decides.
 */

/** Months looked back at: two years, so a gap from last year still shows, and reads stay bounded. */
export const TODO_LOOKBACK_MONTHS = 24;
/** Peaks this close without measures are worth planning now. */
export const PEAK_WITHIN_DAYS = 60;

export interface TodoInput {
  istat: string;
  name: string;
  now: Date;
  /** Today on the Italian calendar, YYYY-MM-DD. */
  today: string;
  networkFirstMonth: Month;
  dueDay: number;
  /** The municipality's first month ever sent, or null. */
  firstSent: Month | null;
  /** Its summary entries by month, for the months looked at. */
  months: ReadonlyMap<Month, MonthSummaryEntry>;
  reviews: Readonly<Record<string, readonly Review[]>>;
  /** Network and local events starting within PEAK_WITHIN_DAYS. */
  events: readonly EffectiveEvent[];
}

export interface TodoMonth {
  month: Month;
  /** `missing`: its due date has passed; `due`: still to be sent by `dueDate`. */
  state: "missing" | "due";
  /** The last day it counts as on time, YYYY-MM-DD. */
  dueDate: string;
}

export interface Todo {
  municipality: string;
  name: string;
  /** The first month looked at: the later of the network's and the municipality's start, at most 24 months back. */
  monthsFrom: Month;
  months: TodoMonth[];
  warnings: { month: Month; id: string; code: string; severity: string; message: string }[];
  cards: { code: string; status: Exclude<CardStatus, "current">; nextReview: string }[];
  peaks: {
    id: string;
    title: string;
    source: string;
    effectiveStart: string;
    effectiveEnd: string;
  }[];
  /** How many things there are to do, all lists together. */
  count: number;
}

/** The months a to-do looks at: from its start to the last complete month. */
export function todoWindow(input: Pick<TodoInput, "now" | "networkFirstMonth" | "firstSent">): {
  from: Month;
  to: Month;
} {
  const to = addMonths(monthOf(input.now), -1);
  const starts = [input.networkFirstMonth, addMonths(to, 1 - TODO_LOOKBACK_MONTHS)];
  if (input.firstSent) starts.push(input.firstSent);
  const from = starts.reduce((a, b) => (compareMonths(a, b) >= 0 ? a : b));
  return { from, to };
}

export function municipalityTodo(input: TodoInput): Todo {
  const { from, to } = todoWindow(input);
  const months: TodoMonth[] = [];
  const warnings: Todo["warnings"] = [];
  for (let m = from; compareMonths(m, to) <= 0; m = addMonths(m, 1)) {
    const entry = input.months.get(m);
    if (!entry) {
      const due = dueInstant(m, input.dueDay);
      months.push({
        month: m,
        state: input.now.getTime() >= due.toMillis() ? "missing" : "due",
        dueDate: due.minus({ days: 1 }).toISODate() as string,
      });
      continue;
    }
    for (const w of statedWarnings(m, entry.notes ?? [], entry))
      if (w.state === "open")
        warnings.push({
          month: m,
          id: w.id,
          code: w.code,
          severity: w.severity,
          message: w.message,
        });
  }
  const cards: Todo["cards"] = [];
  for (const [code, reviews] of Object.entries(input.reviews).sort(([a], [b]) =>
    a < b ? -1 : 1,
  )) {
    const latest = reviews.reduce<Review | undefined>(
      (best, r) => (!best || r[0] > best[0] ? r : best),
      undefined,
    );
    if (!latest) continue;
    const card = { lastReviewed: latest[0], reviewEveryMonths: latest[1] };
    const status = cardStatus(card, input.today);
    if (status !== "current")
      cards.push({
        code,
        status,
        nextReview: nextReview(card.lastReviewed, card.reviewEveryMonths),
      });
  }
  const peaks = input.events
    .filter((e) => (e.measures?.length ?? 0) === 0)
    .map(({ id, title, source, effectiveStart, effectiveEnd }) => ({
      id,
      title,
      source,
      effectiveStart,
      effectiveEnd,
    }));
  return {
    municipality: input.istat,
    name: input.name,
    monthsFrom: from,
    months,
    warnings,
    cards,
    peaks,
    count: months.length + warnings.length + cards.length + peaks.length,
  };
}
