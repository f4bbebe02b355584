/**
 * review-queue (human review): messages in the review band wait for an analyst. Analysts get through
 * `capacityPerDay` items a day, first come first served, and judge correctly with probability `reviewerAccuracy`
 * (seeded). What is left at the end of the day is delivered unreviewed — the overflow an attacker can aim for by
 * flooding the band.
 */

import type { SeededRandom } from '../../util/random.js';
import type { Label } from '../corpus.js';

export interface ReviewQueuePolicy {
  capacityPerDay: number;
  reviewerAccuracy: number;
}

export const DEFAULT_REVIEW_QUEUE: ReviewQueuePolicy = { capacityPerDay: 200, reviewerAccuracy: 0.95 };

export interface ReviewItem<T> {
  item: T;
  /** The true label (known in simulation). */
  truth: Label;
}

export interface ReviewOutcome<T> {
  item: T;
  /** What the analyst decided, or null when the item overflowed and was delivered unreviewed. */
  reviewerOutcome: Label | null;
}

export class ReviewQueue<T> {
  private pending: ReviewItem<T>[] = [];
  private reviewedTotal = 0;
  private overflowTotal = 0;

  constructor(
    readonly policy: ReviewQueuePolicy,
    private readonly rng: SeededRandom,
  ) {}

  enqueue(item: T, truth: Label): void {
    this.pending.push({ item, truth });
  }

  get length(): number {
    return this.pending.length;
  }

  /** End of a day: review up to capacity in arrival order; deliver the rest unreviewed. */
  closeDay(): ReviewOutcome<T>[] {
    const out: ReviewOutcome<T>[] = this.pending.map((p, i) => {
      if (i >= this.policy.capacityPerDay) return { item: p.item, reviewerOutcome: null };
      const correct = this.rng.chance(this.policy.reviewerAccuracy);
      const wrong: Label = p.truth === 'spam' ? 'ham' : 'spam';
      return { item: p.item, reviewerOutcome: correct ? p.truth : wrong };
    });
    this.reviewedTotal += Math.min(this.pending.length, this.policy.capacityPerDay);
    this.overflowTotal += Math.max(0, this.pending.length - this.policy.capacityPerDay);
    this.pending = [];
    return out;
  }

  snapshot(): { pending: number; reviewed: number; overflowed: number } {
    return { pending: this.pending.length, reviewed: this.reviewedTotal, overflowed: this.overflowTotal };
  }
}
