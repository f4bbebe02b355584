/**
 * Measurement: attempts in, rates and costs out. Pure and streaming — attempts are added one at a time in plan
 * order and only per-chain sums are kept, so a run of any size is measured in constant memory per chain.
 *
 * Definitions (also in docs/campaigns.md):
 * - n: attempts of a chain that count — applicable (no tactic declined the sample) and answered (no error). Tactic
 *   attempts run only on seeds the variant blocked untouched, so n counts chances to turn a block into a delivery.
 * - evasion rate: successes / n, success = the decision met the evasion condition AND the oracle found the message
 *   valid; 95% Wilson interval.
 * - cost per attempt / per success / of the first success: see ChainCost. timeHours = simulated tactic time + the
 *   target's measured answer time; detectionRisk = share of attempts flagged (sent to review, or stopped by a
 *   component other than the content decision: accounts, rate limits, bulk detection).
 * - outcomes: the answered attempts split by decision (allow, tag, review, block), so "got through" can be read under
 *   any evasion condition.
 * - score movement: mean movement of the score toward benign against the untouched seed, in the target's own units
 *   and direction (scoreDrop in contracts/target.ts); reported beside rates, never added to them.
 * - benign: share of the benign set blocked (false-positive rate), sent to review and tagged, with Wilson intervals.
 * - defused by a switch: with the switch on, the chain's rate falls significantly (95% intervals disjoint) to 5% or
 *   less.
 */
import { type Decision, PROBABILITY_SCALE, type ScoreScale, scoreDrop } from '../contracts/target.js';
import { type CostVector, weightedCost, zeroCost } from '../model/cost.js';
import { type AttemptRecord, BASE_VARIANT, chainLabel, type Phase } from './attempt.js';
import type { CampaignTotals, ChainResult, FprResult, HardenedChain, HardeningResult, Rate } from './result.js';
import { disjoint, wilsonInterval } from './wilson.js';

/** Components whose blocks are the content decision itself (not "the attacker got noticed"). */
const CONTENT_DECIDERS = new Set(['threshold-policy', 'spam-model', 'model', 'policy', 'classifier']);

export const DEFUSED_AT_MOST = 0.05;

export function rate(k: number, n: number): Rate {
  return { k, n, rate: n ? k / n : 0, ci95: wilsonInterval(k, n) };
}

export function isFlagged(a: Pick<AttemptRecord, 'decision' | 'decidedBy'>): boolean {
  if (a.decision === 'review') return true;
  return a.decision === 'block' && a.decidedBy !== null && !CONTENT_DECIDERS.has(a.decidedBy);
}

class ChainAcc {
  attempts = 0;
  notApplicable = 0;
  errors = 0;
  n = 0;
  successes = 0;
  evaded = 0;
  evadedInvalid = 0;
  valid = 0;
  cached = 0;
  flagged = 0;
  drops = 0;
  dropSum = 0;
  outcomes: Record<Decision, number> = { allow: 0, tag: 0, review: 0, block: 0 };
  implementationHours = 0;
  sums = zeroCost();
  accounts = 0;
  firstSuccess: CostVector | null = null;
  attemptsToFirst: number | null = null;

  constructor(
    readonly chain: string[],
    readonly variant: string,
    readonly phase: Phase,
    private readonly scale: ScoreScale,
  ) {}

  add(a: AttemptRecord, baselineScore: number | undefined): void {
    this.attempts++;
    this.implementationHours = a.implementationHours;
    this.sums.money += a.money;
    this.sums.humanHours += a.humanHours;
    this.sums.queries += a.queries;
    this.sums.timeHours += a.simHours + a.wallMs / 3_600_000;
    this.accounts += a.accounts;
    if (a.cached) this.cached++;
    if (!a.applicable) this.notApplicable++;
    else if (a.error) this.errors++;
    else {
      this.n++;
      if (a.valid) this.valid++;
      if (a.evaded) this.evaded++;
      if (a.evaded && !a.valid) this.evadedInvalid++;
      if (isFlagged(a)) this.flagged++;
      if (a.decision !== null) this.outcomes[a.decision]++;
      if (baselineScore !== undefined && a.score !== null) {
        this.drops++;
        this.dropSum += scoreDrop(this.scale, baselineScore, a.score);
      }
      if (a.success) {
        this.successes++;
        if (!this.firstSuccess) {
          this.attemptsToFirst = this.attempts;
          this.firstSuccess = this.vector(this.attempts);
        }
      }
    }
  }

  /** The running sums as a cost vector, detection risk over `k` attempts at the observed flag rate. */
  private vector(k: number): CostVector {
    const p = this.n ? this.flagged / this.n : 0;
    return { ...this.sums, implementationHours: this.implementationHours, detectionRisk: 1 - (1 - p) ** k };
  }

  result(label: (chain: string[]) => { label: string; ids: string[] }): ChainResult {
    const p = this.n ? this.flagged / this.n : 0;
    const total = this.vector(this.attempts);
    const per = (d: number): CostVector => ({
      money: total.money / d,
      humanHours: total.humanHours / d,
      implementationHours: this.implementationHours,
      queries: total.queries / d,
      timeHours: total.timeHours / d,
      detectionRisk: p,
    });
    const perAttempt = this.attempts
      ? per(this.attempts)
      : { ...zeroCost(), implementationHours: this.implementationHours };
    const perSuccess: CostVector | null = this.successes
      ? {
          ...per(this.successes),
          implementationHours: this.implementationHours / this.successes,
          detectionRisk: 1 - (1 - p) ** (this.attempts / this.successes),
        }
      : null;
    const { label: l, ids } = label(this.chain);
    return {
      chain: this.chain,
      label: l,
      tacticIds: ids,
      phase: this.phase,
      variant: this.variant,
      attempts: this.attempts,
      notApplicable: this.notApplicable,
      errors: this.errors,
      n: this.n,
      evasion: rate(this.successes, this.n),
      evaded: this.evaded,
      evadedInvalid: this.evadedInvalid,
      validity: rate(this.valid, this.n),
      outcomes: { ...this.outcomes },
      meanScoreDrop: this.drops ? this.dropSum / this.drops : null,
      cachedShare: this.attempts ? this.cached / this.attempts : 0,
      cost: {
        total,
        perAttempt,
        perSuccess,
        firstSuccess: this.firstSuccess,
        attemptsToFirstSuccess: this.attemptsToFirst,
        accounts: this.accounts,
      },
      defusedBy: [],
    };
  }
}

class BenignAcc {
  n = 0;
  blocked = 0;
  reviewed = 0;
  tagged = 0;
  errors = 0;

  add(a: AttemptRecord): void {
    if (a.error) {
      this.errors++;
      return;
    }
    this.n++;
    if (a.decision === 'block') this.blocked++;
    if (a.decision === 'review') this.reviewed++;
    if (a.decision === 'tag') this.tagged++;
  }

  result(): FprResult {
    return {
      blocked: rate(this.blocked, this.n),
      reviewed: rate(this.reviewed, this.n),
      tagged: rate(this.tagged, this.n),
      errors: this.errors,
    };
  }
}

export interface Measurement {
  baseline: Rate;
  chains: ChainResult[];
  benign: FprResult | null;
  hardening: HardeningResult[];
  /** The campaign's totals but its wall time, which the runner adds. */
  totals: Omit<CampaignTotals, 'wallSeconds'>;
}

export class Measurer {
  private readonly chains = new Map<string, ChainAcc>();
  private readonly benign = new Map<string, BenignAcc>();
  private readonly baselineScores = new Map<string, Map<string, number>>();
  private readonly variantOrder: string[] = [];
  private readonly totals = {
    attempts: 0,
    queries: 0,
    sent: 0,
    cached: 0,
    errors: 0,
    notApplicable: 0,
    money: 0,
    accounts: 0,
  };

  constructor(
    private readonly describe: (chain: string[]) => { label: string; ids: string[] },
    /** The target's score scale: score movements are measured toward its benign end. */
    private readonly scale: ScoreScale = PROBABILITY_SCALE,
  ) {}

  add(a: AttemptRecord): void {
    if (!this.variantOrder.includes(a.variant)) this.variantOrder.push(a.variant);
    const t = this.totals;
    t.attempts++;
    t.queries += a.queries;
    t.money += a.money;
    t.accounts += a.accounts;
    if (a.cached) t.cached++;
    else if (a.applicable && !a.error) t.sent++;
    if (a.error) t.errors++;
    if (!a.applicable) t.notApplicable++;
    if (a.set === 'benign') {
      let b = this.benign.get(a.variant);
      if (!b) {
        b = new BenignAcc();
        this.benign.set(a.variant, b);
      }
      b.add(a);
      return;
    }
    let scores = this.baselineScores.get(a.variant);
    if (!scores) {
      scores = new Map();
      this.baselineScores.set(a.variant, scores);
    }
    if (a.chain.length === 0 && a.repeat === 0 && a.score !== null) scores.set(a.seedId, a.score);
    const key = `${a.variant}\u0000${a.chain.join('+')}`;
    let acc = this.chains.get(key);
    if (!acc) {
      acc = new ChainAcc(a.chain, a.variant, a.phase, this.scale);
      this.chains.set(key, acc);
    }
    acc.add(a, a.chain.length ? scores.get(a.seedId) : undefined);
  }

  finish(): Measurement {
    const all = [...this.chains.values()].map((c) => c.result(this.describe));
    const of = (variant: string) => all.filter((c) => c.variant === variant);
    const base = of(BASE_VARIANT);
    const baselineChain = base.find((c) => c.chain.length === 0);
    const chains = base.filter((c) => c.chain.length > 0).sort(compareChains);
    const benignBase = this.benign.get(BASE_VARIANT)?.result() ?? null;
    const hardening: HardeningResult[] = [];
    for (const variant of this.variantOrder.filter((v) => v !== BASE_VARIANT)) {
      const rows = of(variant);
      const benign = this.benign.get(variant)?.result() ?? null;
      const hardened: HardenedChain[] = [];
      for (const h of rows.filter((r) => r.chain.length > 0)) {
        const b = chains.find((c) => c.label === h.label);
        if (!b) continue;
        const reduced = h.evasion.rate < b.evasion.rate && disjoint(h.evasion.ci95, b.evasion.ci95);
        const defused = reduced && h.evasion.rate <= DEFUSED_AT_MOST;
        if (defused) b.defusedBy.push(variant);
        hardened.push({ chain: h.chain, label: h.label, base: b.evasion, hardened: h.evasion, reduced, defused });
      }
      hardening.push({
        switch: variant,
        baseline: rows.find((r) => r.chain.length === 0)?.evasion ?? rate(0, 0),
        benign,
        fprDelta: benign && benignBase ? benign.blocked.rate - benignBase.blocked.rate : null,
        chains: hardened,
      });
    }
    return {
      baseline: baselineChain?.evasion ?? rate(0, 0),
      chains,
      benign: benignBase,
      hardening,
      totals: { ...this.totals },
    };
  }
}

/** Best first: higher evasion rate, then cheaper per success (weighted), then fewer tactics, then label. */
export function compareChains(a: ChainResult, b: ChainResult): number {
  const cost = (c: ChainResult) => (c.cost.perSuccess ? weightedCost(c.cost.perSuccess) : Number.POSITIVE_INFINITY);
  return (
    b.evasion.rate - a.evasion.rate ||
    cost(a) - cost(b) ||
    a.chain.length - b.chain.length ||
    a.label.localeCompare(b.label)
  );
}

export function labelChain(chain: readonly string[]): string {
  return chainLabel(chain);
}
