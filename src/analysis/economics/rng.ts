/**
 * Seeded random numbers for the simulation: xoroshiro128+ from pure-rand (the same generator the model generator
 * uses), plus the two samplers the campaign model needs. Same seed, same numbers, on every platform.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

export class Rng {
  private readonly gen: RandomGenerator;
  constructor(seed: number) {
    this.gen = xoroshiro128plus(seed | 0);
  }
  /** Uniform in [0, 1). */
  next(): number {
    return (this.gen.next() >>> 0) / 4294967296;
  }
  /** Uniform in (0, 1]: safe under log(). */
  open(): number {
    return 1 - this.next();
  }
  /** Attempts until the first success, each succeeding with probability p (≥ 1). Inverse transform: O(1). */
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
}
