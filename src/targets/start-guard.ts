/**
 * Restart care for command targets: a program that dies at once every time (a missing model file, a syntax error)
 * must not be restarted in a tight loop forever, nor fail thousands of attempts one stack trace at a time.
 *
 * Every start that ends without a single answer is a failed start. Before the next start the guard waits, doubling
 * from `baseDelayMs` up to `maxDelayMs`; after `limit` failed starts in a row it declares the target broken, and
 * every later call fails at once with one clear, non-retryable error naming the command and its last stderr lines.
 * Any answer resets the count. A program that cannot be started at all (ENOENT, EACCES) is broken at once.
 */
import { TransportError } from './transport-error.js';

export interface StartGuardOptions {
  /** Failed starts in a row before the target counts as broken. */
  limit: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/** Spawn errors that no waiting can fix. */
const HOPELESS_SPAWN_ERRORS = new Set(['ENOENT', 'EACCES', 'ENOTDIR', 'EISDIR', 'ENOEXEC', 'EPERM']);

export class StartGuard {
  private failedInARow = 0;
  private brokenError?: TransportError;

  constructor(
    private readonly command: string,
    private readonly options: StartGuardOptions,
  ) {}

  /** The error every call fails with once the target is broken (undefined while it may still work). */
  get broken(): TransportError | undefined {
    return this.brokenError;
  }

  get failedStarts(): number {
    return this.failedInARow;
  }

  /** How long to wait before the next start (0 unless the last starts failed). */
  delayMs(): number {
    if (this.failedInARow === 0) return 0;
    const base = this.options.baseDelayMs ?? 50;
    return Math.min(this.options.maxDelayMs ?? 2_000, base * 2 ** (this.failedInARow - 1));
  }

  /** The program answered: it works, whatever failed before. */
  answered(): void {
    this.failedInARow = 0;
  }

  /** A start ended without an answer (exit `code`, the tail of its stderr). Returns the broken error when it is. */
  failedStart(how: string, stderrTail: string): TransportError | undefined {
    this.failedInARow++;
    if (this.failedInARow >= this.options.limit && !this.brokenError) {
      this.brokenError = new TransportError(
        `${this.command} keeps dying before it answers (${this.failedInARow} starts in a row, last: ${how})` +
          `${lastLines(stderrTail)}; fix the command (try running it by hand) and resume the run`,
        false,
        'broken',
      );
    }
    return this.brokenError;
  }

  /**
   * The program could not be spawned. Hopeless errors (no such file, not executable) break the target at once; others
   * (EAGAIN, EMFILE: too many processes or files right now) count as a failed start.
   */
  spawnFailed(error: NodeJS.ErrnoException): TransportError {
    if (error.code && HOPELESS_SPAWN_ERRORS.has(error.code)) {
      this.brokenError ??= new TransportError(
        `cannot start ${this.command}: ${error.code === 'ENOENT' ? 'no such program (check argv[0] and PATH)' : error.message}`,
        false,
        'broken',
      );
      return this.brokenError;
    }
    return (
      this.failedStart(`spawn failed: ${error.message}`, '') ??
      new TransportError(`cannot start ${this.command}: ${error.message}`, true, 'crashed')
    );
  }
}

/** The last few lines of a program's stderr, for an error message. */
export function lastLines(stderrTail: string, lines = 5): string {
  const tail = stderrTail.trimEnd().split('\n').slice(-lines).join('\n').trim();
  if (!tail) return '';
  return `; its stderr ends with:\n  ${tail.slice(-800).replaceAll('\n', '\n  ')}`;
}

/** Wait `ms` (the back-off before a restart); rejects with a retryable timeout when the caller gives up first. */
export function backOff(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new TransportError('timed out waiting to restart the program', true, 'timeout'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
