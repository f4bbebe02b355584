/**
 * feedback.mass-not-spam — deliver the campaign to inboxes the attacker controls and mark it "not spam" from each
 * of them. Where reports become training labels (the reference system retrains on accepted reports every week)
 * the next model learns the campaign's words as ham. Feedback-loop poisoning of spam filters: Nelson et al.,
 * "Exploiting Machine Learning to Subvert Your Spam Filter", LEET 2008; Google's Gmail team describes
 * coordinated "not spam" voting as a standing attack (Bursztein, "Attacks against ML-based anti-abuse", 2018).
 *
 * The plan sends each message once (to the attacker's own inboxes) and files `reportsPerMessage` reports, each
 * from one of `reporters` recipient accounts, `reportDelayMinutes` after the send. The runner probes later to see
 * whether the feedback made the message get through. Params: `reporters`, `reportsPerMessage`,
 * `reporterAgeDays`, `reportDelayMinutes`, `accountCostUsd`.
 */
import type { FeedbackReport } from '../../../contracts/target.js';
import { merged, num } from '../params.js';
import { randInt } from '../rng.js';
import type { StreamTactic } from '../types.js';
import { cost, MINUTE_MS, timeOf } from './shared.js';

const DEFAULTS = {
  reporters: 20,
  reportsPerMessage: 10,
  /** Recipient inboxes are throwaways too: a day old by default. */
  reporterAgeDays: 1,
  reportDelayMinutes: 30,
  accountCostUsd: 0.05,
};

export const massNotSpamTactic: StreamTactic = {
  kind: 'stream',
  id: 'feedback.mass-not-spam',
  defusedBy: ['heuristic.feedback-cap'],
  summary: 'Send to attacker-controlled inboxes and report every copy "not spam" from many recipient accounts.',
  defaults: DEFAULTS,
  plan(messages, base, rng, params) {
    const p = merged(DEFAULTS, params);
    const reporters = Math.max(1, Math.floor(num(p, 'reporters', DEFAULTS.reporters)));
    const perMessage = Math.max(1, Math.floor(num(p, 'reportsPerMessage', DEFAULTS.reportsPerMessage)));
    const age = Math.max(0, num(p, 'reporterAgeDays', DEFAULTS.reporterAgeDays));
    const delay = Math.max(0, num(p, 'reportDelayMinutes', DEFAULTS.reportDelayMinutes)) * MINUTE_MS;
    const feedback: FeedbackReport[] = [];
    let next = randInt(rng, 0, reporters - 1);
    const used = new Set<number>();
    for (const m of messages) {
      const t = timeOf(m, base);
      for (let k = 0; k < perMessage; k++) {
        const r = next % reporters;
        next++;
        used.add(r);
        feedback.push({
          inputId: m.id,
          content: m.content,
          ...(m.encoding && { encoding: m.encoding }),
          claimed: 'ham',
          context: {
            accountId: `${base.accountPrefix}inbox-${r}`,
            accountAgeDays: age,
            // spread over a few minutes, as a script clicking through inboxes would
            timestamp: t + delay + k * MINUTE_MS,
          },
        });
      }
    }
    return {
      sends: [...messages],
      feedback,
      cost: cost({ accounts: used.size, money: used.size * num(p, 'accountCostUsd', DEFAULTS.accountCostUsd) }),
    };
  },
};
