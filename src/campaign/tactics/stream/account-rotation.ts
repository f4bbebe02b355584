/**
 * access.account-rotation — spread the sends over a pool of accounts, round-robin from a random starting point, so
 * every per-account counter (the rate limiter's hour, the bulk detector's per-sender near-duplicates, the
 * reputation a block costs) only ever sees a fraction of the campaign. The standard shape of bulk abuse on
 * account-based platforms (Thomas et al., "Trafficking Fraudulent Accounts", USENIX Security 2013).
 *
 * Params: `accounts` (pool size), `accountAgeDays` (age of the pool's accounts; default keeps what the send
 * carries), `accountCostUsd` (price of one account).
 */
import { merged, num } from '../params.js';
import { randInt } from '../rng.js';
import type { StreamTactic } from '../types.js';
import { cost, withContext } from './shared.js';

const DEFAULTS = {
  accounts: 10,
  /** -1 = keep the age the send already carries (the campaign's sender age). */
  accountAgeDays: -1,
  accountCostUsd: 0.05,
};

export const accountRotationTactic: StreamTactic = {
  kind: 'stream',
  id: 'access.account-rotation',
  defusedBy: ['heuristic.cross-account-clusters'],
  summary: 'Spread the sends round-robin over a pool of accounts so per-account limits see a fraction each.',
  defaults: DEFAULTS,
  plan(messages, base, rng, params) {
    const p = merged(DEFAULTS, params);
    const pool = Math.max(1, Math.floor(num(p, 'accounts', DEFAULTS.accounts)));
    const age = num(p, 'accountAgeDays', DEFAULTS.accountAgeDays);
    const offset = randInt(rng, 0, pool - 1);
    const used = new Set<number>();
    const sends = messages.map((m, i) => {
      const slot = (offset + i) % pool;
      used.add(slot);
      return withContext(m, {
        accountId: `${base.accountPrefix}rot-${slot}`,
        ...(age >= 0 ? { accountAgeDays: age } : {}),
      });
    });
    return {
      sends,
      cost: cost({ accounts: used.size, money: used.size * num(p, 'accountCostUsd', DEFAULTS.accountCostUsd) }),
    };
  },
};
