/**
 * A stream group: a chain with a stream (activity-shape) tactic, run for one repeat over all seeds at once. The
 * chain's content tactics prepare every seed, then its stream tactics plan the sends for all of them (accounts,
 * timing, variation, feedback), and the group goes in order through a fresh target instance when the target can
 * give one — the funnel's state is the point, so these sends cannot be independent attempts. It exists because
 * such a group is planned, sent, costed and stored as one unit.
 */

import { contentBytes } from '../../contracts/input-bytes.js';
import type { FeedbackReport, TargetInput, TargetVerdict } from '../../contracts/target.js';
import { asTargetError } from '../../targets/transport-error.js';
import { sha256Hex } from '../../util/hash.js';
import { stableStringify } from '../../util/stable-stringify.js';
import { HOUR_MS } from '../../util/time.js';
import type { AttemptRecord, Phase } from '../attempt.js';
import type { CampaignConfig } from '../file.js';
import { type ResilienceStats, ResilientTarget, TargetDownError } from '../limits/resilient-target.js';
import { sleep } from '../limits/sleep.js';
import type { TacticSet } from '../tactic-set.js';
import type { StreamPlan } from '../tactics/types.js';
import { type AttemptBuilder, addTacticCost, type PreparedContent, rngFor } from './attempt-builder.js';
import type { Budget } from './budget.js';
import type { Dispatcher } from './dispatch.js';
import type { InFlight } from './in-flight.js';
import type { AttemptLedger, OnRecord } from './ledger.js';
import { deferWhileThrottled } from './throttle.js';
import type { Variant } from './variant.js';

export interface StreamGroupDeps {
  config: CampaignConfig;
  tactics: TacticSet;
  runId: string;
  ledger: AttemptLedger;
  budget: Budget;
  inFlight: InFlight;
  builder: AttemptBuilder;
  /** Where the fresh targets' counters are summed (`<variant>:streams`). */
  resilience: Record<string, ResilienceStats>;
  signal?: AbortSignal;
  now: () => number;
  /** A distributed run's plan step: hand the group to a worker instead of running it. */
  dispatcher?: Dispatcher;
}

/**
 * Run one stream group. Each seed's attempt counts as evaded when one of its sends got through — or, when the plan
 * filed feedback, when a later probe send gets through.
 */
export async function runStreamGroup(
  d: StreamGroupDeps,
  v: Variant,
  phase: Phase,
  chain: string[],
  repeat: number,
  samples: TargetInput[],
  keys: string[],
  onRecord: OnRecord,
): Promise<void> {
  const { ledger, budget, builder, config } = d;
  const seqs = samples.map(() => ledger.nextSeq());
  if (keys.every((k) => ledger.has(k))) {
    for (const k of keys) {
      const a = ledger.get(k)!;
      budget.charge(a);
      ledger.replay(a, onRecord);
    }
    return;
  }
  budget.checkWall();
  const dispatching = d.dispatcher !== undefined;
  if (!dispatching) await d.inFlight.drain(); // a group owns the target while it runs
  const prepared = new Map<string, PreparedContent>();
  const messages: TargetInput[] = [];
  for (const s of samples) {
    const p = await builder.prepare(s, chain, repeat);
    prepared.set(s.id, p);
    if (p.applicable)
      messages.push({
        id: s.id,
        content: p.content,
        ...(p.encoding !== 'utf8' && { encoding: p.encoding }),
        context: { accountAgeDays: config.sender.accountAgeDays },
      });
  }
  const streams = chain.map((n) => d.tactics.get(n)).filter((t) => t.kind === 'stream');
  const startMs = Date.parse(config.sender.startTime);
  const accountPrefix = `${v.handle.fresh ? '' : `${d.runId}-`}g${sha256Hex(`${v.name}|${chain.join('+')}|${repeat}`).slice(0, 8)}-`;
  let sends: TargetInput[] = messages;
  const feedback: FeedbackReport[] = [];
  const planCost = { queries: 0, accounts: 0, money: 0, timeHours: 0 };
  let planNotes: string[] = [];
  for (let i = 0; i < streams.length; i++) {
    const t = streams[i]!;
    if (t.executable.kind !== 'stream') continue;
    const rng = rngFor(config.seed, '*', chain.slice(0, chain.indexOf(t.name) + 1), repeat);
    let plan: StreamPlan;
    try {
      plan = t.executable.plan(sends, { startMs, accountPrefix }, rng, t.params);
    } catch (e) {
      planNotes = [`${t.name} failed to plan: ${(e as Error).message}`];
      sends = [];
      break;
    }
    sends = plan.sends;
    feedback.push(...(plan.feedback ?? []));
    addTacticCost(planCost, plan.cost);
  }
  const owners = new Map<string, TargetInput[]>();
  const ownerOf = (id: string) =>
    messages.find((m) => id === m.id || (id.startsWith(m.id) && /^[#/:@|]/.test(id.slice(m.id.length))));
  let unattributed = 0;
  for (const s of sends) {
    const m = ownerOf(s.id);
    if (!m) unattributed++;
    else owners.set(m.id, [...(owners.get(m.id) ?? []), s]);
  }
  // Dispatching, the variant's own target stands in for the fresh one (same kind: the same feedback surface).
  const target =
    v.handle.fresh && !dispatching ? new ResilientTarget(await v.handle.fresh(), v.target.options) : v.target;
  const noFeedback = feedback.length > 0 && !target.feedback;
  const probes = feedback.length && !noFeedback ? messages.length : 0;
  const totalQueries = sends.length + (noFeedback ? 0 : feedback.length) + probes + planCost.queries;
  const k = Math.max(1, messages.length);
  budget.admit(totalQueries, planCost.money, planCost.accounts);
  if (d.dispatcher) {
    d.dispatcher.add({
      type: 'group',
      runId: d.runId,
      variant: v.name,
      hardening: v.hardening,
      target: v.target.info.fingerprint,
      phase,
      chain,
      repeat,
      sampleIds: samples.map((s) => s.id),
      keys,
      firstSeq: seqs[0] ?? 0,
    });
    return;
  }
  const verdicts = new Map<string, { v: TargetVerdict; evaded: boolean }[]>();
  const t0 = d.now();
  let failed: string | null = null;
  try {
    if (!noFeedback) {
      const decide = (input: TargetInput) =>
        deferWhileThrottled(
          () => target.decide(input, d.signal),
          config.maxRetryAfterMs,
          (ms) => sleep(ms, d.signal),
          (ms, err) => builder.throttled(ms, err),
        );
      for (const s of sends) {
        const verdict = await decide(s);
        const m = ownerOf(s.id);
        if (m) verdicts.set(m.id, [...(verdicts.get(m.id) ?? []), { v: verdict, evaded: builder.evades(verdict) }]);
      }
      if (feedback.length) {
        for (const r of feedback) {
          await deferWhileThrottled(
            () => target.feedback!(r),
            config.maxRetryAfterMs,
            (ms) => sleep(ms, d.signal),
            (ms, err) => builder.throttled(ms, err),
          );
        }
        for (const m of messages) {
          const last = owners.get(m.id)?.at(-1) ?? m;
          const at = maxTimestamp(sends, startMs) + config.sender.probeAfterHours * HOUR_MS;
          const probe = { ...last, id: `${m.id}#probe`, context: { ...(last.context ?? {}), timestamp: at } };
          const verdict = await decide(probe);
          // The probe decides: did the feedback make the message get through afterwards?
          verdicts.set(m.id, [{ v: verdict, evaded: builder.evades(verdict) }]);
        }
      }
    }
  } catch (e) {
    if (d.signal?.aborted) {
      budget.halt('interrupted', 'interrupted');
    } else if (e instanceof TargetDownError) {
      budget.halt('interrupted', e.message);
    } else failed = asTargetError(e).message;
  } finally {
    if (target !== v.target) {
      const stats = target.stats();
      const agg = d.resilience[`${v.name}:streams`];
      d.resilience[`${v.name}:streams`] = agg ? sumStats(agg, stats) : stats;
      await target.close();
    }
  }
  if (budget.stop) return;
  const wallMs = d.now() - t0;
  const records: AttemptRecord[] = [];
  samples.forEach((s, i) => {
    const key = keys[i]!;
    if (ledger.has(key)) return;
    const p = prepared.get(s.id)!;
    const own = owners.get(s.id) ?? [];
    const share = p.applicable ? 1 / k : 0;
    const queries = p.applicable
      ? own.length +
        (unattributed + (noFeedback ? 0 : feedback.length) + planCost.queries + p.cost.queries) * share +
        (probes ? 1 : 0)
      : 0;
    const base = builder.baseRecord(
      v,
      phase,
      'seeds',
      s,
      chain,
      repeat,
      key,
      seqs[i]!,
      {
        ...p,
        cost: {
          queries: 0,
          accounts: p.cost.accounts + planCost.accounts * share,
          money: p.cost.money + planCost.money * share,
          timeHours: p.cost.timeHours + planCost.timeHours * share,
        },
      },
      queries,
    );
    base.notes = [...base.notes, ...planNotes, ...(noFeedback ? ['the target has no feedback surface'] : [])];
    if (!p.applicable || noFeedback) {
      records.push({ ...base, applicable: false, queries: 0 });
      return;
    }
    if (failed) {
      records.push({ ...base, error: failed });
      return;
    }
    const vs = verdicts.get(s.id) ?? [];
    const hit = vs.find((x) => x.evaded) ?? vs.at(-1);
    if (!hit) {
      records.push({
        ...base,
        applicable: false,
        notes: [...base.notes, 'the stream plan did not send this message'],
      });
      return;
    }
    const a = builder.complete(base, hit.v, p, wallMs * share, false);
    a.inputHash = sha256Hex(
      stableStringify({ bytes: sha256Hex(contentBytes(p.content, p.encoding)), group: accountPrefix }),
    );
    records.push(a);
  });
  ledger.recordGroup(records, onRecord);
  // A group's sends take long and end together: commit them now rather than after the next group's sends.
  await ledger.keepDurable(true);
}

function maxTimestamp(sends: readonly TargetInput[], fallback: number): number {
  let m = fallback;
  for (const s of sends) if (typeof s.context?.timestamp === 'number') m = Math.max(m, s.context.timestamp);
  return m;
}

function sumStats(a: ResilienceStats, b: ResilienceStats): ResilienceStats {
  return {
    requests: a.requests + b.requests,
    retries: a.retries + b.retries,
    throttled: a.throttled + b.throttled,
    failures: a.failures + b.failures,
    timeouts: a.timeouts + b.timeouts,
    retryBudgetRefused: a.retryBudgetRefused + b.retryBudgetRefused,
    breakerOpens: a.breakerOpens + b.breakerOpens,
    maxInFlight: Math.max(a.maxInFlight, b.maxInFlight),
  };
}
