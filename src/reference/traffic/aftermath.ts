/**
 * What happens to a day's decisions afterwards, as in production:
 *
 * - review-queue: analysts work through the review band (capacity, accuracy); the overflow is delivered unreviewed;
 * - user reports: recipients report delivered spam ("spam", 25 %), find ham in their spam folder ("not spam", 30 %),
 *   and now and then mis-report a newsletter (0.2 %); poisoning recipients report their campaign "not spam" (90 %);
 * - analyst escalations: complaints about blocked mail from long-standing senders (50 %), campaigns found in review
 *   (a template seen five or more times that day, 50 %), and confident misses reported by users (30 %).
 *
 * Reports reach user-feedback in time order (its daily caps depend on order) and so the next retraining; review
 * verdicts and reports move sender reputation.
 */
import type { DecisionLogRecord } from '../../contracts/decision-log.js';
import type { SeededRandom } from '../../util/random.js';
import { HOUR_MS, MINUTE_MS } from '../../util/time.js';
import type { ReviewQueue } from '../funnel/review-queue.js';
import type { FunnelOutcome, ReferenceSystem } from '../system.js';
import { ageDaysAt } from './accounts.js';
import type { Slot } from './slot.js';

export interface DayEntry {
  slot: Slot;
  outcome: FunnelOutcome;
  tokens: readonly string[];
  record: DecisionLogRecord;
}

const P_REPORT_DELIVERED_SPAM = 0.25;
const P_REPORT_BLOCKED_HAM = 0.3;
const P_MISREPORT_HAM = 0.002;
const P_POISON_REPORT = 0.9;

export interface AftermathStats {
  reviewed: number;
  overflowed: number;
  reports: number;
  acceptedReports: number;
  escalated: number;
}

export async function closeDay(
  entries: readonly DayEntry[],
  system: ReferenceSystem,
  queue: ReviewQueue<DayEntry>,
  rng: SeededRandom,
): Promise<AftermathStats> {
  const stats: AftermathStats = { reviewed: 0, overflowed: 0, reports: 0, acceptedReports: 0, escalated: 0 };
  for (const e of entries) if (e.outcome.decision === 'review') queue.enqueue(e, e.slot.truth);
  for (const { item, reviewerOutcome } of queue.closeDay()) {
    item.record.reviewerOutcome = reviewerOutcome;
    if (reviewerOutcome === null) {
      stats.overflowed++;
      system.recordOutcome(item.slot.sender.id, 'delivered');
    } else {
      stats.reviewed++;
      system.recordOutcome(
        item.slot.sender.id,
        reviewerOutcome === 'spam' ? 'review-confirmed-spam' : 'review-cleared',
      );
    }
  }

  const templateCounts = new Map<string, number>();
  for (const e of entries)
    if (e.record.templateHash)
      templateCounts.set(e.record.templateHash, (templateCounts.get(e.record.templateHash) ?? 0) + 1);

  const reports: Array<{ entry: DayEntry; claimed: 'spam' | 'ham'; at: number }> = [];
  for (const e of entries) {
    const delivered =
      e.outcome.decision === 'allow' || (e.outcome.decision === 'review' && e.record.reviewerOutcome !== 'spam');
    let claimed: 'spam' | 'ham' | undefined;
    let delay = rng.exponential(3 * HOUR_MS);
    if (e.slot.poisonReport) {
      if (rng.chance(P_POISON_REPORT)) claimed = 'ham';
      delay = rng.int(5, 60) * MINUTE_MS;
    } else if (e.slot.truth === 'spam' && delivered) {
      if (rng.chance(P_REPORT_DELIVERED_SPAM)) claimed = 'spam';
    } else if (e.slot.truth === 'ham' && !delivered) {
      if (rng.chance(P_REPORT_BLOCKED_HAM)) claimed = 'ham';
    } else if (e.slot.truth === 'ham' && delivered && rng.chance(P_MISREPORT_HAM)) {
      claimed = 'spam';
    }
    if (!claimed) continue;
    e.record.userReport = claimed === 'spam' ? 'spam' : 'not-spam';
    reports.push({ entry: e, claimed, at: e.outcome.at + Math.round(delay) });

    const score = e.outcome.score;
    const escalate =
      (claimed === 'ham' && !delivered && !e.slot.poisonReport && e.outcome.account.ageDays > 90 && rng.chance(0.5)) ||
      (claimed === 'spam' && e.outcome.decision === 'allow' && score !== null && score < 0.1 && rng.chance(0.3));
    if (escalate) e.record.escalated = true;
  }
  for (const e of entries) {
    const repeated = e.record.templateHash ? (templateCounts.get(e.record.templateHash) ?? 0) >= 5 : false;
    if (e.record.reviewerOutcome === 'spam' && repeated && rng.chance(0.5)) e.record.escalated = true;
  }

  reports.sort((a, b) => a.at - b.at || (a.entry.record.id < b.entry.record.id ? -1 : 1));
  for (const r of reports) {
    const verdict = await system.feedback({
      tokens: r.entry.tokens,
      claimed: r.claimed,
      reporter: r.entry.slot.recipient.id,
      reporterAgeDays: ageDaysAt(r.entry.slot.recipient, r.at),
      sender: r.entry.slot.sender.id,
      at: r.at,
      messageRef: r.entry.record.id,
    });
    stats.reports++;
    if (verdict.accepted) stats.acceptedReports++;
  }
  stats.escalated = entries.filter((e) => e.record.escalated).length;
  return stats;
}
