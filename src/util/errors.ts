/**
 * Errors a user can cause (bad input, bad arguments) are UserError: the CLI prints the message without a
 * stack and exits with the given code. Anything else is a bug and prints a stack with exit code 70.
 */
export const EXIT = {
  ok: 0,
  /** A gate failed: findings at or above --fail-on, regression cases failed, alerts fired, cost fell. */
  gate: 1,
  /** Invalid input or usage. */
  invalid: 2,
  /** An internal error (a bug in nograd). */
  internal: 70,
} as const;

export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.invalid,
    /** True when the message is already formatted lines (file:line:col: error: …) and needs no "error:" prefix. */
    readonly preformatted = false,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
