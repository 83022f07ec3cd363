import { romeDate } from "../domain/cards/card.js";
import type { MonthSummaryEntry } from "../domain/indicators/month-summary.js";
import type { Month } from "../domain/period.js";
import { addMonths, monthOf } from "../domain/period.js";
import {
  municipalityTodo,
  PEAK_WITHIN_DAYS,
  TODO_LOOKBACK_MONTHS,
  type Todo,
} from "../domain/todo/todo.js";
import type { Stores } from "../store/stores.js";
import { eventsStarting, yearsAhead } from "./upcoming-events.js";

export interface TodoList {
  today: string;
  municipalities: Todo[];
  documentsRead: number;
}

/** The shard years the to-do's window can touch: 24 months back from last month. */
function shardYears(now: Date): string[] {
  const last = addMonths(monthOf(now), -1);
  const first = addMonths(last, 1 - TODO_LOOKBACK_MONTHS);
  const years: string[] = [];
  for (let y = Number(first.slice(0, 4)); y <= Number(last.slice(0, 4)); y++)
    years.push(String(y).padStart(4, "0"));
  return years;
}

/**
 * The to-do of some municipalities (or all) of a network, now: one read of the network document,
 * then one batched read of what every to-do needs (todo-store.ts). Null without the network.
 */
export async function readTodos(
  stores: Stores,
  network: string,
  istats: readonly string[] | "all",
  now: Date,
): Promise<TodoList | null> {
  const today = romeDate(now);
  const calendarYears = yearsAhead(today, PEAK_WITHIN_DAYS);
  const read = await stores.todo.read(network, istats, shardYears(now), calendarYears);
  if (!read) return null;
  const municipalities = read.municipalities.map((m) => {
    const entry = read.network.municipalities[m.istat];
    const months = new Map<Month, MonthSummaryEntry>();
    for (const shard of m.shards.values())
      for (const [month, summary] of Object.entries(shard))
        if (summary) months.set(month as Month, summary);
    return municipalityTodo({
      istat: m.istat,
      name: entry?.name ?? m.istat,
      now,
      today,
      networkFirstMonth: read.network.firstMonth,
      dueDay: read.network.dueDay,
      firstSent: m.codes.firstMonth,
      months,
      reviews: m.reviews,
      events: eventsStarting(
        calendarYears,
        read.networkCalendars,
        m.localCalendars,
        entry?.patronDay,
        today,
        PEAK_WITHIN_DAYS,
      ),
    });
  });
  return { today, municipalities, documentsRead: read.documentsRead };
}
