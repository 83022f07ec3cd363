import type { MemberDocument } from "./member-store.js";
import type { Paths } from "./paths.js";

export interface SentReminder {
  municipality: string;
  week: string;
  sentAt: string;
  by: string;
}

/**
 * `networks/{network}/reminderWeeks/{YYYY-Www}/sent/{istat}`: one document per reminder sent,
 * created once and never rewritten, so a trigger that runs twice in a week (or retries after a
 * timeout) learns that the message went out and sends nothing again.
 */
export class ReminderStore {
  constructor(
    private readonly paths: Paths,
    private readonly clock: () => Date,
  ) {}

  /** The municipalities already sent a reminder for `week`: one query. */
  async sent(network: string, week: string): Promise<Set<string>> {
    const snapshot = await this.paths.sentReminders(network, week).get();
    return new Set(snapshot.docs.map((doc) => doc.id));
  }

  /** Records a reminder as sent; the first record stands, a second is a no-op. */
  async recordSent(
    network: string,
    week: string,
    municipality: string,
    by: string,
  ): Promise<{ status: "recorded" | "unchanged"; sent: SentReminder }> {
    const ref = this.paths.sentReminders(network, week).doc(municipality);
    return this.paths.db.runTransaction(async (tx) => {
      const snapshot = await tx.get(ref);
      if (snapshot.exists) return { status: "unchanged", sent: snapshot.data() as SentReminder };
      const sent: SentReminder = { municipality, week, sentAt: this.clock().toISOString(), by };
      tx.create(ref, sent);
      return { status: "recorded", sent };
    });
  }

  /** The staff members' e-mails of the network by municipality: one query on the members. */
  async staffEmails(network: string): Promise<Map<string, string[]>> {
    const snapshot = await this.paths.db
      .collection("members")
      .where("network", "==", network)
      .get();
    const byMunicipality = new Map<string, string[]>();
    for (const doc of snapshot.docs) {
      const member = doc.data() as MemberDocument;
      if (member.role !== "staff" || !member.municipality) continue;
      const list = byMunicipality.get(member.municipality) ?? [];
      list.push(doc.id);
      byMunicipality.set(member.municipality, list.sort());
    }
    return byMunicipality;
  }
}
