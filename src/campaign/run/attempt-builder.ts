/**
 * One attempt, from plan to record: apply the chain's content tactics to the sample (seeded by seed, chain prefix
 * and repeat), ask the validity oracle, build the record with its costs, judge the target's verdict against the
 * campaign's evasion condition, and — for a content attempt — send it (or answer it from the cache) and record it.
 * It exists so every attempt, content or stream, is prepared, costed and judged the same way.
 */

import { type ContentEncoding, inputBytes } from '../../contracts/input-bytes.js';
import type { InputContext, TargetInput, TargetVerdict } from '../../contracts/target.js';
import { asTargetError } from '../../targets/transport-error.js';
import { sha256Hex } from '../../util/hash.js';
import { SeededRandom } from '../../util/random.js';
import { stableStringify } from '../../util/stable-stringify.js';
import { DAY_MS } from '../../util/time.js';
import type { AttemptRecord, Phase } from '../attempt.js';
import { evades } from '../evasion.js';
import type { CampaignConfig } from '../file.js';
import { TargetDownError } from '../limits/resilient-target.js';
import type { CacheEntry, CampaignStore } from '../store.js';
import type { TacticSet } from '../tactic-set.js';
import type { TacticCost, TacticParams } from '../tactics/types.js';
import type { ValidityOracle } from '../validity.js';
import type { Budget } from './budget.js';
import type { Dispatcher } from './dispatch.js';
import type { InFlight } from './in-flight.js';
import type { AttemptLedger, OnRecord } from './ledger.js';
import { deferWhileThrottled } from './throttle.js';
import type { Variant } from './variant.js';

export interface PreparedContent {
  applicable: boolean;
  content: string;
  /** The seed's encoding: a tactic returns a new string, the variant keeps how it maps to bytes. */
  encoding: ContentEncoding;
  valid: boolean | null;
  reasons: string[];
  notes: string[];
  cost: Required<TacticCost>;
}

export interface AttemptBuilderDeps {
  config: CampaignConfig;
  tactics: TacticSet;
  oracle: ValidityOracle;
  runId: string;
  ledger: AttemptLedger;
  budget: Budget;
  inFlight: InFlight;
  /** The store to look cached answers up in; null when the cache is off. */
  cacheStore: CampaignStore | null;
  signal?: AbortSignal;
  now: () => number;
  /** A distributed run's plan step: hand attempts to workers instead of sending them. */
  dispatcher?: Dispatcher;
}

export class AttemptBuilder {
  private readonly originalHash = new Map<string, string>();

  constructor(private readonly d: AttemptBuilderDeps) {}

  /**
   * A content attempt: replayed when the store has it; otherwise prepared, charged against the budgets, and sent
   * (or answered from the cache) in a free slot — this returns once it is started, not answered.
   */
  async content(
    v: Variant,
    phase: Phase,
    set: 'seeds' | 'benign',
    sample: TargetInput,
    chain: string[],
    repeat: number,
    key: string,
    onRecord: OnRecord,
  ): Promise<void> {
    const { ledger, budget } = this.d;
    const seq = ledger.nextSeq();
    const prior = ledger.get(key);
    if (prior) {
      budget.charge(prior);
      ledger.replay(prior, onRecord);
      return;
    }
    budget.checkWall();
    await ledger.keepDurable();
    const prepared = await this.prepare(sample, chain, repeat);
    const queries = prepared.applicable ? 1 + prepared.cost.queries : 0;
    budget.admit(queries, prepared.cost.money, prepared.cost.accounts);
    const context = this.contentContext(sample.id, chain, repeat);
    const sent: TargetInput = {
      id: sample.id,
      content: prepared.content,
      ...(prepared.encoding !== 'utf8' && { encoding: prepared.encoding }),
      context,
    };
    const base = this.baseRecord(v, phase, set, sample, chain, repeat, key, seq, prepared, queries);
    if (!prepared.applicable) {
      ledger.record(base, onRecord);
      return;
    }
    const inputHash = inputHashOf(sent);
    base.inputHash = inputHash;
    if (this.d.dispatcher) {
      this.d.dispatcher.add({
        type: 'content',
        runId: this.d.runId,
        variant: v.name,
        hardening: v.hardening,
        target: v.target.info.fingerprint,
        base,
        input: sent,
        valid: prepared.valid,
        content: prepared.content,
        cache: this.d.cacheStore !== null,
      });
      return;
    }
    await this.d.inFlight.start(async (stepAside) => {
      try {
        const fp = v.target.info.fingerprint;
        const cacheStore = this.d.cacheStore;
        let verdict: TargetVerdict | undefined;
        let cached = false;
        if (cacheStore) {
          verdict = v.cache ? v.cache.get(inputHash) : (await cacheStore.cacheLookup(fp, [inputHash])).get(inputHash);
          cached = verdict !== undefined;
        }
        const t0 = this.d.now();
        if (!verdict) {
          verdict = await deferWhileThrottled(
            () => v.target.decide(sent, this.d.signal),
            this.d.config.maxRetryAfterMs,
            (ms) => stepAside(ms, this.d.signal),
            (ms, err) => this.throttled(ms, err),
          );
        }
        const wallMs = cached ? 0 : this.d.now() - t0;
        const a = this.complete(base, verdict, prepared, wallMs, cached);
        const cache: CacheEntry | undefined =
          cacheStore && !cached ? { targetFingerprint: fp, inputHash, verdict: stripDetail(verdict) } : undefined;
        if (cache) v.cache?.set(inputHash, cache.verdict);
        ledger.record(a, onRecord, cache);
      } catch (e) {
        this.failure(e, base, onRecord);
      }
    });
  }

  /** Say once that the target throttles (the run goes on; throttled attempts wait their turn). */
  throttled(ms: number, err: Error): void {
    this.d.ledger.warnOnce(
      'throttled',
      `the target is throttling (${err.message}); throttled attempts wait what it asks (now ${Math.round(ms / 100) / 10} s), ` +
        `each at most maxRetryAfterMs (${this.d.config.maxRetryAfterMs / 1000} s) in total, while the others go on`,
    );
  }

  /** A failed send: interruption and a dead target stop the run; anything else is recorded as the attempt's error. */
  private failure(e: unknown, base: AttemptRecord, onRecord: OnRecord): void {
    if (this.d.signal?.aborted) {
      this.d.budget.halt('interrupted', 'interrupted');
      return;
    }
    if (e instanceof TargetDownError) {
      this.d.budget.halt('interrupted', e.message);
      return;
    }
    const err = asTargetError(e);
    this.d.ledger.record({ ...base, error: err.message }, onRecord);
  }

  /** Apply the chain's content tactics in order, then ask the validity oracle whether the payload survived. */
  async prepare(sample: TargetInput, chain: readonly string[], repeat: number): Promise<PreparedContent> {
    const applied = applyChain(sample, chain, repeat, this.d.tactics, this.d.config.seed);
    const { steps, ...rest } = applied;
    if (!applied.applicable) return { ...rest, valid: null, reasons: [] };
    if (steps.length === 0) return { ...rest, valid: true, reasons: [] };
    let valid: boolean;
    let reasons: string[];
    try {
      const verdict = await this.d.oracle.judge(sample, applied.content, steps);
      valid = verdict.valid;
      reasons = verdict.reasons;
    } catch (e) {
      valid = false;
      reasons = [`the validity oracle failed: ${(e as Error).message}`];
    }
    return { ...rest, valid, reasons };
  }

  /**
   * Content attempts are independent messages: each from its own established account, at its own simulated time
   * (a hash of seed, chain and repeat spread over `spreadDays`), so funnel state never links two attempts — and the
   * same attempt sends the same input on every run, which is what makes the cache hit.
   */
  contentContext(seedId: string, chain: readonly string[], repeat: number): InputContext {
    return contentContext(this.d.config.sender, seedId, chain, repeat);
  }

  /** The record of an attempt before the target answered: identity, validity and the costs known in advance. */
  baseRecord(
    v: Variant,
    phase: Phase,
    set: 'seeds' | 'benign',
    sample: TargetInput,
    chain: string[],
    repeat: number,
    key: string,
    seq: number,
    p: PreparedContent,
    queries: number,
  ): AttemptRecord {
    let human = 0;
    let impl = 0;
    for (const n of chain) {
      const t = this.d.tactics.get(n);
      human += t.cost.humanHours;
      impl += t.cost.implementationHours;
    }
    return {
      key,
      runId: this.d.runId,
      seq,
      variant: v.name,
      phase,
      set,
      seedId: sample.id,
      chain,
      repeat,
      applicable: p.applicable,
      valid: p.applicable ? p.valid : null,
      invalidReasons: p.reasons,
      decision: null,
      score: null,
      decidedBy: null,
      evaded: false,
      success: false,
      error: null,
      cached: false,
      queries,
      wallMs: 0,
      simHours: p.cost.timeHours,
      accounts: p.cost.accounts,
      money: p.cost.money,
      humanHours: p.applicable ? human : 0,
      implementationHours: impl,
      inputHash: null,
      originalHash: this.hashOf(sample),
      transformed: null,
      encoding: p.encoding,
      notes: p.notes,
      createdMs: Date.now(),
    };
  }

  complete(
    base: AttemptRecord,
    verdict: TargetVerdict,
    p: Pick<PreparedContent, 'valid' | 'content'>,
    wallMs: number,
    cached: boolean,
  ): AttemptRecord {
    return completeAttempt(this.d.config, base, verdict, p, wallMs, cached);
  }

  evades(v: TargetVerdict): boolean {
    return evades(this.d.config.evasion, v);
  }

  private hashOf(sample: TargetInput): string {
    let h = this.originalHash.get(sample.id);
    if (!h) {
      h = sha256Hex(inputBytes(sample));
      this.originalHash.set(sample.id, h);
    }
    return h;
  }
}

/**
 * Content attempts are independent messages: each from its own established account, at its own simulated time
 * (a hash of seed, chain and repeat spread over `spreadDays`), so funnel state never links two attempts — and the
 * same attempt sends the same input on every run, which is what makes the cache hit.
 */
export function contentContext(
  s: CampaignConfig['sender'],
  seedId: string,
  chain: readonly string[],
  repeat: number,
): InputContext {
  const h = sha256Hex(`${seedId}|${chain.join('+')}|${repeat}`);
  const start = Date.parse(s.startTime);
  const offset = (Number.parseInt(h.slice(0, 12), 16) / 0xffffffffffff) * s.spreadDays * DAY_MS;
  return {
    accountId: `sender-${h.slice(0, 12)}`,
    accountAgeDays: s.accountAgeDays,
    timestamp: Math.floor(start + offset),
  };
}

/** The random source for one step: the campaign seed forked by (seed id, chain prefix, repeat). */
export function rngFor(seed: number, seedId: string, chainPrefix: readonly string[], repeat: number): () => number {
  const r = new SeededRandom(seed).fork(`${seedId}|${chainPrefix.join('+')}|${repeat}`);
  return () => r.float();
}

/** What a chain's content tactics make of one sample (deterministic: the seed, chain prefix and repeat fix it). */
export interface AppliedChain {
  applicable: boolean;
  content: string;
  encoding: ContentEncoding;
  steps: Array<{ id: string; params: TacticParams }>;
  notes: string[];
  cost: Required<TacticCost>;
}

/**
 * Apply the chain's content tactics in order (stream tactics act on sends, not content). The same on every run and
 * resume — which is also how `campaign export --all` re-derives the bytes of attempts the store kept no content for.
 */
export function applyChain(
  sample: TargetInput,
  chain: readonly string[],
  repeat: number,
  tactics: TacticSet,
  seed: number,
): AppliedChain {
  const cost = { queries: 0, accounts: 0, money: 0, timeHours: 0 };
  const notes: string[] = [];
  let content = sample.content;
  const encoding = sample.encoding ?? 'utf8';
  const steps: Array<{ id: string; params: TacticParams }> = [];
  for (let i = 0; i < chain.length; i++) {
    const t = tactics.get(chain[i]!);
    if (t.executable.kind !== 'content') continue;
    const rng = rngFor(seed, sample.id, chain.slice(0, i + 1), repeat);
    let out: ReturnType<typeof t.executable.apply>;
    try {
      out = t.executable.apply(content, rng, t.params, { encoding });
    } catch (e) {
      notes.push(`${t.name} failed: ${(e as Error).message}`);
      out = null;
    }
    if (!out)
      return { applicable: false, content, encoding, steps, notes: [...notes, `${t.name}: not applicable`], cost };
    content = out.content;
    addTacticCost(cost, out.cost);
    if (out.note) notes.push(`${t.name}: ${out.note}`);
    steps.push({ id: t.id, params: t.params });
  }
  return { applicable: true, content, encoding, steps, notes, cost };
}

/**
 * The cache key of what is sent: the sha256 of the exact bytes (not the string: the same string is other bytes in
 * another encoding) together with the sender context.
 */
export function inputHashOf(sent: TargetInput): string {
  return sha256Hex(stableStringify({ bytes: sha256Hex(inputBytes(sent)), context: sent.context ?? null }));
}

/** The record once the target answered: evaded by the campaign's condition, a success when also still valid. */
export function completeAttempt(
  config: CampaignConfig,
  base: AttemptRecord,
  verdict: TargetVerdict,
  p: Pick<PreparedContent, 'valid' | 'content'>,
  wallMs: number,
  cached: boolean,
): AttemptRecord {
  const evaded = evades(config.evasion, verdict);
  const success = evaded && p.valid === true;
  return {
    ...base,
    decision: verdict.decision,
    score: verdict.score ?? null,
    decidedBy: verdict.decidedBy ?? null,
    evaded,
    success,
    cached,
    wallMs,
    // Every evasive variant keeps its content (valid or not), for `campaign export`.
    transformed: evaded && base.chain.length ? p.content : null,
    createdMs: Date.now(),
  };
}

export function stripDetail(v: TargetVerdict): TargetVerdict {
  const { detail: _d, ...rest } = v;
  return rest;
}

export function addTacticCost(into: Required<TacticCost>, c: TacticCost | undefined): void {
  if (!c) return;
  into.queries += c.queries ?? 0;
  into.accounts += c.accounts ?? 0;
  into.money += c.money ?? 0;
  into.timeHours += c.timeHours ?? 0;
}
