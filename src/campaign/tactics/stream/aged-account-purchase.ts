/**
 * access.aged-account-purchase — buy a few old accounts with history instead of waiting for new ones to age: the
 * young-account rules (stricter thresholds, lower quotas) never apply. Underground markets sell aged mail and
 * social accounts for one to a few tens of USD (Thomas et al., USENIX Security 2013).
 *
 * Params: `accounts` (bought), `ageDays`, `priceUsd` (per account), `deliveryHours` (time until the seller hands
 * them over).
 */
import { merged, num } from '../params.js';
import { randInt } from '../rng.js';
import type { StreamTactic } from '../types.js';
import { cost, withContext } from './shared.js';

const DEFAULTS = {
  accounts: 3,
  ageDays: 400,
  priceUsd: 5,
  deliveryHours: 2,
};

export const agedAccountPurchaseTactic: StreamTactic = {
  kind: 'stream',
  id: 'access.aged-account-purchase',
  defusedBy: ['heuristic.observed-age'],
  summary: 'Send from a few bought accounts that are already old, so young-account rules never apply.',
  defaults: DEFAULTS,
  plan(messages, base, rng, params) {
    const p = merged(DEFAULTS, params);
    const pool = Math.max(1, Math.floor(num(p, 'accounts', DEFAULTS.accounts)));
    const age = Math.max(0, num(p, 'ageDays', DEFAULTS.ageDays));
    const offset = randInt(rng, 0, pool - 1);
    const sends = messages.map((m, i) =>
      withContext(m, { accountId: `${base.accountPrefix}aged-${(offset + i) % pool}`, accountAgeDays: age }),
    );
    const bought = Math.min(pool, sends.length);
    return {
      sends,
      cost: cost({
        accounts: bought,
        money: bought * num(p, 'priceUsd', DEFAULTS.priceUsd),
        timeHours: bought > 0 ? num(p, 'deliveryHours', DEFAULTS.deliveryHours) : 0,
      }),
    };
  },
};
