/**
 * signup-challenge (automation layer): every account is created through a challenge that costs the creator money
 * and time (a CAPTCHA-style solve, bought from a solving service by attackers). It also refuses more than a few
 * signups per source (IP) per day, the one thing it can check cheaply. Messages from refused accounts are
 * blocked here. The ledger of what accounts cost is the attacker-cost signal campaigns and calibration read.
 */
import { DAY_MS } from '../../util/time.js';

export interface SignupChallengePolicy {
  /** What one solved challenge costs the account creator (USD). */
  costPerAccountUsd: number;
  /** Time one solve takes (seconds). */
  solveSeconds: number;
  /** Signups allowed per source IP and calendar day (UTC); more are refused. */
  maxSignupsPerSourcePerDay: number;
}

export const DEFAULT_SIGNUP_CHALLENGE: SignupChallengePolicy = {
  costPerAccountUsd: 0.003,
  solveSeconds: 20,
  maxSignupsPerSourcePerDay: 20,
};

export interface SignupResult {
  accepted: boolean;
  costUsd: number;
  solveSeconds: number;
}

export interface SignupLedger {
  accountsCreated: number;
  accountsRefused: number;
  totalCostUsd: number;
  totalSolveHours: number;
}

export class SignupChallenge {
  private readonly perSourceDay = new Map<string, number>();
  private readonly ledger: SignupLedger = {
    accountsCreated: 0,
    accountsRefused: 0,
    totalCostUsd: 0,
    totalSolveHours: 0,
  };

  constructor(readonly policy: SignupChallengePolicy = DEFAULT_SIGNUP_CHALLENGE) {}

  /** Create an account at `createdAt` (ms) from `sourceIp` (when known). The solve is paid even when refused. */
  signUp(createdAt: number, sourceIp: string | undefined): SignupResult {
    this.ledger.totalCostUsd += this.policy.costPerAccountUsd;
    this.ledger.totalSolveHours += this.policy.solveSeconds / 3600;
    let accepted = true;
    if (sourceIp) {
      const key = `${sourceIp}@${Math.floor(createdAt / DAY_MS)}`;
      const count = (this.perSourceDay.get(key) ?? 0) + 1;
      this.perSourceDay.set(key, count);
      accepted = count <= this.policy.maxSignupsPerSourcePerDay;
    }
    if (accepted) this.ledger.accountsCreated++;
    else this.ledger.accountsRefused++;
    return { accepted, costUsd: this.policy.costPerAccountUsd, solveSeconds: this.policy.solveSeconds };
  }

  snapshot(): SignupLedger {
    return { ...this.ledger };
  }
}
