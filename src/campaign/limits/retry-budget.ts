/**
 * A retry budget (after Finagle's RetryBudget and gRPC's retry throttling): every first try deposits `ratio`
 * tokens, every retry withdraws one, and the balance starts at (and can save up to) `reserve`. When a target
 * fails everything, retries stop at about `ratio` × traffic instead of multiplying it: no retry storm.
 */
export class RetryBudget {
  private balance: number;
  /** Retries refused because the budget was empty. */
  refused = 0;

  constructor(
    readonly ratio = 0.2,
    readonly reserve = 10,
  ) {
    this.balance = reserve;
  }

  /** Called once per first try. */
  deposit(): void {
    this.balance = Math.min(this.reserve, this.balance + this.ratio);
  }

  /** True (and one token spent) when a retry may go out. */
  tryWithdraw(): boolean {
    if (this.balance >= 1) {
      this.balance -= 1;
      return true;
    }
    this.refused++;
    return false;
  }
}
