import type { EffectiveEvent } from "../calendar/effective-events.js";
import { type Month, monthEnd, monthStart } from "../period.js";
import type { MonthForecast } from "./seasonal-forecast.js";

export interface AreaForecast {
  area: string;
  months: MonthForecast[];
}

export interface UnplannedPeak {
  area: string;
  month: Month;
  expected: number;
  usual: number;
}

/** Whether an event's effective days touch the month. */
function touches(event: EffectiveEvent, month: Month): boolean {
  const first = monthStart(month).toISODate() as string;
  const last = monthEnd(month).minus({ days: 1 }).toISODate() as string;
  return event.effectiveStart <= last && event.effectiveEnd >= first;
}

/**
 * The network's point (DESIGN §11): a peak must be calendared in advance. A forecast peak of an
 * area is planned when some event of that area, network or local, takes days in that month; an
 * event with no area is not taken to plan any area's peak, since nobody could tell which desk it
 * prepares.
 */
export function unplannedPeaks(
  forecasts: readonly AreaForecast[],
  events: readonly EffectiveEvent[],
): UnplannedPeak[] {
  const unplanned: UnplannedPeak[] = [];
  for (const { area, months } of forecasts) {
    for (const forecast of months) {
      if (!forecast.peak) continue;
      const planned = events.some((e) => e.area === area && touches(e, forecast.month));
      if (!planned)
        unplanned.push({
          area,
          month: forecast.month,
          expected: forecast.expected,
          usual: forecast.usual,
        });
    }
  }
  return unplanned;
}
