/**
 * The reference system as a campaign / regression / monitor `Target`, in-process. `context.accountId`,
 * `accountAgeDays`, `timestamp` and `sourceIp` drive the automation, access and activity layers; without them a
 * message comes from one long-standing account (`anonymous`) at the system clock's time. The model is trained (or
 * loaded from the cache) on the first decision, so creating a target is instant.
 */

import { inputBytes } from '../contracts/input-bytes.js';
import type { FeedbackReport, Target, TargetInfo, TargetInput, TargetVerdict } from '../contracts/target.js';
import { TargetError } from '../contracts/target.js';
import { trainingCodeVersion } from './code-version.js';
import { describeSplit, resolveSplit } from './corpus.js';
import { describeHardening, resolveHardening } from './hardening.js';
import { createReferenceSystem, type ReferenceSystem, type ReferenceSystemOptions } from './system.js';

export interface ReferenceTarget extends Target {
  /** The running system (trained on first use). */
  system(): Promise<ReferenceSystem>;
}

export function referenceTarget(options: ReferenceSystemOptions = {}): ReferenceTarget {
  let system: Promise<ReferenceSystem> | undefined;
  const getSystem = () => {
    system ??= createReferenceSystem(options);
    return system;
  };
  const splitInput = typeof options.split === 'string' ? { kind: options.split } : (options.split ?? {});
  const split = resolveSplit({ ...splitInput, seed: options.seed ?? 42 });
  const info: TargetInfo = {
    kind: 'reference',
    fingerprint: [
      'reference',
      options.model ?? 'lr',
      options.variant ?? 'default',
      `seed${options.seed ?? 42}`,
      describeSplit(split),
      ...(options.sample !== undefined ? [`sample${options.sample}`] : []),
      `hardening:${describeHardening(resolveHardening(options.hardening))}`,
      `code:${trainingCodeVersion()}`,
      ...(options.policy ? [`policy:${JSON.stringify(options.policy)}`] : []),
      ...(options.disabledComponents?.length ? [`off:${[...options.disabledComponents].sort().join('+')}`] : []),
    ].join(':'),
    exposes: ['decision', 'score', 'decidedBy'],
  };
  let closed = false;
  return {
    info,
    system: getSystem,
    async decide(input: TargetInput, signal?: AbortSignal): Promise<TargetVerdict> {
      if (closed) throw new TargetError('reference target is closed', false);
      signal?.throwIfAborted();
      const s = await getSystem();
      const out = await s.process({
        id: input.id,
        raw: input.content,
        ...(input.encoding === 'binary' && { bytes: inputBytes(input) }),
        ...(input.context && { context: input.context }),
      });
      return {
        decision: out.decision,
        ...(out.score !== null && { score: out.score }),
        decidedBy: out.decidedBy,
        detail: {
          layer: out.layer,
          threshold: out.threshold,
          reviewLow: out.reviewLow,
          templateHash: out.templateHash,
          modelVersion: out.modelVersion,
          accountReputation: out.account.reputation,
          accountAgeDays: out.account.ageDays,
          youngAccount: out.account.young,
        },
      };
    },
    async feedback(report: FeedbackReport): Promise<void> {
      const s = await getSystem();
      const ctx = report.context ?? {};
      await s.feedback({
        raw: report.content,
        ...(report.encoding === 'binary' && { bytes: inputBytes(report) }),
        claimed: report.claimed,
        reporter: typeof ctx.accountId === 'string' && ctx.accountId ? ctx.accountId : 'anonymous-reporter',
        ...(typeof ctx.accountAgeDays === 'number' && { reporterAgeDays: ctx.accountAgeDays }),
        ...(typeof ctx.timestamp === 'number' && { at: ctx.timestamp }),
        messageRef: report.inputId,
      });
    },
    async close(): Promise<void> {
      closed = true;
    },
  };
}
