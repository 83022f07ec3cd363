/**
 * Fakes of ScriptApp's installable triggers and of MailApp, with the behaviours the reminders
 * rely on: triggers belong to the user (they outlive an execution, so they live on the
 * AddonUser), a time-driven trigger is built by the chain newTrigger().timeBased().everyWeeks()
 * .onWeekDay().atHour().create(), and each recipient of a message counts against a daily quota
 * that makes sendEmail throw once it is used up, as the real service does.
 */

export const WEEK_DAY = {
  MONDAY: "MONDAY",
  TUESDAY: "TUESDAY",
  WEDNESDAY: "WEDNESDAY",
  THURSDAY: "THURSDAY",
  FRIDAY: "FRIDAY",
  SATURDAY: "SATURDAY",
  SUNDAY: "SUNDAY",
} as const;

export interface FakeTrigger {
  id: string;
  handler: string;
  everyWeeks?: number;
  weekDay?: string;
  hour?: number;
  getHandlerFunction(): string;
  getUniqueId(): string;
}

export class FakeTriggers {
  readonly list: FakeTrigger[] = [];
  private next = 1;

  newTrigger = (handler: string) => {
    const spec: Partial<FakeTrigger> = { handler };
    const clock = {
      everyWeeks: (n: number) => {
        spec.everyWeeks = n;
        return clock;
      },
      onWeekDay: (day: string) => {
        if (!Object.values(WEEK_DAY).includes(day as never)) throw new Error(`bad week day ${day}`);
        spec.weekDay = day;
        return clock;
      },
      atHour: (hour: number) => {
        if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new Error(`bad hour ${hour}`);
        spec.hour = hour;
        return clock;
      },
      create: () => {
        if (spec.everyWeeks === undefined)
          throw new Error("a time-based trigger needs a frequency");
        const id = String(this.next++);
        const trigger: FakeTrigger = {
          ...spec,
          id,
          handler,
          getHandlerFunction: () => handler,
          getUniqueId: () => id,
        };
        this.list.push(trigger);
        return trigger;
      },
    };
    return { timeBased: () => clock };
  };
  getProjectTriggers = () => [...this.list];
  deleteTrigger = (trigger: FakeTrigger) => {
    const index = this.list.findIndex((t) => t.id === trigger.getUniqueId());
    if (index < 0) throw new Error("No trigger to delete");
    this.list.splice(index, 1);
  };
}

export interface SentMail {
  to: string;
  subject: string;
  body: string;
  name?: string;
}

export class FakeMail {
  readonly sent: SentMail[] = [];
  constructor(public quota = 100) {}

  getRemainingDailyQuota = () => this.quota;
  sendEmail = (message: SentMail) => {
    if (typeof message !== "object" || !message.to || !message.subject)
      throw new Error("Invalid argument: message");
    const recipients = message.to.split(",").filter(Boolean).length;
    if (recipients > this.quota)
      throw new Error("Service invoked too many times for one day: email.");
    this.quota -= recipients;
    this.sent.push({ ...message });
  };
}
