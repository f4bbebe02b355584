/**
 * user-feedback: recipients report "spam" / "not spam". Accepted reports become labelled examples for retraining
 * and move the sender's reputation — the feedback-poisoning surface: an attacker who controls recipient
 * accounts can label their own spam "not spam" and teach the next model to let it through.
 *
 * `feedbackRateLimit` (hardening): at most `maxNotSpamPerAccountPerDay` "not spam" reports per reporting account
 * and day, and no reports at all from accounts younger than `minReporterAgeDays`.
 */

import { DAY_MS } from '../../util/time.js';
import type { Label } from '../corpus.js';

export interface UserFeedbackPolicy {
  maxNotSpamPerAccountPerDay: number;
  minReporterAgeDays: number;
}

export const DEFAULT_USER_FEEDBACK: UserFeedbackPolicy = { maxNotSpamPerAccountPerDay: 3, minReporterAgeDays: 7 };

export interface FeedbackSubmission {
  /** The reporting account. */
  reporter: string;
  reporterAgeDays: number;
  /** The label the reporter claims ("not spam" = ham). */
  claimed: Label;
  /** Feature tokens of the reported message (what retraining learns from). */
  tokens: readonly string[];
  at: number;
  /** The sender of the reported message, when known (its reputation moves). */
  sender?: string;
  /** The decision-log id of the reported message, when known. */
  messageRef?: string;
}

export type FeedbackVerdict = { accepted: true } | { accepted: false; reason: 'young-reporter' | 'daily-cap' };

export interface UserFeedbackSnapshot {
  received: number;
  accepted: number;
  rejectedYoungReporter: number;
  rejectedDailyCap: number;
  acceptedNotSpam: number;
}

export class UserFeedback {
  private readonly accepted: FeedbackSubmission[] = [];
  private readonly notSpamPerReporterDay = new Map<string, number>();
  private readonly stats: UserFeedbackSnapshot = {
    received: 0,
    accepted: 0,
    rejectedYoungReporter: 0,
    rejectedDailyCap: 0,
    acceptedNotSpam: 0,
  };

  constructor(
    readonly policy: UserFeedbackPolicy,
    readonly rateLimited: boolean,
  ) {}

  submit(report: FeedbackSubmission): FeedbackVerdict {
    this.stats.received++;
    if (this.rateLimited) {
      if (report.reporterAgeDays < this.policy.minReporterAgeDays) {
        this.stats.rejectedYoungReporter++;
        return { accepted: false, reason: 'young-reporter' };
      }
      if (report.claimed === 'ham') {
        const key = `${report.reporter}@${Math.floor(report.at / DAY_MS)}`;
        const count = this.notSpamPerReporterDay.get(key) ?? 0;
        if (count >= this.policy.maxNotSpamPerAccountPerDay) {
          this.stats.rejectedDailyCap++;
          return { accepted: false, reason: 'daily-cap' };
        }
        this.notSpamPerReporterDay.set(key, count + 1);
      }
    }
    this.accepted.push(report);
    this.stats.accepted++;
    if (report.claimed === 'ham') this.stats.acceptedNotSpam++;
    return { accepted: true };
  }

  /** Every accepted report so far, in arrival order (retraining uses them all). */
  acceptedReports(): readonly FeedbackSubmission[] {
    return this.accepted;
  }

  snapshot(): UserFeedbackSnapshot {
    return { ...this.stats };
  }
}
