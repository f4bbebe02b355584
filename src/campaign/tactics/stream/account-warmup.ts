/**
 * access.account-warmup — create the accounts at the start, let them send a little benign mail every day for
 * `warmupDays` (each delivered message earns reputation, and the accounts stop being "young"), then send the
 * campaign from them. The attacker pays in waiting time and warm-up sends, not money. A staple of spam and fake
 * account operations (Stringhini et al., "Detecting Spammers on Social Networks", ACSAC 2010; Thomas et al. 2013).
 *
 * Warm-up sends carry ids `warmup:<account>:<n>` (no seed owns them); the campaign's sends keep their ids.
 * Params: `accounts`, `warmupDays`, `messagesPerDay` (per account), `accountCostUsd`.
 */
import type { TargetInput } from '../../../contracts/target.js';
import { merged, num } from '../params.js';
import type { StreamTactic } from '../types.js';
import { cost, DAY_MS, HOUR_MS, timeOf, withContext } from './shared.js';
import { warmupMessage } from './warmup-mail.js';

const DEFAULTS = {
  accounts: 3,
  warmupDays: 14,
  messagesPerDay: 2,
  accountCostUsd: 0.1,
};

export const accountWarmupTactic: StreamTactic = {
  kind: 'stream',
  id: 'access.account-warmup',
  defusedBy: ['heuristic.behaviour-change'],
  summary: 'Age accounts with a few benign messages a day before sending the campaign from them.',
  defaults: DEFAULTS,
  plan(messages, base, rng, params) {
    const p = merged(DEFAULTS, params);
    const pool = Math.max(1, Math.floor(num(p, 'accounts', DEFAULTS.accounts)));
    const days = Math.max(0, num(p, 'warmupDays', DEFAULTS.warmupDays));
    const perDay = Math.max(0, Math.floor(num(p, 'messagesPerDay', DEFAULTS.messagesPerDay)));
    const created = base.startMs;
    const accounts = Array.from({ length: pool }, (_, i) => `${base.accountPrefix}warm-${i}`);
    const sends: TargetInput[] = [];
    let n = 0;
    for (let day = 0; day < Math.ceil(days); day++) {
      for (const account of accounts) {
        for (let k = 0; k < perDay; k++) {
          // office hours: 08:00–18:00 of the warm-up day, in a random minute
          const at = created + day * DAY_MS + 8 * HOUR_MS + Math.floor(rng() * 10 * HOUR_MS);
          if (at >= created + days * DAY_MS) continue;
          n++;
          sends.push({
            id: `warmup:${account}:${n}`,
            content: warmupMessage(rng, account, at, n),
            context: { accountId: account, accountAgeDays: (at - created) / DAY_MS, timestamp: at },
          });
        }
      }
    }
    sends.sort((a, b) => (a.context?.timestamp as number) - (b.context?.timestamp as number));
    // The campaign starts when the warm-up ends; sends keep the spacing an earlier tactic gave them.
    const campaignStart = created + days * DAY_MS;
    const first = messages.length ? Math.min(...messages.map((m) => timeOf(m, base))) : base.startMs;
    for (const [i, m] of messages.entries()) {
      const at = campaignStart + (timeOf(m, base) - first);
      sends.push(
        withContext(m, {
          accountId: accounts[i % pool] as string,
          accountAgeDays: (at - created) / DAY_MS,
          timestamp: at,
        }),
      );
    }
    return {
      sends,
      cost: cost({
        accounts: pool,
        money: pool * num(p, 'accountCostUsd', DEFAULTS.accountCostUsd),
        timeHours: days * 24,
      }),
    };
  },
};
