/**
 * The campaign's budgets (queries, money, accounts, wall time) and what has been spent against them. It exists so
 * the limits are checked in one place, in plan order, with costs known before sending: a budget then cuts the same
 * plan at the same place at any concurrency and on every resume. It also holds the run's stop decision (a budget,
 * an interruption, the target going down), because every path that must stop asks here first.
 */
import type { CampaignConfig } from '../file.js';
import type { RunStatus } from '../store.js';

/** Thrown (and remembered) to end the waves early; the runner turns it into the run's final status. */
export class StopRun extends Error {
  constructor(
    readonly status: RunStatus,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export interface Spent {
  queries: number;
  money: number;
  accounts: number;
}

export class Budget {
  readonly spent: Spent = { queries: 0, money: 0, accounts: 0 };
  /** Set once: the first reason to stop wins. */
  stop: StopRun | null = null;
  private readonly startedAt: number;

  constructor(
    private readonly limits: CampaignConfig['budgets'],
    private readonly now: () => number,
    private readonly signal?: AbortSignal,
    /** When the run started on `now`'s clock (a distributed run's steps count from the run's creation). */
    startedAt?: number,
  ) {
    this.startedAt = startedAt ?? now();
  }

  get wallSeconds(): number {
    return (this.now() - this.startedAt) / 1000;
  }

  /** Remember a reason to stop (the first one wins) and return the stop to throw. */
  halt(status: RunStatus, reason: string): StopRun {
    this.stop ??= new StopRun(status, reason);
    return this.stop;
  }

  /** Count an attempt replayed from the store (it was admitted when it first ran). */
  charge(a: Spent): void {
    this.spent.queries += a.queries;
    this.spent.money += a.money;
    this.spent.accounts += a.accounts;
  }

  /** Charge an attempt before it is sent; stop the run when it would go over a budget. */
  admit(queries: number, money: number, accounts: number): void {
    const b = this.limits;
    const over = (name: string, used: number, limit: number | undefined) => {
      if (limit !== undefined && used > limit) throw this.halt('stopped', `budget reached: ${name} (${limit})`);
    };
    over('queries', this.spent.queries + queries, b.queries);
    over('money', this.spent.money + money, b.money);
    over('accounts', this.spent.accounts + accounts, b.accounts);
    this.spent.queries += queries;
    this.spent.money += money;
    this.spent.accounts += accounts;
  }

  /** Before starting an attempt: throws when interrupted, already stopping, or past the wall-time budget. */
  checkWall(): void {
    if (this.signal?.aborted) throw this.halt('interrupted', 'interrupted');
    if (this.stop) throw this.stop;
    const limit = this.limits.wallSeconds;
    if (limit !== undefined && this.wallSeconds > limit) {
      throw this.halt('stopped', `budget reached: wallSeconds (${limit})`);
    }
  }
}
