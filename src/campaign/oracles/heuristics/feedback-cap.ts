/**
 * Defuses feedback.mass-not-spam. The catalog's heuristic: cap reports per account, weigh them by reporter age, and
 * sample-review before training. The same rule as the reference funnel's `feedbackRateLimit` switch: no reports
 * from reporters younger than `minReporterAgeDays`, at most `maxPerReporterPerDay` "not spam" reports per reporter
 * and day, and one report per reporter and message.
 */
import { DAY, streamFinding } from './stream-shared.js';
import type { StreamHeuristic } from './types.js';

export interface FeedbackCapPolicy {
  minReporterAgeDays: number;
  maxPerReporterPerDay: number;
}

export const DEFAULT_FEEDBACK_CAP: FeedbackCapPolicy = { minReporterAgeDays: 7, maxPerReporterPerDay: 3 };

export function feedbackCapHeuristic(policy: FeedbackCapPolicy = DEFAULT_FEEDBACK_CAP): StreamHeuristic {
  return {
    kind: 'stream',
    id: 'heuristic.feedback-cap',
    name: 'Capped, age-weighted feedback',
    summary: 'Ignore "not spam" reports from young reporters, beyond 3 per reporter and day, or repeated per message.',
    async inspect(stream) {
      let accepted = 0;
      const reasons = { young: 0, cap: 0, repeat: 0 };
      const perDay = new Map<string, number>();
      const seen = new Set<string>();
      for (const r of stream.feedback ?? []) {
        if (r.claimed !== 'ham') {
          accepted++;
          continue;
        }
        const c = r.context ?? {};
        const reporter = typeof c.accountId === 'string' ? c.accountId : 'anonymous';
        const age = typeof c.accountAgeDays === 'number' ? c.accountAgeDays : 0;
        const day = Math.floor((typeof c.timestamp === 'number' ? c.timestamp : 0) / DAY);
        if (age < policy.minReporterAgeDays) {
          reasons.young++;
          continue;
        }
        if (seen.has(`${reporter}|${r.inputId}`)) {
          reasons.repeat++;
          continue;
        }
        const key = `${reporter}|${day}`;
        const n = perDay.get(key) ?? 0;
        if (n >= policy.maxPerReporterPerDay) {
          reasons.cap++;
          continue;
        }
        perDay.set(key, n + 1);
        seen.add(`${reporter}|${r.inputId}`);
        accepted++;
      }
      const rejected = reasons.young + reasons.cap + reasons.repeat;
      const evidence = rejected
        ? [
            `${rejected} report(s) ignored: ${reasons.young} from young reporters, ${reasons.cap} over the daily cap, ${reasons.repeat} repeated`,
          ]
        : [];
      return streamFinding([], evidence, { accepted, rejected });
    },
  };
}
