/**
 * Seeded randomness for everything in the reference system (splits, SGD order, reviewers, traffic). One seed gives
 * one result; independent streams come from `fork(label)`, so adding a draw in one place does not shift the
 * numbers drawn anywhere else.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { murmur32 } from './hash.js';

export class SeededRandom {
  private readonly gen: RandomGenerator;

  constructor(readonly seed: number) {
    this.gen = xoroshiro128plus(seed | 0);
  }

  /** An independent stream derived from this seed and a label. */
  fork(label: string): SeededRandom {
    return new SeededRandom(murmur32(`${this.seed}/${label}`, 0x5eed));
  }

  /** Uniform in [0, 1). */
  float(): number {
    return uniformFloat64(this.gen);
  }

  /**
   * Uniform in [0, 1) from one 32-bit draw: half the cost of `float()`, for hot loops where 32 bits of resolution
   * are plenty (the Monte Carlo simulation draws millions).
   */
  next(): number {
    return (this.gen.next() >>> 0) / 4294967296;
  }

  /** Uniform in (0, 1] from one 32-bit draw: safe under log(). */
  open(): number {
    return 1 - this.next();
  }

  /** Attempts until the first success, each succeeding with probability p (≥ 1, at most cap). Inverse transform: O(1). */
  geometric(p: number, cap: number): number {
    if (p >= 1) return 1;
    if (p <= 0) return cap;
    const k = Math.ceil(Math.log(this.open()) / Math.log1p(-p));
    return Math.min(cap, Math.max(1, k));
  }

  /**
   * Successes among n trials of probability p. Exact by geometric jumps while the mean is small (O(result)),
   * normal approximation (rounded, clamped) once n·p·(1−p) > 30, where it is accurate to well under 1%.
   */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    const variance = n * p * (1 - p);
    if (variance > 30) {
      const u1 = this.open();
      const u2 = this.next();
      const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      return Math.min(n, Math.max(0, Math.round(n * p + z * Math.sqrt(variance))));
    }
    let count = 0;
    let pos = 0;
    const lq = Math.log1p(-p);
    for (;;) {
      pos += Math.ceil(Math.log(this.open()) / lq);
      if (pos > n) return count;
      count++;
    }
  }

  /** Uniform integer in [from, to] (both included). */
  int(from: number, to: number): number {
    return uniformInt(this.gen, from, to);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** Fisher–Yates, in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  /** Exponential waiting time with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.float()) * mean;
  }

  /** Poisson count (Knuth for small means, normal approximation for large ones). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.float();
    while (p > limit) {
      k++;
      p *= this.float();
    }
    return k;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Gamma(shape, 1) by Marsaglia and Tsang (2000); shapes below 1 through the boost Gamma(a+1)·U^(1/a). */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * (1 - this.float()) ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - this.float();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  }

  /** Beta(a, b) as Gamma(a) / (Gamma(a) + Gamma(b)). */
  beta(a: number, b: number): number {
    const x = this.gamma(a);
    const y = this.gamma(b);
    return x + y > 0 ? x / (x + y) : 0.5;
  }
}

/**
 * mulberry32: a tiny 32-bit generator as a plain function, for code whose randomness is a `() => number` (the
 * campaign tactics, synthetic test traffic). Kept beside SeededRandom rather than replaced by it so that every seed
 * keeps giving the sequences — and so the campaign results — it gave before.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
