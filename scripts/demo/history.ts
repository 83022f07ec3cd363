import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { MonthBody, ProcedureRow } from "../../functions/src/domain/month.js";
import { addMonths, type Month } from "../../functions/src/domain/period.js";
import { DEMO_MUNICIPALITIES, PROCEDURE_TEMPLATES, type Season } from "./demo-network.js";

type DemoMunicipality = (typeof DEMO_MUNICIPALITIES)[number];

/** One generated submission: what a municipality sent for a month, and how many days late. */
export interface DemoSubmission {
  istat: string;
  month: Month;
  body: Omit<MonthBody, "baseRevision">;
  /** Days after the month's end it was first sent (the network's due day is the 10th). */
  sentAfterDays: number;
  /** A later correction of the same month, as happens when an office reports late. */
  correction?: { afterDays: number; body: Omit<MonthBody, "baseRevision"> };
}

/** A seeded generator so the demo is the same on every machine. */
function random(seed: number) {
  const rng = xoroshiro128plus(seed);
  return {
    int: (min: number, max: number) => uniformInt(rng, min, max),
    /** Uniform in [min, max). */
    real: (min: number, max: number) =>
      min + (uniformInt(rng, 0, 1_000_000) / 1_000_000) * (max - min),
  };
}

function seasonFactor(season: Season, month: Month): number {
  const m = Number(month.slice(5));
  const holidays = m === 8 ? 0.6 : 1;
  if (season === "enrolment") return m === 1 ? 5 : m === 2 || m === 9 ? 1.5 : holidays;
  if (season === "tax") return m === 6 || m === 12 ? 3.2 : m === 5 || m === 11 ? 1.4 : holidays;
  return holidays;
}

/** Each municipality keeps its own list: it drops a few procedures and names some its own way. */
function procedureList(index: number) {
  return PROCEDURE_TEMPLATES.filter((_, i) => (i + index) % 7 !== 3).map((p, i) =>
    (i + index) % 5 === 0 ? { ...p, name: `${p.name} (sportello)` } : p,
  );
}

export function demoHistory(months: Month[]): DemoSubmission[] {
  const submissions: DemoSubmission[] = [];
  DEMO_MUNICIPALITIES.forEach((municipality: DemoMunicipality, index) => {
    const r = random(1000 + index);
    const scale = municipality.population / 40_000;
    // How far along its desk is: from a young desk (0.55) to a mature one (1.0).
    const maturity = 0.55 + (0.45 * ((index * 37) % 11)) / 10;
    const hours = [30, 32, 34, 36, 38, 40][index % 6] as number;
    const list = procedureList(index);
    months.forEach((month, monthIndex) => {
      // A few gaps: some municipalities skip a month now and then.
      if ((index * 5 + monthIndex) % 29 === 0) return;
      const growth = 1 + 0.1 * (monthIndex / months.length);
      const procedures: ProcedureRow[] = list.map((p) => {
        const total = Math.max(
          0,
          Math.round(p.volume * scale * seasonFactor(p.season, month) * r.real(0.85, 1.15)),
        );
        const share = Math.min(1, p.deskShare * maturity * growth * r.real(0.93, 1.05));
        return {
          code: p.code,
          name: p.name,
          area: p.area,
          total,
          desk: Math.min(total, Math.round(total * share)),
        };
      });
      const visits = Math.round(
        municipality.population * 0.035 * seasonFactor("flat", month) * r.real(0.9, 1.1),
      );
      const surveyMonth = Number(month.slice(5)) % 3 === 0;
      const surveyResponses = r.int(60, 160);
      const body: DemoSubmission["body"] = {
        procedures,
        service: {
          visits,
          meanWaitMinutes: Math.round(r.real(4, 18) * 10) / 10,
          servedWithinTarget: Math.round(visits * r.real(0.7, 0.95)),
          complaints: r.int(0, 8),
          openingHoursWeekly: hours,
          ...(surveyMonth
            ? { surveyResponses, surveySatisfied: Math.round(surveyResponses * r.real(0.78, 0.96)) }
            : {}),
        },
      };
      const late = (index + monthIndex) % 9 === 0;
      const submission: DemoSubmission = {
        istat: municipality.istat,
        month,
        body,
        sentAfterDays: late ? r.int(12, 40) : r.int(2, 9),
      };
      if ((index * 3 + monthIndex) % 17 === 0) {
        const [first, ...rest] = procedures;
        if (first) {
          const fixedTotal = first.total + r.int(1, 20);
          submission.correction = {
            afterDays: submission.sentAfterDays + r.int(3, 15),
            body: { ...body, procedures: [{ ...first, total: fixedTotal }, ...rest] },
          };
        }
      }
      submissions.push(submission);
    });
  });
  return submissions;
}

/** The `count` complete months before `now`'s month, oldest first. */
export function lastCompleteMonths(current: Month, count: number): Month[] {
  return Array.from({ length: count }, (_, i) => addMonths(current, i - count));
}
