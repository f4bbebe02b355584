/**
 * access.fresh-accounts — send every message from a brand-new throwaway account and never reuse it: a ban, a
 * reputation hit or a per-account count costs the attacker one cheap account. The defence the catalog names (young
 * accounts get small quotas and stricter thresholds) is built into the reference funnel's sender-accounts layer,
 * so the campaign measures exactly what that heuristic is worth.
 *
 * Params: `accountAgeDays` (age when the message is sent; 0 = created just now), `accountCostUsd`.
 */
import { merged, num } from '../params.js';
import type { StreamTactic } from '../types.js';
import { cost, withContext } from './shared.js';

const DEFAULTS = {
  accountAgeDays: 0,
  /** Mail address, challenge solve and proxy: a few cents (catalog access.fresh-accounts). */
  accountCostUsd: 0.05,
};

export const freshAccountsTactic: StreamTactic = {
  kind: 'stream',
  id: 'access.fresh-accounts',
  defusedBy: ['heuristic.young-sender'],
  summary: 'Send every message from its own brand-new throwaway account.',
  defaults: DEFAULTS,
  plan(messages, base, _rng, params) {
    const p = merged(DEFAULTS, params);
    const age = Math.max(0, num(p, 'accountAgeDays', DEFAULTS.accountAgeDays));
    const sends = messages.map((m, i) =>
      withContext(m, { accountId: `${base.accountPrefix}new-${i}`, accountAgeDays: age }),
    );
    return {
      sends,
      cost: cost({ accounts: sends.length, money: sends.length * num(p, 'accountCostUsd', DEFAULTS.accountCostUsd) }),
    };
  },
};
