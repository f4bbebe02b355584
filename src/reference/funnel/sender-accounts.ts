/**
 * sender-accounts (access layer): every sender is an account with an age and a reputation in [0, 1] that moves
 * with outcomes (delivered mail nudges it up; blocks and spam reports push it down). Accounts below a reputation
 * floor are blocked outright. Young accounts are treated more strictly: a lower spam threshold and a lower rate
 * limit. Accounts unknown to the system are created through the signup-challenge, back-dated by their age.
 */

import { DAY_MS } from '../../util/time.js';
import type { SignupChallenge } from './signup-challenge.js';

export interface SenderAccountsPolicy {
  initialReputation: number;
  /** Accounts whose reputation falls below this are blocked. */
  blockBelowReputation: number;
  /** Accounts younger than this (days) are "young". */
  youngAccountDays: number;
  /** How much lower the block threshold (and review band) is for young accounts. */
  youngAccountThresholdDelta: number;
  /** Age assumed for an account seen for the first time without an age (days). */
  defaultAccountAgeDays: number;
}

export const DEFAULT_SENDER_ACCOUNTS: SenderAccountsPolicy = {
  initialReputation: 0.5,
  blockBelowReputation: 0.2,
  youngAccountDays: 7,
  youngAccountThresholdDelta: 0.1,
  defaultAccountAgeDays: 365,
};

export type AccountOutcome =
  | 'delivered'
  | 'deferred'
  | 'blocked'
  | 'reported-spam'
  | 'reported-not-spam'
  | 'review-confirmed-spam'
  | 'review-cleared';

/**
 * Reputation change per outcome: slow to earn, quicker to lose; human signals (reports, review verdicts) weigh
 * more than automatic blocks. From the initial 0.5, about 30 blocked messages sink an account below the floor.
 */
export const REPUTATION_STEP: Record<AccountOutcome, number> = {
  delivered: 0.005,
  deferred: -0.005,
  blocked: -0.01,
  'reported-spam': -0.1,
  'reported-not-spam': 0.05,
  'review-confirmed-spam': -0.15,
  'review-cleared': 0.05,
};

export interface Account {
  id: string;
  createdAt: number;
  reputation: number;
  sourceIp?: string;
  /** The signup-challenge refused this account (too many signups from its source that day). */
  refusedAtSignup: boolean;
  messages: number;
  blocked: number;
}

export interface ResolvedSender {
  account: Account;
  ageDays: number;
  young: boolean;
  /** First time the system saw this account. */
  isNew: boolean;
}

export interface SenderAccountsSnapshot {
  accounts: number;
  young: number;
  belowReputationFloor: number;
  refusedAtSignup: number;
  meanReputation: number;
}

export class SenderAccounts {
  private readonly accounts = new Map<string, Account>();

  constructor(
    readonly policy: SenderAccountsPolicy,
    private readonly signup: SignupChallenge,
  ) {}

  /** Find or create the account; `ageDays` from the caller wins over the recorded creation time. */
  resolve(id: string, now: number, ageDays?: number, sourceIp?: string): ResolvedSender {
    let account = this.accounts.get(id);
    const isNew = !account;
    if (!account) {
      const age = ageDays ?? this.policy.defaultAccountAgeDays;
      const createdAt = now - age * DAY_MS;
      const signup = this.signup.signUp(createdAt, sourceIp);
      account = {
        id,
        createdAt,
        reputation: this.policy.initialReputation,
        ...(sourceIp !== undefined && { sourceIp }),
        refusedAtSignup: !signup.accepted,
        messages: 0,
        blocked: 0,
      };
      this.accounts.set(id, account);
    }
    const age = ageDays ?? Math.max(0, (now - account.createdAt) / DAY_MS);
    return { account, ageDays: age, young: age < this.policy.youngAccountDays, isNew };
  }

  isBelowFloor(account: Account): boolean {
    return account.reputation < this.policy.blockBelowReputation;
  }

  record(id: string, outcome: AccountOutcome): void {
    const account = this.accounts.get(id);
    if (!account) return;
    account.reputation = Math.min(1, Math.max(0, account.reputation + REPUTATION_STEP[outcome]));
    if (outcome === 'delivered' || outcome === 'blocked' || outcome === 'deferred') account.messages++;
    if (outcome === 'blocked') account.blocked++;
  }

  get(id: string): Readonly<Account> | undefined {
    return this.accounts.get(id);
  }

  snapshot(now: number): SenderAccountsSnapshot {
    let young = 0;
    let low = 0;
    let refused = 0;
    let sum = 0;
    for (const a of this.accounts.values()) {
      if ((now - a.createdAt) / DAY_MS < this.policy.youngAccountDays) young++;
      if (this.isBelowFloor(a)) low++;
      if (a.refusedAtSignup) refused++;
      sum += a.reputation;
    }
    return {
      accounts: this.accounts.size,
      young,
      belowReputationFloor: low,
      refusedAtSignup: refused,
      meanReputation: this.accounts.size ? sum / this.accounts.size : 0,
    };
  }
}
