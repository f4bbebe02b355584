/**
 * Shared by the stream tactics: the send-level bookkeeping every plan needs. Send ids keep the message id as a
 * prefix followed by `#` (`spam-2/00123#4`), so the runner can attribute each send to its seed even after several
 * stream tactics re-plan the same sends; sends that belong to no seed (warm-up mail) use ids that start with a
 * word no seed id starts with (`warmup:`).
 */

import type { InputContext, TargetInput } from '../../../contracts/target.js';
import { HOUR_MS } from '../../../util/time.js';
import type { TacticCost } from '../types.js';

export interface StreamBase {
  startMs: number;
  accountPrefix: string;
}

/** The id of the `k`-th send derived from `send` (k counted from 1). */
export function derivedId(send: TargetInput, k: number): string {
  return `${send.id}#${k}`;
}

/** The send's timestamp, or the plan's start when no earlier tactic set one. */
export function timeOf(send: TargetInput, base: StreamBase): number {
  const t = send.context?.timestamp;
  return typeof t === 'number' && Number.isFinite(t) ? t : base.startMs;
}

/** The account a send comes from; the campaign's default sender when no earlier tactic chose one. */
export function accountOf(send: TargetInput, base: StreamBase): string {
  const a = send.context?.accountId;
  return typeof a === 'string' && a !== '' ? a : `${base.accountPrefix}sender`;
}

export function withContext(send: TargetInput, patch: InputContext, id = send.id): TargetInput {
  return { ...send, id, context: { ...(send.context ?? {}), ...patch } };
}

/** Hours between the first and the last timestamp of the sends (0 for fewer than two). */
export function spanHours(sends: readonly TargetInput[], base: StreamBase): number {
  if (sends.length === 0) return 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of sends) {
    const t = timeOf(s, base);
    lo = Math.min(lo, t);
    hi = Math.max(hi, t);
  }
  return Math.max(0, (hi - Math.min(lo, base.startMs)) / HOUR_MS);
}

/** Sends ordered by simulated time (stable: equal times keep plan order). */
export function byTime(sends: readonly TargetInput[], base: StreamBase): TargetInput[] {
  return sends
    .map((s, i) => ({ s, i, t: timeOf(s, base) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.s);
}

export function distinctAccounts(sends: readonly TargetInput[], base: StreamBase): number {
  return new Set(sends.map((s) => accountOf(s, base))).size;
}

export function cost(parts: TacticCost): TacticCost {
  const out: TacticCost = {};
  for (const [k, v] of Object.entries(parts) as Array<[keyof TacticCost, number | undefined]>) {
    // rounded so sums of cents stay readable (0.3, not 0.30000000000000004)
    if (v !== undefined && v !== 0) out[k] = Math.round(v * 1e6) / 1e6;
  }
  return out;
}

/** Time units, re-exported for the stream tactics (one definition in util/time.ts). */
export { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../util/time.js';
