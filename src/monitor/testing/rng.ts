/** The draws the synthetic traffic needs, over util/random's mulberry32. Same seed ⇒ same sequence. */
import { mulberry32 } from '../../util/random.js';

export class Rng {
  /** Uniform in [0, 1). */
  readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed >>> 0 || 0x9e3779b9);
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new RangeError('pick from an empty list');
    return xs[this.int(xs.length)] as T;
  }

  /** Standard normal (Box–Muller). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** 16 lowercase hex characters. */
  hex16(): string {
    let s = '';
    for (let i = 0; i < 2; i++) s += (this.int(0x100000000) >>> 0).toString(16).padStart(8, '0');
    return s;
  }
}
