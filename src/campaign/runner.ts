/**
 * The campaign runner: plans attempts wave by wave (untouched baseline → benign set → single tactics →
 * compositions → beam search → the same chains with each hardening switch on), runs them against the target with
 * bounded concurrency, writes each one to the store as it completes, and streams events for progress.
 *
 * This file composes the pieces in ./run/: the planner (what is tried, in what order), the attempt builder
 * (prepare, judge and record one attempt), the budget (limits and what is spent), the stream group (activity-shape
 * tactics run as one group), the ledger (done attempts → store and events) and the in-flight pool.
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
import { scoreDrop, scoreScaleOf } from '../contracts/target.js';
import type { HardeningSwitch } from '../reference/hardening.js';
import type { TargetHandle } from '../targets/kind.js';
import { type AttemptRecord, BASE_VARIANT, type Phase } from './attempt.js';
import { Channel } from './channel.js';
import type { LoadedCampaign } from './file.js';
import type { ResilienceStats } from './limits/resilient-target.js';
import { type ChainStop, earlyStop, type StopReason } from './precision.js';
import type { CampaignResult } from './result.js';
import { AttemptBuilder } from './run/attempt-builder.js';
import { Budget, StopRun } from './run/budget.js';
import { type Dispatcher, WavePending } from './run/dispatch.js';
import type { CampaignEvent } from './run/events.js';
import { InFlight } from './run/in-flight.js';
import { AttemptLedger } from './run/ledger.js';
import { CampaignPlanner, type SampleSet } from './run/planner.js';
import { runStreamGroup, type StreamGroupDeps } from './run/stream-group.js';
import { openVariant, type Variant } from './run/variant.js';
import type { ResolvedSamples } from './sample-sets.js';
import type { BeamSearch, ChainOutcome } from './search.js';
import type { CampaignStore, RunStatus } from './store.js';
import type { TacticSet } from './tactic-set.js';
import type { ValidityOracle } from './validity.js';

export type { CampaignEvent } from './run/events.js';

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
  /** The id of a new run (default: a fresh one). */
  runId?: string;
  /** When the run started on `now`'s clock (the wall-time budget counts from here; default: now). */
  startedAt?: number;
  /** A distributed run's plan step: attempts are dispatched to workers, not sent (see run/dispatch.ts). */
  dispatcher?: Dispatcher;
  /** Keep a resumed run's failed attempts (a distributed run's next step; `--resume` deletes them to retry). */
  keepErrored?: boolean;
  /** Counters from elsewhere (a distributed run's workers), replacing the step's own per variant. */
  extraResilience?: () => Promise<Record<string, ResilienceStats>>;
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
  /** Most attempts a tactic chain was planned on the configured target, and the chains stopped early. */
  precision: { attemptsPerChain: number; stopped: ChainStop[] };
}

/** New run ids: time-sortable and unique enough for one store. */
export function newRunId(now = new Date(), rand = Math.random): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `run-${stamp}-${Math.floor(rand() * 0xffff)
    .toString(16)
    .padStart(4, '0')}`;
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

/** The pieces that exist once the run has an id (a new one, or the resumed one). */
interface RunParts {
  runId: string;
  planner: CampaignPlanner;
  builder: AttemptBuilder;
  streams: StreamGroupDeps;
}

class CampaignRunner {
  private readonly config;
  private readonly now: () => number;
  private readonly budget: Budget;
  private readonly ledger: AttemptLedger;
  private readonly inFlight: InFlight;
  private readonly variants: Variant[] = [];
  private readonly resilience: Record<string, ResilienceStats> = {};
  private readonly stopped: ChainStop[] = [];
  private attemptsPerChain = 0;
  private readonly useCache: boolean;

  constructor(
    private readonly input: RunnerInput,
    private readonly events: Channel<CampaignEvent>,
  ) {
    this.config = input.loaded.config;
    this.now = input.now ?? (() => performance.now());
    this.budget = new Budget(this.config.budgets, this.now, input.signal, input.startedAt);
    this.inFlight = new InFlight(this.config.concurrency);
    this.ledger = new AttemptLedger(events);
    this.useCache = input.cache ?? true;
  }

  async main(): Promise<void> {
    const { store, loaded } = this.input;
    const base = await this.openVariant(BASE_VARIANT, []);
    let resumed = false;
    let runId: string;
    if (this.input.resumeRunId) {
      const row = await store.getRun(this.input.resumeRunId);
      if (!row) throw new StopRun('failed', `no run '${this.input.resumeRunId}' in ${store.path}`);
      if (row.hash !== loaded.hash) {
        throw new StopRun(
          'failed',
          `run ${row.runId} was started with a different campaign (file or --seed changed); start a new run instead`,
        );
      }
      runId = row.runId;
      const retried = this.input.keepErrored ? 0 : await store.deleteErrored(runId);
      if (retried) this.events.push({ type: 'warning', message: `${retried} failed attempts will be retried` });
      for await (const a of store.attempts(runId)) this.ledger.restore(a);
      await store.setStatus(runId, 'running');
      resumed = true;
    } else {
      runId = this.input.runId ?? newRunId();
      await store.createRun({
        runId,
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
    // The ledger hands attempts to the writer in group commits (see run/ledger.ts).
    this.ledger.attach(await store.writer(runId));
    const parts = this.parts(runId);
    this.events.push({
      type: 'start',
      runId,
      resumed,
      estimatedAttempts: parts.planner.estimate(),
      target: base.target.info,
    });

    let status: RunStatus = 'completed';
    let reason: string | null = null;
    try {
      await parts.planner.waves(base, {
        runChains: (v, phase, chains, set) => this.runChains(parts, v, phase, chains, set),
        openVariant: (name, hardening) => this.openVariant(name, hardening),
        closeVariant: async (v) => {
          this.resilience[v.name] = v.target.stats();
          await this.closeVariant(v);
        },
      });
    } catch (e) {
      const dispatched = this.input.dispatcher?.jobs ?? [];
      if (e instanceof StopRun && dispatched.length) {
        // Jobs handed out before the wave ended (or a budget cut it): they run first; the next step plans on.
        const pending = e instanceof WavePending ? e : new WavePending(this.input.dispatcher!.wave, dispatched);
        await this.inFlight.drain();
        await this.ledger.close();
        await this.closeVariants();
        this.events.push({ type: 'dispatched', wave: pending.wave, jobs: pending.jobs });
        return;
      }
      if (!(e instanceof StopRun)) {
        await this.inFlight.drain().catch(() => undefined);
        await this.ledger.close().catch(() => undefined);
        await store.setStatus(runId, 'failed', (e as Error).message).catch(() => undefined);
        await this.closeVariants();
        throw e;
      }
      status = e.status;
      reason = e.reason;
    }
    await this.inFlight.drain();
    const stop = this.budget.stop;
    if (stop && status === 'completed') {
      status = stop.status;
      reason = stop.reason;
    }
    // Waves done but not every attempt answered (throttled past maxRetryAfterMs, failed after retries): say so, and
    // leave the run resumable — `--resume` sends exactly those again.
    if (status === 'completed' && this.ledger.unanswered > 0) {
      status = 'incomplete';
      reason =
        `${this.ledger.unanswered} attempt${this.ledger.unanswered === 1 ? '' : 's'} got no answer ` +
        `(first: ${this.ledger.firstError}); resume the run to send them again`;
    }
    await this.ledger.close();
    for (const v of this.variants) this.resilience[v.name] = v.target.stats();
    if (this.input.extraResilience) Object.assign(this.resilience, await this.input.extraResilience());
    if (status !== 'completed') this.events.push({ type: 'stopped', status, reason: reason ?? '' });
    await store.setStatus(runId, status, reason);
    try {
      const result = await this.input.finish({
        runId,
        status,
        stopReason: reason,
        resilience: this.resilience,
        beam: parts.planner.beam,
        baseTarget: base.handle,
        spent: { ...this.budget.spent, wallSeconds: this.budget.wallSeconds },
        precision: { attemptsPerChain: this.attemptsPerChain, stopped: this.stopped },
      });
      await store.saveResult(runId, result);
      this.events.push({ type: 'done', result });
    } finally {
      await this.closeVariants();
    }
  }

  private parts(runId: string): RunParts {
    const { input, config, ledger, budget, inFlight, now } = this;
    const signal = input.signal ? { signal: input.signal } : {};
    const planner = new CampaignPlanner({ ...input, config }, runId, ledger, budget, (message) =>
      this.events.push({ type: 'warning', message }),
    );
    const builder = new AttemptBuilder({
      config,
      tactics: input.tactics,
      oracle: input.oracle,
      runId,
      ledger,
      budget,
      inFlight,
      cacheStore: this.useCache ? input.store : null,
      now,
      ...signal,
      ...(input.dispatcher ? { dispatcher: input.dispatcher } : {}),
    });
    const streams: StreamGroupDeps = {
      config,
      tactics: input.tactics,
      runId,
      ledger,
      budget,
      inFlight,
      builder,
      resilience: this.resilience,
      now,
      ...signal,
      ...(input.dispatcher ? { dispatcher: input.dispatcher } : {}),
    };
    return { runId, planner, builder, streams };
  }

  /** One wave: every chain on every sample × repeat, in plan order, measuring each chain as it goes. */
  private async runChains(
    parts: RunParts,
    v: Variant,
    phase: Phase,
    chains: string[][],
    set: SampleSet,
  ): Promise<void> {
    if (this.budget.stop) throw this.budget.stop;
    const dispatcher = this.input.dispatcher;
    if (dispatcher) dispatcher.wave++;
    const { planner, builder, streams } = parts;
    const samples = planner.samplesFor(v, chains, set);
    const repeats = planner.repeatsFor(set);
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
      const scale = scoreScaleOf(v.target.info);
      const planned = samples.length * repeats;
      const measured = set === 'seeds' && chain.length > 0;
      if (measured && v.name === BASE_VARIANT) this.attemptsPerChain = Math.max(this.attemptsPerChain, planned);
      let visited = 0;
      const onRecord = (a: AttemptRecord) => {
        acc.queries += a.queries;
        if (!a.applicable || a.error) return;
        acc.n++;
        if (a.success) acc.successes++;
        const before = v.baselineScore.get(a.seedId);
        if (before !== undefined && a.score !== null) drops.push(scoreDrop(scale, before, a.score));
      };
      if (this.input.tactics.hasStream(chain)) {
        for (let r = 0; r < repeats; r++) {
          const keys = samples.map((s) => planner.key(v, 'seeds', s.id, chain, r));
          await runStreamGroup(streams, v, phase, chain, r, samples, keys, onRecord);
          if (this.budget.stop) break;
        }
      } else {
        // Early stop looks at answered attempts only; attempts already in flight still finish and are recorded.
        let stop: StopReason | null = null;
        plan: for (let r = 0; r < repeats; r++) {
          for (const s of samples) {
            if (measured) stop = earlyStop(this.config.precision, acc.successes, acc.n);
            if (stop) break plan;
            await builder.content(v, phase, set, s, chain, r, planner.key(v, set, s.id, chain, r), onRecord);
            visited++;
            if (this.budget.stop) break plan;
          }
        }
        if (stop) {
          await this.inFlight.drain();
          this.stopped.push({
            chain,
            variant: v.name,
            n: acc.n,
            successes: acc.successes,
            reason: stop,
            skipped: planned - visited,
          });
        }
      }
      await this.inFlight.drain();
      // A chain's end is often followed by CPU-heavy planning (the next chain's tactics, the validity oracle): commit
      // what is done first, so it is not held back by work that gives the event loop no turn.
      await this.ledger.keepDurable(true);
      acc.meanScoreDrop = drops.length ? drops.reduce((a, b) => a + b, 0) / drops.length : null;
      if (set === 'seeds' && chain.length) v.outcomes.set(key, acc);
      if (this.budget.stop) throw this.budget.stop;
    }
    // A distributed step: what this wave dispatched runs on the workers before anything after it is planned.
    if (dispatcher?.jobs.length) throw new WavePending(dispatcher.wave, dispatcher.jobs);
  }

  private async openVariant(name: string, hardening: HardeningSwitch[]): Promise<Variant> {
    const handle = await this.input.openTarget(hardening);
    const v = await openVariant(handle, name, hardening, this.config, this.useCache ? this.input.store : null);
    this.variants.push(v);
    return v;
  }

  private async closeVariant(v: Variant): Promise<void> {
    await v.target.close().catch(() => undefined);
  }

  private async closeVariants(): Promise<void> {
    for (const v of this.variants) await this.closeVariant(v);
  }
}
