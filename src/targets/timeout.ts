/**
 * A per-decision deadline around any target: what `--target` adds to kinds that can hang (HTTP, commands, modules).
 */
import type { Target, TargetInput, TargetVerdict } from '../contracts/target.js';
import { TargetError } from '../contracts/target.js';

/**
 * Give up on a decision that takes longer than `ms`. The signal lets targets that can (commands, HTTP) stop the
 * work; the race makes the case fail even for one that ignores it (an in-process module stuck in a loop still
 * holds its thread, but an async one that never settles no longer stalls the run).
 */
export function withTimeout(target: Target, ms: number): Target {
  return {
    info: target.info,
    decide(input: TargetInput, signal?: AbortSignal): Promise<TargetVerdict> {
      const timeout = AbortSignal.timeout(ms);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
      return new Promise<TargetVerdict>((resolvePromise, reject) => {
        const onAbort = () =>
          reject(signal?.aborted ? signal.reason : new TargetError(`no answer within ${ms} ms`, true));
        combined.addEventListener('abort', onAbort, { once: true });
        target.decide(input, combined).then(
          (v) => {
            combined.removeEventListener('abort', onAbort);
            resolvePromise(v);
          },
          (e: unknown) => {
            combined.removeEventListener('abort', onAbort);
            if (timeout.aborted && !signal?.aborted) reject(new TargetError(`no answer within ${ms} ms`, true));
            else reject(e);
          },
        );
      });
    },
    close: () => target.close(),
  };
}
