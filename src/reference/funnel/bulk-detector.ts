/**
 * bulk-detector (activity layer): a campaign sends one template many times. Each message's simhash is compared
 * with the sender's recent messages; too many near-duplicates (within `hammingRadius` bits) in the window and the
 * message is bulk. The assumption it relies on — one template, one sender — is what attackers break by spreading
 * a template over many accounts. `crossSenderTemplateClustering` (hardening) also counts near-duplicates across
 * all senders and blocks a template once enough distinct accounts send it.
 *
 * Messages with very little text are not fingerprinted: every short or empty message looks alike.
 */

import { HOUR_MS } from '../../util/time.js';
import type { Fingerprint } from '../pipeline/simhash.js';
import { TemplateIndex } from './template-index.js';

export interface BulkDetectorPolicy {
  windowHours: number;
  /** Near-duplicates one sender may send in the window; the next one is bulk. */
  maxNearDuplicates: number;
  hammingRadius: number;
  /** Cross-sender clustering: near-duplicates across all senders in the window before a template is bulk… */
  crossSenderMaxNearDuplicates: number;
  /** …provided at least this many distinct senders sent it. */
  crossSenderMinSenders: number;
  /** Messages with fewer words than this are not fingerprinted. */
  minWords: number;
}

export const DEFAULT_BULK_DETECTOR: BulkDetectorPolicy = {
  windowHours: 24,
  maxNearDuplicates: 20,
  hammingRadius: 3,
  crossSenderMaxNearDuplicates: 30,
  crossSenderMinSenders: 3,
  minWords: 8,
};

export interface BulkDecision {
  bulk: boolean;
  /** Why, when bulk: the sender's own repetition or the cross-sender cluster. */
  reason?: 'per-sender' | 'cross-sender';
  senderNearDuplicates: number;
  clusterNearDuplicates: number;
  clusterSenders: number;
}

export class BulkDetector {
  private readonly index: TemplateIndex;

  constructor(
    readonly policy: BulkDetectorPolicy = DEFAULT_BULK_DETECTOR,
    readonly crossSender = false,
  ) {
    this.index = new TemplateIndex(policy.hammingRadius, policy.windowHours * HOUR_MS);
  }

  /** Decide on one message and remember it (blocked or not: the template's volume is what counts). */
  check(sender: string, fingerprint: Fingerprint, wordCount: number, now: number): BulkDecision {
    if (wordCount < this.policy.minWords) {
      return { bulk: false, senderNearDuplicates: 0, clusterNearDuplicates: 0, clusterSenders: 0 };
    }
    const near = this.index.near(fingerprint, now);
    let own = 0;
    const senders = new Set<string>();
    for (const e of near) {
      if (e.sender === sender) own++;
      senders.add(e.sender);
    }
    senders.add(sender);
    this.index.add({ at: now, sender, fingerprint });
    const decision: BulkDecision = {
      bulk: false,
      senderNearDuplicates: own,
      clusterNearDuplicates: near.length,
      clusterSenders: senders.size,
    };
    if (own >= this.policy.maxNearDuplicates) return { ...decision, bulk: true, reason: 'per-sender' };
    if (
      this.crossSender &&
      near.length >= this.policy.crossSenderMaxNearDuplicates &&
      senders.size >= this.policy.crossSenderMinSenders
    ) {
      return { ...decision, bulk: true, reason: 'cross-sender' };
    }
    return decision;
  }

  snapshot(): { fingerprintsInIndex: number } {
    return { fingerprintsInIndex: this.index.size };
  }
}
