/**
 * Small helpers over the contract's `Rng` (a seeded source in [0,1)). Tactics draw randomness only through these,
 * so the same seed always gives the same transformed sample. `createRng` is a seeded generator for tests, seed
 * pickers and callers that have no Rng of their own (mulberry32 from util/random: tiny, fast, good enough for choosing letters).
 */
import { mulberry32 } from '../../util/random.js';
import type { Rng } from './types.js';

export function createRng(seed: number): Rng {
  return mulberry32(seed);
}

/** Uniform integer in [from, to] (both included). */
export function randInt(rng: Rng, from: number, to: number): number {
  return from + Math.floor(rng() * (to - from + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.min(items.length - 1, Math.floor(rng() * items.length))] as T;
}

export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

/** Fisher–Yates on a copy. */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randInt(rng, 0, i);
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}

/** `count` distinct items (all of them when count ≥ length), in random order. */
export function sample<T>(rng: Rng, items: readonly T[], count: number): T[] {
  return shuffled(rng, items).slice(0, Math.max(0, count));
}

export { fnv1a } from '../../util/hash.js';
