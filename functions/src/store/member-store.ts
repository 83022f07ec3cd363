import type { Member, Role } from "../domain/member.js";
import type { Paths } from "./paths.js";

export interface MemberDocument {
  network: string;
  role: Role;
  municipality?: string;
}

export class MemberStore {
  constructor(private readonly paths: Paths) {}

  async get(email: string): Promise<MemberDocument | null> {
    const snapshot = await this.paths.member(email).get();
    return snapshot.exists ? (snapshot.data() as MemberDocument) : null;
  }

  /** "foreign" when the e-mail already belongs to another network: nothing is written then. */
  async put(
    network: string,
    email: string,
    member: Member,
  ): Promise<"created" | "updated" | "foreign"> {
    const ref = this.paths.member(email);
    return this.paths.db.runTransaction(async (tx) => {
      const snapshot = await tx.get(ref);
      const existed = snapshot.exists;
      if (existed && (snapshot.data() as MemberDocument).network !== network) return "foreign";
      const doc: MemberDocument = { network, role: member.role };
      if (member.role === "staff" && member.municipality) doc.municipality = member.municipality;
      tx.set(ref, doc);
      return existed ? "updated" : "created";
    });
  }
}
