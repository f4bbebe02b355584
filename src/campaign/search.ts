/**
 * Which tactic chains a campaign tries: every tactic alone, every combination up to a depth, and a budgeted beam
 * search that grows the best chains one tactic at a time. Pure: the runner measures, this decides what to measure
 * next. Chains are sets applied in canonical order (see TacticSet), so each combination is tried once.
 *
 * Chains rank by their evasion rate (successes / attempts on seeds the target blocked untouched), then, when the
 * target exposes a score, by the mean score movement toward benign — a chain that nearly flips many seeds is a
 * better parent than one that flips none and moves nothing. The two are compared in turn, never added: a rate and
 * a score movement in the target's units (points, log-odds) have no common scale. Ties go to the shorter chain,
 * then the name.
 */
import type { TacticSet } from './tactic-set.js';

export interface ChainOutcome {
  chain: string[];
  /** Attempts that count (applicable, no error). */
  n: number;
  successes: number;
  /** Mean movement of the score toward benign (target units, see scoreDrop) over scored attempts; null without. */
  meanScoreDrop: number | null;
  /** Queries spent on this chain. */
  queries: number;
}

export function singleChains(set: TacticSet): string[][] {
  return set.canonical.map((t) => [t.name]);
}

/** Every combination of 2..depth tactics, in canonical order, smallest first; at most `max`. */
export function compositionChains(set: TacticSet, depth: number, max = Number.POSITIVE_INFINITY): string[][] {
  const names = set.canonical.map((t) => t.name);
  const out: string[][] = [];
  for (let size = 2; size <= Math.min(depth, names.length); size++) {
    const walk = (start: number, acc: string[]) => {
      if (out.length >= max) return;
      if (acc.length === size) {
        out.push([...acc]);
        return;
      }
      for (let i = start; i < names.length; i++) walk(i + 1, [...acc, names[i]!]);
    };
    walk(0, []);
  }
  return out.slice(0, max);
}

function evasionRate(o: ChainOutcome): number {
  return o.n ? o.successes / o.n : 0;
}

/** A chain's score movement for ranking: none known ranks below any known one. */
function movement(o: ChainOutcome): number {
  return o.meanScoreDrop ?? Number.NEGATIVE_INFINITY;
}

export function rankChains(outcomes: readonly ChainOutcome[]): ChainOutcome[] {
  return [...outcomes].sort(
    (a, b) =>
      evasionRate(b) - evasionRate(a) ||
      (movement(b) === movement(a) ? 0 : movement(b) > movement(a) ? 1 : -1) ||
      a.chain.length - b.chain.length ||
      a.chain.join('+').localeCompare(b.chain.join('+')),
  );
}

export interface BeamOptions {
  width: number;
  depth: number;
  /** Queries the beam may spend beyond level 1. */
  budget: number;
}

export interface BeamLevel {
  level: number;
  /** Chains measured at this level. */
  tried: string[][];
  /** The `width` best, kept as parents. */
  kept: string[][];
  queries: number;
}

/**
 * The beam search's state machine. `start(level1)` and `advance(levelK)` each take the outcomes of the chains they
 * last proposed and return the next chains to measure (empty when done). `costPerChain` estimates the queries one
 * chain costs (seeds × repeats), so a level is cut to fit the remaining budget before it is run.
 */
export class BeamSearch {
  readonly levels: BeamLevel[] = [];
  private spent = 0;
  private readonly seen = new Set<string>();
  stopReason: 'depth' | 'budget' | 'exhausted' | null = null;

  constructor(
    private readonly set: TacticSet,
    readonly options: BeamOptions,
    private readonly costPerChain: number,
  ) {}

  get queriesSpent(): number {
    return this.spent;
  }

  start(level1: readonly ChainOutcome[]): string[][] {
    for (const o of level1) this.seen.add(o.chain.join('+'));
    return this.record(1, level1, false);
  }

  advance(outcomes: readonly ChainOutcome[]): string[][] {
    return this.record(this.levels.length + 1, outcomes, true);
  }

  private record(level: number, outcomes: readonly ChainOutcome[], counts: boolean): string[][] {
    const queries = outcomes.reduce((s, o) => s + o.queries, 0);
    if (counts) this.spent += queries;
    const ranked = rankChains(outcomes).filter((o) => o.n > 0);
    const kept = ranked.slice(0, this.options.width).map((o) => o.chain);
    this.levels.push({ level, tried: outcomes.map((o) => o.chain), kept, queries });
    if (level >= this.options.depth) {
      this.stopReason = 'depth';
      return [];
    }
    const next: string[][] = [];
    for (const parent of kept) {
      for (const t of this.set.canonical) {
        if (parent.includes(t.name)) continue;
        const child = this.set.canonicalize([...parent, t.name]);
        const key = child.join('+');
        if (this.seen.has(key)) continue;
        this.seen.add(key);
        next.push(child);
      }
    }
    if (next.length === 0) {
      this.stopReason = 'exhausted';
      return [];
    }
    const affordable = Math.floor((this.options.budget - this.spent) / Math.max(1, this.costPerChain));
    if (affordable <= 0) {
      this.stopReason = 'budget';
      return [];
    }
    if (affordable < next.length) this.stopReason = 'budget';
    return next.slice(0, affordable);
  }
}
