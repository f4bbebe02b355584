/**
 * automation.residential-proxies — give every sending account its own rented residential address, so per-source
 * limits (the reference signup-challenge refuses more than a few signups per source IP and day) and IP reputation
 * see many ordinary home users. Addresses are drawn from 198.18.0.0/15 (RFC 2544, benchmarking), so none is real.
 *
 * Params: `costPerAddressUsd`, `sharePerAddress` (accounts behind one address; 1 = one each).
 */
import { merged, num } from '../params.js';
import { randInt } from '../rng.js';
import type { Rng, StreamTactic } from '../types.js';
import { accountOf, cost, withContext } from './shared.js';

const DEFAULTS = {
  costPerAddressUsd: 0.01,
  sharePerAddress: 1,
};

function address(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const ip = `198.${randInt(rng, 18, 19)}.${randInt(rng, 0, 255)}.${randInt(rng, 1, 254)}`;
    if (!taken.has(ip)) {
      taken.add(ip);
      return ip;
    }
  }
}

export const residentialProxiesTactic: StreamTactic = {
  kind: 'stream',
  id: 'automation.residential-proxies',
  defusedBy: ['heuristic.cross-account-clusters'],
  summary: 'Route each sending account through its own residential address so per-IP limits never fill.',
  defaults: DEFAULTS,
  plan(messages, base, rng, params) {
    const p = merged(DEFAULTS, params);
    const share = Math.max(1, Math.floor(num(p, 'sharePerAddress', DEFAULTS.sharePerAddress)));
    const taken = new Set<string>();
    const ipOf = new Map<string, string>();
    let current = '';
    const sends = messages.map((m) => {
      const account = accountOf(m, base);
      let ip = ipOf.get(account);
      if (!ip) {
        if (ipOf.size % share === 0) current = address(rng, taken);
        ip = current;
        ipOf.set(account, ip);
      }
      return withContext(m, { sourceIp: ip });
    });
    return { sends, cost: cost({ money: taken.size * num(p, 'costPerAddressUsd', DEFAULTS.costPerAddressUsd) }) };
  },
};
