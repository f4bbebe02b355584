/**
 * Simulated accounts: who sends (benign users, throwaway spam accounts, campaign accounts) and who receives and
 * reports. IP addresses come from the RFC 5737 documentation ranges, so nothing in a log points at a real host.
 */

import type { SeededRandom } from '../../util/random.js';
import { DAY_MS } from '../../util/time.js';

export type AccountRole = 'benign' | 'throwaway' | 'campaign' | 'prober' | 'reporter';

export interface SimAccount {
  id: string;
  role: AccountRole;
  createdAt: number;
  sourceIp: string;
  /** Relative sending activity (benign users). */
  weight: number;
}

export function ageDaysAt(account: SimAccount, at: number): number {
  return Math.max(0, Math.round(((at - account.createdAt) / DAY_MS) * 100) / 100);
}

/** A documentation-range IPv4 address: benign users in 198.51.100.0/24 and 192.0.2.0/24, abusers in 203.0.113.0/24. */
export function documentationIp(rng: SeededRandom, abusive: boolean): string {
  if (abusive) return `203.0.113.${rng.int(1, 254)}`;
  return rng.chance(0.5) ? `198.51.100.${rng.int(1, 254)}` : `192.0.2.${rng.int(1, 254)}`;
}

/** Issues account ids that say what they are (`user-0042`, `cmp03-a007`, …), unique within a run. */
export class AccountFactory {
  private readonly counters = new Map<string, number>();

  constructor(private readonly rng: SeededRandom) {}

  create(prefix: string, role: AccountRole, createdAt: number, sourceIp?: string, weight = 1): SimAccount {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return {
      id: `${prefix}-${String(n).padStart(4, '0')}`,
      role,
      createdAt,
      sourceIp: sourceIp ?? documentationIp(this.rng, role !== 'benign' && role !== 'reporter'),
      weight,
    };
  }
}
