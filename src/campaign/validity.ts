/**
 * The runner's view of the validity oracle (src/campaign/oracles): judge a transformed sample against its original,
 * with the equivalences the chain's tactics declare. The original's reader view is computed once per seed.
 */
import { type ContentEncoding, contentBytes } from '../contracts/input-bytes.js';
import type { RedirectRegistry } from './oracles/redirect-registry.js';
import type { ExecutableTactic, TacticParams, ValidityVerdict } from './tactics/types.js';

export interface ValidityOracle {
  judge(
    /** The seed; the transformed content shares its encoding (the oracle parses the exact bytes of both). */
    original: { id: string; content: string; encoding?: ContentEncoding },
    transformed: string,
    steps: ReadonlyArray<{ id: string; params: TacticParams }>,
  ): Promise<ValidityVerdict>;
}

/**
 * The mail oracle: the reader sees the same text and the links reach the same places. `registry` is where the
 * campaign's URL tactics recorded the redirects and look-alike hosts they set up (so a click can be followed).
 */
export async function mailValidityOracle(
  registry?: RedirectRegistry,
  /** Tactic definitions beyond the built-in ones (the campaign's tactic modules), for their `validity`. */
  definition?: (id: string) => Pick<ExecutableTactic, 'validity'> | undefined,
): Promise<ValidityOracle> {
  const { judgeViews, readerView, validityOptionsFor } = await import('./oracles/index.js');
  const views = new Map<string, ReturnType<typeof readerView>>();
  return {
    async judge(original, transformed, steps) {
      let view = views.get(original.id);
      if (!view) {
        view = readerView(contentBytes(original.content, original.encoding));
        views.set(original.id, view);
      }
      const [o, t] = await Promise.all([view, readerView(contentBytes(transformed, original.encoding))]);
      const report = judgeViews(o, t, validityOptionsFor(steps, registry ? { registry } : {}, definition));
      return { valid: report.valid, reasons: report.reasons };
    },
  };
}
