/** Test support for regression runs: a tiny in-process target and a suite that exercises every case status. */
import type { Target, TargetInput, TargetVerdict } from '../contracts/target.js';
import { TargetError } from '../contracts/target.js';
import type { Suite } from './suite.js';

/** A tiny keyword filter as a target: blocks "viagra", answers "flaky" alternately, fails on "down". */
export function keywordTarget(): Target & { calls: number } {
  let flip = 0;
  const t = {
    calls: 0,
    info: { kind: 'module' as const, fingerprint: 'keyword-filter', exposes: ['decision' as const, 'score' as const] },
    async decide(input: TargetInput): Promise<TargetVerdict> {
      t.calls++;
      if (input.content.includes('down')) throw new TargetError('connection refused', true);
      if (input.content.includes('flaky'))
        return flip++ % 3 === 2 ? { decision: 'allow', score: 0.1 } : { decision: 'block', score: 0.9 };
      return input.content.includes('viagra') ? { decision: 'block', score: 0.97 } : { decision: 'allow', score: 0.03 };
    },
    async close() {},
  };
  return t;
}

export const SUITE: Suite = {
  kind: 'nograd-suite',
  version: 1,
  name: 'unit',
  cases: [
    { id: 'ham', input: 'hello', expect: { decision: 'allow', scoreAtMost: 0.2 } },
    {
      id: 'spam',
      input: 'cheap viagra',
      expect: { decision: 'notAllow' },
      provenance: { miner: 'overturned', traceIds: [], times: [], reason: 'reviewer said spam' },
    },
    { id: 'regressed', input: 'cheap v1agra', expect: { decision: 'notAllow' } },
    { id: 'known', input: 'v1agra again', expect: { decision: 'block' }, knownFailure: 'filter misses digits' },
    { id: 'fixed', input: 'viagra <b>', expect: { decision: 'block' }, knownFailure: true },
    { id: 'down', input: 'down', expect: { decision: 'allow' } },
  ],
};
