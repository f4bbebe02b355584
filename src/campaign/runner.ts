/**
 * The campaign runner: plans attempts wave by wave (untouched baseline → benign set → single tactics →
 * compositions → beam search → the same chains with each hardening switch on), runs them against the target with
 * bounded concurrency, writes each one to the store as it completes, and streams events for progress.
 *
 * For every (seed × tactic chain × repeat) a content attempt applies the chain's content tactics, asks the validity
 * oracle, and sends the result once. A chain with a stream tactic runs as one group per repeat: the stream tactics
 * plan the sends (accounts, timing, variation, feedback) for all seeds and the group goes through a fresh target
 * instance in order, since the funnel's state is the point.
 *
 * Determinism: every random draw comes from the campaign seed forked by (seed id, chain prefix, repeat), so the same
 * seed gives the same transformed messages on every variant and every resume; budgets are charged in plan order
 * with costs known before sending, so a budget cuts the same plan at the same place at any concurrency.
 *
 * Resume: the attempt key is deterministic; keys already in the store are replayed from it (not re-sent), keys
 * missing are run. Adaptive steps (which seeds the target blocks untouched, which chains the beam keeps, which
 * chains the hardening comparison re-runs) are recomputed from the replayed results, so they come out the same.
 */

import type { FeedbackReport, InputContext, TargetInfo, TargetInput, TargetVerdict } from '../contracts/target.js';
import type { HardeningSwitch } from '../reference/hardening.js';
import type { TargetHandle } from '../targets/kind.js';
import { asTargetError } from '../targets/transport-error.js';
import { sha256Hex } from '../util/hash.js';
import { SeededRandom } from '../util/random.js';
import { stableStringify } from '../util/stable-stringify.js';
import { type AttemptRecord, attemptKey, BASE_VARIANT, type Phase } from './attempt.js';
import { Channel } from './channel.js';
import type { LoadedCampaign } from './file.js';
import { type ResilienceStats, ResilientTarget, TargetDownError } from './limits/resilient-target.js';
import { Semaphore } from './limits/semaphore.js';
import type { CampaignResult } from './result.js';
import type { ResolvedSamples } from './sample-sets.js';
import { BeamSearch, type ChainOutcome, compositionChains, singleChains } from './search.js';
import type { AttemptWriter, CacheEntry, CampaignStore, RunStatus } from './store.js';
import type { TacticSet } from './tactic-set.js';
import type { StreamPlan, TacticCost, TacticParams } from './tactics/types.js';
import type { ValidityOracle } from './validity.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export type CampaignEvent =
  | { type: 'start'; runId: string; resumed: boolean; estimatedAttempts: number; target: TargetInfo }
  | { type: 'phase'; phase: Phase; variant: string; chains: number; attempts: number }
  | { type: 'attempt'; attempt: AttemptRecord; replayed: boolean }
  | { type: 'warning'; message: string }
  | { type: 'stopped'; status: RunStatus; reason: string }
  | { type: 'done'; result: CampaignResult };

export interface RunnerInput {
  loaded: LoadedCampaign;
  tactics: TacticSet;
  seeds: ResolvedSamples;
  benign: ResolvedSamples | null;
  oracle: ValidityOracle;
  /** Opens the campaign's target with extra hardening switches on (none for the base variant). */
  openTarget(hardening: readonly HardeningSwitch[]): Promise<TargetHandle>;
  store: CampaignStore;
  /** Resume this run (it must exist, with the same campaign hash); a new run when absent. */
  resumeRunId?: string;
  /** Use and fill the answer cache (default true). */
  cache?: boolean;
  signal?: AbortSignal;
  nogradVersion: string;
  /** Builds the result document from the store once the waves are done. */
  finish(ctx: FinishContext): Promise<CampaignResult>;
  /** Monotonic clock in ms (budgets); default performance.now. */
  now?: () => number;
}

export interface FinishContext {
  runId: string;
  status: RunStatus;
  stopReason: string | null;
  resilience: Record<string, ResilienceStats>;
  beam: BeamSearch | null;
  baseTarget: TargetHandle;
  /** Queries, money and accounts charged against the budgets (replayed attempts included). */
  spent: { queries: number; money: number; accounts: number; wallSeconds: number };
}

/** New run ids: time-sortable and unique enough for one store. */
export function newRunId(now = new Date(), rand = Math.random): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `run-${stamp}-${Math.floor(rand() * 0xffff)
    .toString(16)
    .padStart(4, '0')}`;
}

interface Variant {
  name: string;
  hardening: HardeningSwitch[];
  handle: TargetHandle;
  target: ResilientTarget;
  /** Seeds whose untouched baseline did not evade (what the tactics must get through). */
  blocked: string[];
  /** Untouched score per seed (when the target exposes one). */
  baselineScore: Map<string, number>;
  outcomes: Map<string, ChainOutcome>;
  /** This target's cached answers, loaded once (undefined: too many, look up per attempt). */
  cache?: Map<string, TargetVerdict>;
}

interface PreparedContent {
  applicable: boolean;
  content: string;
  valid: boolean | null;
  reasons: string[];
  notes: string[];
  cost: Required<TacticCost>;
}

class StopRun extends Error {
  constructor(
    readonly status: RunStatus,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export function runCampaign(input: RunnerInput): AsyncIterable<CampaignEvent> {
  const channel = new Channel<CampaignEvent>();
  const run = new CampaignRunner(input, channel);
  run.main().then(
    () => channel.end(),
    (e) => channel.fail(e),
  );
  return channel;
}

class CampaignRunner {
  private readonly config;
  private readonly now: () => number;
  private readonly startedAt: number;
  private runId = '';
  private done = new Map<string, AttemptRecord>();
  private writer!: AttemptWriter;
  private seq = 0;
  private readonly spent = { queries: 0, money: 0, accounts: 0 };
  private stop: StopRun | null = null;
  private readonly slots: Semaphore;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly variants: Variant[] = [];
  private readonly resilience: Record<string, ResilienceStats> = {};
  private readonly seedById: Map<string, TargetInput>;
  private readonly originalHash = new Map<string, string>();
  private readonly useCache: boolean;
  private beam: BeamSearch | null = null;

  constructor(
    private readonly input: RunnerInput,
    private readonly events: Channel<CampaignEvent>,
  ) {
    this.config = input.loaded.config;
    this.now = input.now ?? (() => performance.now());
    this.startedAt = this.now();
    this.slots = new Semaphore(this.config.concurrency);
    this.seedById = new Map(
      [...input.seeds.samples, ...(input.benign?.samples ?? [])].map((s) => [s.id, s] as [string, TargetInput]),
    );
    this.useCache = input.cache ?? true;
  }

  async main(): Promise<void> {
    const { store, loaded } = this.input;
    const base = await this.openVariant(BASE_VARIANT, []);
    let resumed = false;
    if (this.input.resumeRunId) {
      const row = await store.getRun(this.input.resumeRunId);
      if (!row) throw new StopRun('failed', `no run '${this.input.resumeRunId}' in ${store.path}`);
      if (row.hash !== loaded.hash) {
        throw new StopRun(
          'failed',
          `run ${row.runId} was started with a different campaign (file or --seed changed); start a new run instead`,
        );
      }
      this.runId = row.runId;
      const retried = await store.deleteErrored(this.runId);
      if (retried) this.events.push({ type: 'warning', message: `${retried} failed attempts will be retried` });
      for await (const a of store.attempts(this.runId)) this.done.set(a.key, a);
      await store.setStatus(this.runId, 'running');
      resumed = true;
    } else {
      this.runId = newRunId();
      await store.createRun({
        runId: this.runId,
        name: this.config.name,
        campaignFile: loaded.file,
        hash: loaded.hash,
        config: this.config,
        baseDir: loaded.baseDir,
        targetFingerprint: base.target.info.fingerprint,
        seed: this.config.seed,
        status: 'running',
        createdMs: Date.now(),
        nogradVersion: this.input.nogradVersion,
      });
    }
    this.writer = await store.writer(this.runId);
    this.events.push({
      type: 'start',
      runId: this.runId,
      resumed,
      estimatedAttempts: this.estimate(),
      target: base.target.info,
    });

    let status: RunStatus = 'completed';
    let reason: string | null = null;
    try {
      await this.waves(base);
    } catch (e) {
      if (!(e instanceof StopRun)) {
        await this.drain().catch(() => undefined);
        await this.writer.close().catch(() => undefined);
        await store.setStatus(this.runId, 'failed', (e as Error).message).catch(() => undefined);
        await this.closeVariants();
        throw e;
      }
      status = e.status;
      reason = e.reason;
    }
    await this.drain();
    if (this.stop && status === 'completed') {
      status = this.stop.status;
      reason = this.stop.reason;
    }
    await this.writer.close();
    for (const v of this.variants) this.resilience[v.name] = v.target.stats();
    if (status !== 'completed') this.events.push({ type: 'stopped', status, reason: reason ?? '' });
    await store.setStatus(this.runId, status, reason);
    try {
      const result = await this.input.finish({
        runId: this.runId,
        status,
        stopReason: reason,
        resilience: this.resilience,
        beam: this.beam,
        baseTarget: base.handle,
        spent: { ...this.spent, wallSeconds: (this.now() - this.startedAt) / 1000 },
      });
      await store.saveResult(this.runId, result);
      this.events.push({ type: 'done', result });
    } finally {
      await this.closeVariants();
    }
  }

  // ------------------------------------------------------------------------------------------------ plan

  private async waves(base: Variant): Promise<void> {
    const c = this.config;
    const set = this.input.tactics;
    await this.runChains(base, 'baseline', [[]], 'seeds');
    this.computeBlocked(base);
    if (this.input.benign) await this.runChains(base, 'benign', [[]], 'benign');
    const tried: string[][] = [];
    const remember = (chains: string[][]) => {
      for (const ch of chains) if (!tried.some((t) => t.join('+') === ch.join('+'))) tried.push(ch);
    };
    if (c.search.single || c.search.beam) {
      const singles = singleChains(set);
      await this.runChains(base, c.search.single ? 'single' : 'beam', singles, 'seeds');
      remember(singles);
    }
    if (c.search.compositions) {
      const combos = compositionChains(set, c.search.compositions.depth, c.search.compositions.max);
      await this.runChains(base, 'composition', combos, 'seeds');
      remember(combos);
    }
    if (c.search.beam) {
      const perChain = Math.max(1, base.blocked.length * c.repeats);
      this.beam = new BeamSearch(set, c.search.beam, perChain);
      let next = this.beam.start(singleChains(set).map((ch) => this.outcome(base, ch)));
      while (next.length) {
        await this.runChains(base, 'beam', next, 'seeds');
        remember(next);
        next = this.beam.advance(next.map((ch) => this.outcome(base, ch)));
      }
    }
    // The defender side: each hardening switch alone, on the chains that got through.
    const winners = tried.filter((ch) => (base.outcomes.get(ch.join('+'))?.successes ?? 0) > 0);
    for (const h of c.hardening) {
      const v = await this.openVariant(h, [h]);
      await this.runChains(v, 'hardening', [[]], 'seeds');
      this.computeBlocked(v);
      if (this.input.benign) await this.runChains(v, 'benign', [[]], 'benign');
      await this.runChains(v, 'hardening', winners, 'seeds');
      this.resilience[v.name] = v.target.stats();
      await this.closeVariant(v);
    }
  }

  private estimate(): number {
    const c = this.config;
    const seeds = this.input.seeds.samples.length;
    const benign = this.input.benign?.samples.length ?? 0;
    const t = this.input.tactics.tactics.length;
    const combos = c.search.compositions
      ? compositionChains(this.input.tactics, c.search.compositions.depth, c.search.compositions.max).length
      : 0;
    const beam = c.search.beam ? c.search.beam.budget : 0;
    const perVariant = seeds * c.repeats * (1 + t) + benign;
    return perVariant + seeds * c.repeats * combos + beam + c.hardening.length * perVariant;
  }

  private computeBlocked(v: Variant): void {
    const blocked = new Set<string>();
    const evaded = new Set<string>();
    const errored = new Set<string>();
    let firstError: string | null = null;
    for (const s of this.input.seeds.samples) {
      for (let r = 0; r < this.config.repeats; r++) {
        const a = this.done.get(this.key(v, 'seeds', s.id, [], r));
        firstError ??= a?.error ?? null;
        if (!a || a.error) errored.add(s.id);
        else if (a.evaded) evaded.add(s.id);
        else {
          blocked.add(s.id);
          if (a.score !== null && r === 0) v.baselineScore.set(s.id, a.score);
        }
      }
    }
    // A target that answered none of the untouched seeds is down or misconfigured: measuring tactics against it
    // would report nothing as a result. Stop (resumable: failed attempts are retried on resume).
    if (firstError !== null && errored.size === this.input.seeds.samples.length && !this.stop) {
      this.stop = new StopRun('interrupted', `the ${v.name} target failed on every untouched seed: ${firstError}`);
      throw this.stop;
    }
    v.blocked = this.input.seeds.samples
      .map((s) => s.id)
      .filter((id) => blocked.has(id) && !evaded.has(id) && !errored.has(id));
    if (v.blocked.length === 0 && !this.stop) {
      this.events.push({
        type: 'warning',
        message: `${v.name}: the target lets every seed through untouched (or failed on them); tactic attempts have nothing to evade`,
      });
    }
  }

  // ------------------------------------------------------------------------------------------- execution

  /** Run every chain on every (blocked) seed × repeat, in plan order. */
  private async runChains(v: Variant, phase: Phase, chains: string[][], set: 'seeds' | 'benign'): Promise<void> {
    if (this.stop) throw this.stop;
    const samples =
      set === 'benign'
        ? (this.input.benign?.samples ?? [])
        : chains.length === 1 && chains[0]!.length === 0
          ? this.input.seeds.samples
          : v.blocked.map((id) => this.seedById.get(id)!);
    const repeats = set === 'benign' ? 1 : this.config.repeats;
    this.events.push({
      type: 'phase',
      phase,
      variant: v.name,
      chains: chains.length,
      attempts: chains.length * samples.length * repeats,
    });
    for (const chain of chains) {
      const key = chain.join('+');
      if (set === 'seeds' && chain.length && v.outcomes.has(key)) continue; // measured already (composition ∩ beam)
      const acc: ChainOutcome = { chain, n: 0, successes: 0, meanScoreDrop: null, queries: 0 };
      const drops: number[] = [];
      const onRecord = (a: AttemptRecord) => {
        acc.queries += a.queries;
        if (!a.applicable || a.error) return;
        acc.n++;
        if (a.success) acc.successes++;
        const before = v.baselineScore.get(a.seedId);
        if (before !== undefined && a.score !== null) drops.push(before - a.score);
      };
      if (this.input.tactics.hasStream(chain)) {
        for (let r = 0; r < repeats; r++) {
          await this.streamGroup(v, phase, chain, r, samples, onRecord);
          if (this.stop) break;
        }
      } else {
        for (let r = 0; r < repeats; r++) {
          for (const s of samples) {
            await this.contentAttempt(v, phase, set, s, chain, r, onRecord);
            if (this.stop) break;
          }
          if (this.stop) break;
        }
      }
      await this.drain();
      acc.meanScoreDrop = drops.length ? drops.reduce((a, b) => a + b, 0) / drops.length : null;
      if (set === 'seeds' && chain.length) v.outcomes.set(key, acc);
      if (this.stop) throw this.stop;
    }
  }

  private key(v: Variant, set: 'seeds' | 'benign', seedId: string, chain: readonly string[], repeat: number): string {
    return attemptKey(this.runId, v.name, set, seedId, chain, repeat);
  }

  private async contentAttempt(
    v: Variant,
    phase: Phase,
    set: 'seeds' | 'benign',
    sample: TargetInput,
    chain: string[],
    repeat: number,
    onRecord: (a: AttemptRecord) => void,
  ): Promise<void> {
    const key = this.key(v, set, sample.id, chain, repeat);
    const seq = this.seq++;
    const prior = this.done.get(key);
    if (prior) {
      this.charge(prior);
      onRecord(prior);
      this.events.push({ type: 'attempt', attempt: prior, replayed: true });
      return;
    }
    this.checkWall();
    const prepared = await this.prepare(sample, chain, repeat);
    const queries = prepared.applicable ? 1 + prepared.cost.queries : 0;
    this.admit(queries, prepared.cost.money, prepared.cost.accounts);
    const context = this.contentContext(sample.id, chain, repeat);
    const sent: TargetInput = { id: sample.id, content: prepared.content, context };
    const base = this.baseRecord(v, phase, set, sample, chain, repeat, key, seq, prepared, queries);
    if (!prepared.applicable) {
      this.record(base, onRecord);
      return;
    }
    const inputHash = sha256Hex(stableStringify({ content: sent.content, context: sent.context }));
    base.inputHash = inputHash;
    await this.slots.acquire();
    const job = (async () => {
      try {
        const fp = v.target.info.fingerprint;
        let verdict: TargetVerdict | undefined;
        let cached = false;
        if (this.useCache) {
          verdict = v.cache
            ? v.cache.get(inputHash)
            : (await this.input.store.cacheLookup(fp, [inputHash])).get(inputHash);
          cached = verdict !== undefined;
        }
        const t0 = this.now();
        if (!verdict) verdict = await v.target.decide(sent, this.input.signal);
        const wallMs = cached ? 0 : this.now() - t0;
        const a = this.complete(base, verdict, prepared, wallMs, cached);
        const cache: CacheEntry | undefined =
          this.useCache && !cached ? { targetFingerprint: fp, inputHash, verdict: stripDetail(verdict) } : undefined;
        if (cache) v.cache?.set(inputHash, cache.verdict);
        this.record(a, onRecord, cache);
      } catch (e) {
        this.failure(e, base, onRecord);
      } finally {
        this.slots.release();
      }
    })();
    this.track(job);
  }

  private track(job: Promise<void>): void {
    this.inFlight.add(job);
    void job.finally(() => this.inFlight.delete(job));
  }

  private async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  private failure(e: unknown, base: AttemptRecord, onRecord: (a: AttemptRecord) => void): void {
    if (this.input.signal?.aborted) {
      this.stop ??= new StopRun('interrupted', 'interrupted');
      return;
    }
    if (e instanceof TargetDownError) {
      this.stop ??= new StopRun('interrupted', e.message);
      return;
    }
    const err = asTargetError(e);
    this.record({ ...base, error: err.message }, onRecord);
  }

  private async prepare(sample: TargetInput, chain: readonly string[], repeat: number): Promise<PreparedContent> {
    const cost = { queries: 0, accounts: 0, money: 0, timeHours: 0 };
    const notes: string[] = [];
    let content = sample.content;
    const steps: Array<{ id: string; params: TacticParams }> = [];
    for (let i = 0; i < chain.length; i++) {
      const t = this.input.tactics.get(chain[i]!);
      if (t.executable.kind !== 'content') continue;
      const rng = this.rngFor(sample.id, chain.slice(0, i + 1), repeat);
      let out: ReturnType<typeof t.executable.apply>;
      try {
        out = t.executable.apply(content, rng, t.params);
      } catch (e) {
        notes.push(`${t.name} failed: ${(e as Error).message}`);
        out = null;
      }
      if (!out)
        return {
          applicable: false,
          content,
          valid: null,
          reasons: [],
          notes: [...notes, `${t.name}: not applicable`],
          cost,
        };
      content = out.content;
      addTacticCost(cost, out.cost);
      if (out.note) notes.push(`${t.name}: ${out.note}`);
      steps.push({ id: t.id, params: t.params });
    }
    if (steps.length === 0) return { applicable: true, content, valid: true, reasons: [], notes, cost };
    let valid: boolean;
    let reasons: string[];
    try {
      const verdict = await this.input.oracle.judge(sample, content, steps);
      valid = verdict.valid;
      reasons = verdict.reasons;
    } catch (e) {
      valid = false;
      reasons = [`the validity oracle failed: ${(e as Error).message}`];
    }
    return { applicable: true, content, valid, reasons, notes, cost };
  }

  private rngFor(seedId: string, chainPrefix: readonly string[], repeat: number): () => number {
    const r = new SeededRandom(this.config.seed).fork(`${seedId}|${chainPrefix.join('+')}|${repeat}`);
    return () => r.float();
  }

  /**
   * Content attempts are independent messages: each from its own established account, at its own simulated time
   * (a hash of seed, chain and repeat spread over `spreadDays`), so funnel state never links two attempts — and the
   * same attempt sends the same input on every run, which is what makes the cache hit.
   */
  private contentContext(seedId: string, chain: readonly string[], repeat: number): InputContext {
    const s = this.config.sender;
    const h = sha256Hex(`${seedId}|${chain.join('+')}|${repeat}`);
    const start = Date.parse(s.startTime);
    const offset = (Number.parseInt(h.slice(0, 12), 16) / 0xffffffffffff) * s.spreadDays * DAY_MS;
    return {
      accountId: `sender-${h.slice(0, 12)}`,
      accountAgeDays: s.accountAgeDays,
      timestamp: Math.floor(start + offset),
    };
  }

  private baseRecord(
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
      const t = this.input.tactics.get(n);
      human += t.cost.humanHours;
      impl += t.cost.implementationHours;
    }
    return {
      key,
      runId: this.runId,
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
      notes: p.notes,
      createdMs: Date.now(),
    };
  }

  private hashOf(sample: TargetInput): string {
    let h = this.originalHash.get(sample.id);
    if (!h) {
      h = sha256Hex(sample.content);
      this.originalHash.set(sample.id, h);
    }
    return h;
  }

  private complete(
    base: AttemptRecord,
    verdict: TargetVerdict,
    p: PreparedContent,
    wallMs: number,
    cached: boolean,
  ): AttemptRecord {
    const evaded = this.evades(verdict);
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
      transformed: success && base.chain.length ? p.content : null,
      createdMs: Date.now(),
    };
  }

  private evades(v: TargetVerdict): boolean {
    const e = this.config.evasion;
    if (e.when === 'allowed') return v.decision === 'allow';
    if (e.when === 'not-blocked') return v.decision !== 'block';
    return v.score !== undefined && e.scoreBelow !== undefined && v.score < e.scoreBelow;
  }

  private record(a: AttemptRecord, onRecord: (a: AttemptRecord) => void, cache?: CacheEntry): void {
    this.done.set(a.key, a);
    this.writer.add(a, cache);
    onRecord(a);
    this.events.push({ type: 'attempt', attempt: a, replayed: false });
  }

  // ------------------------------------------------------------------------------------------- budgets

  private charge(a: AttemptRecord): void {
    this.spent.queries += a.queries;
    this.spent.money += a.money;
    this.spent.accounts += a.accounts;
  }

  /** Charge an attempt before it is sent; stop the run when it would go over a budget. */
  private admit(queries: number, money: number, accounts: number): void {
    const b = this.config.budgets;
    const over = (name: string, used: number, limit: number | undefined) => {
      if (limit !== undefined && used > limit) {
        this.stop ??= new StopRun('stopped', `budget reached: ${name} (${limit})`);
        throw this.stop;
      }
    };
    over('queries', this.spent.queries + queries, b.queries);
    over('money', this.spent.money + money, b.money);
    over('accounts', this.spent.accounts + accounts, b.accounts);
    this.spent.queries += queries;
    this.spent.money += money;
    this.spent.accounts += accounts;
  }

  private checkWall(): void {
    if (this.input.signal?.aborted) {
      this.stop ??= new StopRun('interrupted', 'interrupted');
      throw this.stop;
    }
    if (this.stop) throw this.stop;
    const limit = this.config.budgets.wallSeconds;
    if (limit !== undefined && (this.now() - this.startedAt) / 1000 > limit) {
      this.stop ??= new StopRun('stopped', `budget reached: wallSeconds (${limit})`);
      throw this.stop;
    }
  }

  // --------------------------------------------------------------------------------------------- streams

  /**
   * One stream group: the chain's content tactics on every seed, then its stream tactics plan the sends for all of
   * them, sent in order through a fresh target (when the target can give one). Each seed's attempt counts as evaded
   * when one of its sends got through — or, when the plan filed feedback, when a later probe send gets through.
   */
  private async streamGroup(
    v: Variant,
    phase: Phase,
    chain: string[],
    repeat: number,
    samples: TargetInput[],
    onRecord: (a: AttemptRecord) => void,
  ): Promise<void> {
    const keys = samples.map((s) => this.key(v, 'seeds', s.id, chain, repeat));
    const seqs = samples.map(() => this.seq++);
    if (keys.every((k) => this.done.has(k))) {
      for (const k of keys) {
        const a = this.done.get(k)!;
        this.charge(a);
        onRecord(a);
        this.events.push({ type: 'attempt', attempt: a, replayed: true });
      }
      return;
    }
    this.checkWall();
    await this.drain(); // a group owns the target while it runs
    const prepared = new Map<string, PreparedContent>();
    const messages: TargetInput[] = [];
    for (const s of samples) {
      const p = await this.prepare(s, chain, repeat);
      prepared.set(s.id, p);
      if (p.applicable)
        messages.push({ id: s.id, content: p.content, context: { accountAgeDays: this.config.sender.accountAgeDays } });
    }
    const streams = chain.map((n) => this.input.tactics.get(n)).filter((t) => t.kind === 'stream');
    const startMs = Date.parse(this.config.sender.startTime);
    const accountPrefix = `${v.handle.fresh ? '' : `${this.runId}-`}g${sha256Hex(`${v.name}|${chain.join('+')}|${repeat}`).slice(0, 8)}-`;
    let sends: TargetInput[] = messages;
    const feedback: FeedbackReport[] = [];
    const planCost = { queries: 0, accounts: 0, money: 0, timeHours: 0 };
    let planNotes: string[] = [];
    for (let i = 0; i < streams.length; i++) {
      const t = streams[i]!;
      if (t.executable.kind !== 'stream') continue;
      const rng = this.rngFor('*', chain.slice(0, chain.indexOf(t.name) + 1), repeat);
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
    const target = v.handle.fresh ? new ResilientTarget(await v.handle.fresh(), v.target.options) : v.target;
    const noFeedback = feedback.length > 0 && !target.feedback;
    const probes = feedback.length && !noFeedback ? messages.length : 0;
    const totalQueries = sends.length + (noFeedback ? 0 : feedback.length) + probes + planCost.queries;
    const k = Math.max(1, messages.length);
    this.admit(totalQueries, planCost.money, planCost.accounts);
    const verdicts = new Map<string, { v: TargetVerdict; evaded: boolean }[]>();
    const t0 = this.now();
    let failed: string | null = null;
    try {
      if (!noFeedback) {
        for (const s of sends) {
          const verdict = await target.decide(s, this.input.signal);
          const m = ownerOf(s.id);
          if (m) verdicts.set(m.id, [...(verdicts.get(m.id) ?? []), { v: verdict, evaded: this.evades(verdict) }]);
        }
        if (feedback.length) {
          for (const r of feedback) await target.feedback!(r);
          for (const m of messages) {
            const last = owners.get(m.id)?.at(-1) ?? m;
            const at = maxTimestamp(sends, startMs) + this.config.sender.probeAfterHours * HOUR_MS;
            const probe = { ...last, id: `${m.id}#probe`, context: { ...(last.context ?? {}), timestamp: at } };
            const verdict = await target.decide(probe, this.input.signal);
            // The probe decides: did the feedback make the message get through afterwards?
            verdicts.set(m.id, [{ v: verdict, evaded: this.evades(verdict) }]);
          }
        }
      }
    } catch (e) {
      if (this.input.signal?.aborted) {
        this.stop ??= new StopRun('interrupted', 'interrupted');
      } else if (e instanceof TargetDownError) {
        this.stop ??= new StopRun('interrupted', e.message);
      } else failed = asTargetError(e).message;
    } finally {
      if (target !== v.target) {
        const stats = target.stats();
        const agg = this.resilience[`${v.name}:streams`];
        this.resilience[`${v.name}:streams`] = agg ? sumStats(agg, stats) : stats;
        await target.close();
      }
    }
    if (this.stop) return;
    const wallMs = this.now() - t0;
    const records: AttemptRecord[] = [];
    samples.forEach((s, i) => {
      const key = keys[i]!;
      if (this.done.has(key)) return;
      const p = prepared.get(s.id)!;
      const own = owners.get(s.id) ?? [];
      const share = p.applicable ? 1 / k : 0;
      const queries = p.applicable
        ? own.length +
          (unattributed + (noFeedback ? 0 : feedback.length) + planCost.queries + p.cost.queries) * share +
          (probes ? 1 : 0)
        : 0;
      const base = this.baseRecord(
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
      const a = this.complete(base, hit.v, p, wallMs * share, false);
      a.inputHash = sha256Hex(stableStringify({ content: p.content, group: accountPrefix }));
      records.push(a);
    });
    for (const a of records) {
      this.done.set(a.key, a);
      onRecord(a);
      this.events.push({ type: 'attempt', attempt: a, replayed: false });
    }
    // One group, one transaction: a kill never leaves half a group in the store.
    this.writer.addMany(records);
  }

  // --------------------------------------------------------------------------------------------- targets

  private async openVariant(name: string, hardening: HardeningSwitch[]): Promise<Variant> {
    const handle = await this.input.openTarget(hardening);
    const c = this.config;
    const limits = handle.limits;
    const concurrency = Math.min(c.concurrency, limits.concurrency ?? Number.POSITIVE_INFINITY);
    const rates = [c.rateLimit, limits.ratePerSecond].filter((x): x is number => x !== undefined);
    const jitter = new SeededRandom(c.seed).fork(`jitter|${name}`);
    const target = new ResilientTarget(handle.target, {
      concurrency,
      ...(rates.length ? { ratePerSecond: Math.min(...rates) } : {}),
      retries: limits.retries,
      ...(limits.timeoutMs ? { timeoutMs: limits.timeoutMs } : {}),
      rng: () => jitter.float(),
    });
    const v: Variant = { name, hardening, handle, target, blocked: [], baselineScore: new Map(), outcomes: new Map() };
    if (this.useCache) {
      const cache = await this.input.store.cacheLoad(target.info.fingerprint);
      if (cache) v.cache = cache;
    }
    this.variants.push(v);
    return v;
  }

  private async closeVariant(v: Variant): Promise<void> {
    await v.target.close().catch(() => undefined);
  }

  private async closeVariants(): Promise<void> {
    for (const v of this.variants) await this.closeVariant(v);
  }

  private outcome(v: Variant, chain: string[]): ChainOutcome {
    return v.outcomes.get(chain.join('+')) ?? { chain, n: 0, successes: 0, meanScoreDrop: null, queries: 0 };
  }
}

function addTacticCost(into: Required<TacticCost>, c: TacticCost | undefined): void {
  if (!c) return;
  into.queries += c.queries ?? 0;
  into.accounts += c.accounts ?? 0;
  into.money += c.money ?? 0;
  into.timeHours += c.timeHours ?? 0;
}

function maxTimestamp(sends: readonly TargetInput[], fallback: number): number {
  let m = fallback;
  for (const s of sends) if (typeof s.context?.timestamp === 'number') m = Math.max(m, s.context.timestamp);
  return m;
}

function stripDetail(v: TargetVerdict): TargetVerdict {
  const { detail: _d, ...rest } = v;
  return rest;
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
