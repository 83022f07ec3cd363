import type { Paths } from "./paths.js";

/** Which municipality a feed secret opens; the secret itself is never stored. */
export interface FeedTarget {
  network: string;
  municipality: string;
}

/**
 * The secret iCalendar addresses (DESIGN §11). Only the SHA-256 of a secret is stored: a copy of
 * the database does not reveal a working address. `calendarFeeds/{hash}` maps it to its
 * municipality; `networks/{n}/calendarFeeds/{istat}` remembers the current hash, so that a new
 * address deletes the previous one in the same transaction and the old address stops working.
 */
export class FeedStore {
  constructor(private readonly paths: Paths) {}

  /** Makes `hash` the municipality's only feed; false when the municipality is unknown. */
  async rotate(target: FeedTarget, hash: string, by: string, now: Date): Promise<boolean> {
    const { network, municipality } = target;
    const currentRef = this.paths.municipalityFeed(network, municipality);
    return this.paths.db.runTransaction(
      async (tx) => {
        const [networkSnap, currentSnap] = await tx.getAll(this.paths.network(network), currentRef);
        const roster = (networkSnap?.data()?.municipalities ?? {}) as Record<string, unknown>;
        if (!roster[municipality]) return false;
        const previous = currentSnap?.data()?.hash as string | undefined;
        if (previous) tx.delete(this.paths.feedByHash(previous));
        tx.create(this.paths.feedByHash(hash), {
          network,
          municipality,
          createdAt: now.toISOString(),
        });
        tx.set(currentRef, { hash, createdAt: now.toISOString(), createdBy: by });
        return true;
      },
      { maxAttempts: 10 },
    );
  }

  async find(hash: string): Promise<FeedTarget | null> {
    const snapshot = await this.paths.feedByHash(hash).get();
    if (!snapshot.exists) return null;
    const { network, municipality } = snapshot.data() as FeedTarget;
    return { network, municipality };
  }
}
