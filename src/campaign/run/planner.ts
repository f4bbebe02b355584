/**
 * The plan: which attempts a campaign makes, in what order, from the campaign file — wave by wave (untouched
 * baseline → benign set → single tactics → compositions → beam search → the same chains with each hardening switch
 * on), each attempt named by a deterministic key. The adaptive steps (which seeds the target blocks untouched, which
 * chains the beam keeps, which chains the hardening comparison re-runs) are decided here from the results so far,
 * replayed ones included, so a resumed run plans exactly what the first one did. It exists so "what is tried" is
 * readable apart from "how it is sent".
 */

import type { TargetInput } from '../../contracts/target.js';
import type { HardeningSwitch } from '../../reference/hardening.js';
import { attemptKey, type Phase } from '../attempt.js';
import type { CampaignConfig } from '../file.js';
import type { ResolvedSamples } from '../sample-sets.js';
import { BeamSearch, compositionChains, singleChains } from '../search.js';
import type { TacticSet } from '../tactic-set.js';
import type { Budget } from './budget.js';
import type { AttemptLedger } from './ledger.js';
import { outcomeOf, type Variant } from './variant.js';

export type SampleSet = 'seeds' | 'benign';

/** What the planner needs done: run a wave of chains on a variant, open and close hardened variants. */
export interface WaveDriver {
  runChains(v: Variant, phase: Phase, chains: string[][], set: SampleSet): Promise<void>;
  openVariant(name: string, hardening: HardeningSwitch[]): Promise<Variant>;
  closeVariant(v: Variant): Promise<void>;
}

export interface PlannerInput {
  config: CampaignConfig;
  tactics: TacticSet;
  seeds: ResolvedSamples;
  benign: ResolvedSamples | null;
}

export class CampaignPlanner {
  /** The beam search, once it ran (its steps go into the result). */
  beam: BeamSearch | null = null;
  private readonly seedById: Map<string, TargetInput>;

  constructor(
    private readonly input: PlannerInput,
    private readonly runId: string,
    private readonly ledger: AttemptLedger,
    private readonly budget: Budget,
    private readonly warn: (message: string) => void,
  ) {
    this.seedById = new Map(
      [...input.seeds.samples, ...(input.benign?.samples ?? [])].map((s) => [s.id, s] as [string, TargetInput]),
    );
  }

  /** The attempt's identity: the same on every resume of the run. */
  key(v: Variant, set: SampleSet, seedId: string, chain: readonly string[], repeat: number): string {
    return attemptKey(this.runId, v.name, set, seedId, chain, repeat);
  }

  /** Attempts the plan makes, about (the beam and the blocked seeds are only known as it goes). */
  estimate(): number {
    const c = this.input.config;
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

  /** The waves, in order, on the base variant and then on each hardening switch alone. */
  async waves(base: Variant, driver: WaveDriver): Promise<void> {
    const c = this.input.config;
    const set = this.input.tactics;
    await driver.runChains(base, 'baseline', [[]], 'seeds');
    this.computeBlocked(base);
    if (this.input.benign) await driver.runChains(base, 'benign', [[]], 'benign');
    const tried: string[][] = [];
    const remember = (chains: string[][]) => {
      for (const ch of chains) if (!tried.some((t) => t.join('+') === ch.join('+'))) tried.push(ch);
    };
    if (c.search.single || c.search.beam) {
      const singles = singleChains(set);
      await driver.runChains(base, c.search.single ? 'single' : 'beam', singles, 'seeds');
      remember(singles);
    }
    if (c.search.compositions) {
      const combos = compositionChains(set, c.search.compositions.depth, c.search.compositions.max);
      await driver.runChains(base, 'composition', combos, 'seeds');
      remember(combos);
    }
    if (c.search.beam) {
      const perChain = Math.max(1, base.blocked.length * c.repeats);
      this.beam = new BeamSearch(set, c.search.beam, perChain);
      let next = this.beam.start(singleChains(set).map((ch) => outcomeOf(base, ch)));
      while (next.length) {
        await driver.runChains(base, 'beam', next, 'seeds');
        remember(next);
        next = this.beam.advance(next.map((ch) => outcomeOf(base, ch)));
      }
    }
    // The defender side: each hardening switch alone, on the chains that got through.
    const winners = tried.filter((ch) => (base.outcomes.get(ch.join('+'))?.successes ?? 0) > 0);
    for (const h of c.hardening) {
      const v = await driver.openVariant(h, [h]);
      await driver.runChains(v, 'hardening', [[]], 'seeds');
      this.computeBlocked(v);
      if (this.input.benign) await driver.runChains(v, 'benign', [[]], 'benign');
      await driver.runChains(v, 'hardening', winners, 'seeds');
      await driver.closeVariant(v);
    }
  }

  /** The samples a wave runs on: every seed untouched, only the blocked ones with tactics, the benign set as is. */
  samplesFor(v: Variant, chains: string[][], set: SampleSet): TargetInput[] {
    if (set === 'benign') return this.input.benign?.samples ?? [];
    if (chains.length === 1 && chains[0]!.length === 0) return this.input.seeds.samples;
    return v.blocked.map((id) => this.seedById.get(id)!);
  }

  repeatsFor(set: SampleSet): number {
    return set === 'benign' ? 1 : this.input.config.repeats;
  }

  /** After the untouched wave: which seeds the variant blocks (what the tactics must get through). */
  private computeBlocked(v: Variant): void {
    const seeds = this.input.seeds.samples;
    const blocked = new Set<string>();
    const evaded = new Set<string>();
    const errored = new Set<string>();
    let firstError: string | null = null;
    for (const s of seeds) {
      for (let r = 0; r < this.input.config.repeats; r++) {
        const a = this.ledger.get(this.key(v, 'seeds', s.id, [], r));
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
    if (firstError !== null && errored.size === seeds.length && !this.budget.stop) {
      throw this.budget.halt('interrupted', `the ${v.name} target failed on every untouched seed: ${firstError}`);
    }
    v.blocked = seeds.map((s) => s.id).filter((id) => blocked.has(id) && !evaded.has(id) && !errored.has(id));
    if (v.blocked.length === 0 && !this.budget.stop) {
      this.warn(
        `${v.name}: the target lets every seed through untouched (or failed on them); tactic attempts have nothing to evade`,
      );
    }
  }
}
