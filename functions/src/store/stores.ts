import type { Firestore } from "@google-cloud/firestore";
import { CalendarStore } from "./calendar-store.js";
import { CardStore } from "./card-store.js";
import { FeedStore } from "./feed-store.js";
import { MemberStore } from "./member-store.js";
import { MonthStore } from "./month-store.js";
import { NetworkStore } from "./network-store.js";
import { Paths } from "./paths.js";
import { PeriodIndicatorsStore } from "./period-indicators-store.js";
import { ReminderStore } from "./reminder-store.js";
import { ReportStore } from "./report-store.js";
import { SummaryStore } from "./summary-store.js";
import { TodoStore } from "./todo-store.js";
import { WarningStore } from "./warning-store.js";

/** Every store over one Firestore client: what the services, the API and the jobs are given. */
export interface Stores {
  networks: NetworkStore;
  members: MemberStore;
  months: MonthStore;
  summaries: SummaryStore;
  periodIndicators: PeriodIndicatorsStore;
  reports: ReportStore;
  calendars: CalendarStore;
  feeds: FeedStore;
  cards: CardStore;
  warnings: WarningStore;
  todo: TodoStore;
  reminders: ReminderStore;
  paths: Paths;
}

export function createStores(db: Firestore, clock: () => Date = () => new Date()): Stores {
  const paths = new Paths(db);
  return {
    networks: new NetworkStore(paths),
    members: new MemberStore(paths),
    months: new MonthStore(paths, clock),
    summaries: new SummaryStore(paths),
    periodIndicators: new PeriodIndicatorsStore(paths),
    reports: new ReportStore(paths),
    calendars: new CalendarStore(paths, clock),
    feeds: new FeedStore(paths),
    cards: new CardStore(paths, clock),
    warnings: new WarningStore(paths, clock),
    todo: new TodoStore(paths),
    reminders: new ReminderStore(paths, clock),
    paths,
  };
}
