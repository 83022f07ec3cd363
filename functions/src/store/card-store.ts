import type { Caller } from "../domain/caller.js";
import type { StoredCard } from "../domain/cards/card.js";
import { MAX_CARDS } from "../domain/cards/card.js";
import type { Review } from "../domain/cards/card-status.js";
import { withReview } from "../domain/cards/card-status.js";
import { type CardDecision, decideCard } from "../domain/cards/card-submission.js";
import { toNetworkDocument } from "./network-store.js";
import type { Paths } from "./paths.js";
import { toProcedureCodes } from "./procedure-codes.js";

export type CardOutcome =
  | Exclude<CardDecision, { kind: "store" }>
  | { kind: "stored"; stored: StoredCard }
  | { kind: "unknown-municipality" };

/** Each card's recorded reviews, by procedure code. */
export type CardReviews = Record<string, Review[]>;

/**
 * `networks/{network}/cardIndex/{istat}`: every card's reviews as one JSON string (not indexed).
 * At most MAX_CARDS cards × MAX_REVIEWS_PER_CARD reviews of ~20 bytes: a few KB for a real desk,
 * ~320 KB in the worst case allowed (`npm run bench`).
 */
interface StoredCardIndex {
  municipality: string;
  reviews: string;
}

export function toCardReviews(data: Record<string, unknown> | undefined): CardReviews {
  const stored = data as Partial<StoredCardIndex> | undefined;
  return stored?.reviews ? (JSON.parse(stored.reviews) as CardReviews) : {};
}

export class CardStore {
  constructor(
    private readonly paths: Paths,
    private readonly clock: () => Date,
  ) {}

  /**
   * One transaction (DESIGN §5): one batched read of the network document (the municipality
   * exists), the municipality's procedure codes, the card and the card index; one commit writing
   * the card, its previous version into `…/revisions` and the review into the index. Nothing
   * written is shared with another municipality.
   */
  async put(input: {
    caller: Caller;
    municipality: string;
    code: string;
    body: unknown;
  }): Promise<CardOutcome> {
    const { caller, municipality, code } = input;
    const network = caller.network;
    const cardRef = this.paths.card(network, municipality, code);
    const indexRef = this.paths.cardIndex(network, municipality);
    return this.paths.db.runTransaction(
      async (tx): Promise<CardOutcome> => {
        const [networkSnap, codesSnap, cardSnap, indexSnap] = await tx.getAll(
          this.paths.network(network),
          this.paths.procedureCodes(network, municipality),
          cardRef,
          indexRef,
        );
        const settings = toNetworkDocument(networkSnap?.data());
        if (!settings?.municipalities[municipality]) return { kind: "unknown-municipality" };
        const reviews = toCardReviews(indexSnap?.data());
        const current = cardSnap?.exists ? (cardSnap.data() as StoredCard) : null;
        const decision = decideCard(
          {
            caller,
            municipality,
            code,
            body: input.body,
            knownCodes: new Set(toProcedureCodes(codesSnap?.data()).codes),
            cardCount: Object.keys(reviews).length,
            now: this.clock(),
          },
          current,
        );
        if (decision.kind !== "store") return decision;
        const next = decision.next;
        if (current) tx.create(this.paths.revisionOf(cardRef, current.revision), current);
        tx.set(cardRef, next);
        reviews[code] = withReview(reviews[code] ?? [], [
          next.lastReviewed,
          next.reviewEveryMonths,
        ]);
        const index: StoredCardIndex = { municipality, reviews: JSON.stringify(reviews) };
        tx.set(indexRef, index);
        return { kind: "stored", stored: next };
      },
      { maxAttempts: 10 },
    );
  }

  /** The municipality's cards, in code order (at most MAX_CARDS). */
  async list(network: string, istat: string): Promise<StoredCard[]> {
    const snapshot = await this.paths.cards(network, istat).limit(MAX_CARDS).get();
    return snapshot.docs
      .map((doc) => doc.data() as StoredCard)
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  /** Every version of a card, oldest first. */
  async revisions(network: string, istat: string, code: string): Promise<StoredCard[]> {
    const ref = this.paths.card(network, istat, code);
    const [history, current] = await Promise.all([ref.collection("revisions").get(), ref.get()]);
    const all = history.docs.map((doc) => doc.data() as StoredCard);
    if (current.exists) all.push(current.data() as StoredCard);
    return all;
  }

  /** Every municipality's card reviews: one query, one small document per municipality. */
  async readReviews(network: string): Promise<Map<string, CardReviews>> {
    const snapshot = await this.paths.cardIndexes(network).get();
    return new Map(snapshot.docs.map((doc) => [doc.id, toCardReviews(doc.data())]));
  }
}
