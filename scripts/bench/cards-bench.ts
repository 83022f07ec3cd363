import {
  MAX_REVIEWS_PER_CARD,
  type Review,
  withReview,
} from "../../functions/src/domain/cards/card-status.js";
import type { DataQualityWarning } from "../../functions/src/domain/data-quality.js";
import { summariseMonth } from "../../functions/src/domain/indicators/month-summary.js";
import { addMonths, type Month, monthOf } from "../../functions/src/domain/period.js";
import { readTodos } from "../../functions/src/services/todo.js";
import { createStores } from "../../functions/src/store/stores.js";
import { storedYearSummary, type YearSummary } from "../../functions/src/store/summary-store.js";
import { startStack } from "../local/stack.js";
import { median } from "./api-bench.js";
import { seedBenchNetwork } from "./seed-network.js";
import { syntheticMonths } from "./synthetic.js";

/**
 * The largest documents issue 11 adds, at the limits the API allows: a year's summary shard of
 * 1,000 procedures a month with 40-character codes (desk codes hashed to 12 characters), 20
 * remarks, 20 corrected and 20 justified a month; a card index of 1,000 cards × MAX_REVIEWS_PER_CARD reviews; the
 * procedure codes of 1,000 40-character codes. Firestore's limit is 1,048,576 bytes.
 */
export function worstDocumentBytes(): { what: string; bytes: number }[] {
  const make = syntheticMonths(5, 1000);
  const code = (i: number) => `P${String(i).padStart(39, "0")}`;
  const remark = (i: number): DataQualityWarning => ({
    id: String(i).padStart(12, "0"),
    severity: "warning",
    code: "outlier",
    path: ["procedures", i, "total"],
    message: `Riga ${i + 1} (${code(i)}): 1.234 pratiche sono molto lontane dal solito per il comune (mediana degli ultimi 12 mesi: 120). Verificare il dato.`,
  });
  const months: YearSummary = {};
  for (let m = 1; m <= 12; m++) {
    const month = `2025-${String(m).padStart(2, "0")}` as Month;
    const base = make("100000", month);
    const procedures = base.procedures.map((p, i) => ({
      ...p,
      code: code(i),
      desk: Math.max(1, p.desk),
    }));
    const warnings = Array.from({ length: 40 }, (_, i) => remark(i));
    months[month] = {
      ...summariseMonth({ ...base, procedures, warnings }),
      corrected: Array.from({ length: 20 }, (_, i) => remark(100 + i)),
      justified: Object.fromEntries(
        Array.from({ length: 20 }, (_, i) => [
          String(i).padStart(12, "0"),
          { by: "operatore.sportello@comune.example.it", at: new Date().toISOString() },
        ]),
      ),
    };
  }
  const shard = storedYearSummary("100000", "2025", months);
  const reviews: Record<string, Review[]> = {};
  for (let i = 0; i < 1000; i++) {
    let list: Review[] = [];
    for (let r = 0; r < 30; r++)
      list = withReview(list, [
        `20${String(10 + Math.floor(r / 12))}-${String((r % 12) + 1).padStart(2, "0")}-15`,
        12,
      ]);
    reviews[code(i)] = list;
  }
  return [
    {
      what: "summary shard, a year (1,000 procedures/month, 60 remarks/month)",
      bytes: shard.months.length,
    },
    {
      what: `card index (1,000 cards × ${MAX_REVIEWS_PER_CARD} reviews)`,
      bytes: JSON.stringify(reviews).length,
    },
    {
      what: "procedure codes (1,000 × 40 characters)",
      bytes: JSON.stringify(Array.from({ length: 1000 }, (_, i) => code(i))).length,
    },
  ];
}

export interface TodoBenchRow {
  municipalities: number;
  medianMs: number;
  documentsRead: number;
}

/** A coordinator's to-do (what the reminders GET also reads) for a network with 24 months of summaries. */
export async function todoBench(size: number): Promise<TodoBenchRow> {
  const stack = await startStack({ port: 0, demo: false, projectId: `todo-bench-${Date.now()}` });
  try {
    const last = addMonths(monthOf(new Date()), -1);
    const months = Array.from({ length: 24 }, (_, i) => addMonths(last, -i));
    await seedBenchNetwork(stack.db, stack.network, size, months);
    const stores = createStores(stack.db);
    const times: number[] = [];
    let documentsRead = 0;
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      const todos = await readTodos(stores, stack.network, "all", new Date());
      times.push(performance.now() - start);
      documentsRead = todos?.documentsRead ?? 0;
    }
    return { municipalities: size, medianMs: median(times), documentsRead };
  } finally {
    await stack.stop();
  }
}
