/**
 * 64-bit simhash (Charikar) over word shingles: near-identical messages get fingerprints a few bits apart, which
 * is how the bulk-detector recognises one template sent many times. The fingerprint is logged as the
 * `templateHash` (16 hex characters) so trace miners can cluster templates too.
 */
import { murmur32, popcount32 } from '../../util/hash.js';

/** A 64-bit fingerprint as two unsigned 32-bit halves (bit operations on numbers stay fast and exact). */
export interface Fingerprint {
  hi: number;
  lo: number;
}

export const SHINGLE_SIZE = 3;
/** Long messages are fingerprinted by their first words; templates differ early, and the cost stays bounded. */
const MAX_WORDS = 2000;

export function simhash64(words: readonly string[], shingleSize = SHINGLE_SIZE): Fingerprint {
  const n = Math.min(words.length, MAX_WORDS);
  if (n === 0) return { hi: 0, lo: 0 };
  // Hash each word once (two independent 32-bit hashes); a shingle's hash mixes its words' hashes by position.
  const wordHi = new Int32Array(n);
  const wordLo = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    wordHi[i] = murmur32(words[i] as string, 0x9747b28c);
    wordLo[i] = murmur32(words[i] as string, 0x2f0e1d3b);
  }
  const size = Math.min(shingleSize, n);
  const counts = new Int32Array(64);
  for (let i = 0; i + size <= n; i++) {
    let hi = 0;
    let lo = 0;
    for (let k = 0; k < size; k++) {
      hi = Math.imul(hi ^ (wordHi[i + k] as number), 0x01000193) + k;
      lo = Math.imul(lo ^ (wordLo[i + k] as number), 0x5bd1e995) + k;
    }
    hi = finalMix(hi);
    lo = finalMix(lo);
    for (let b = 0; b < 32; b++) {
      counts[b] = (counts[b] as number) + (((hi >>> b) & 1) << 1) - 1;
      counts[b + 32] = (counts[b + 32] as number) + (((lo >>> b) & 1) << 1) - 1;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if ((counts[b] as number) > 0) hi |= 1 << b;
    if ((counts[b + 32] as number) > 0) lo |= 1 << b;
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

/** murmur3's avalanche step: every input bit affects every output bit. */
function finalMix(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

export function hammingDistance(a: Fingerprint, b: Fingerprint): number {
  return popcount32(a.hi ^ b.hi) + popcount32(a.lo ^ b.lo);
}

export function fingerprintToHex(f: Fingerprint): string {
  return f.hi.toString(16).padStart(8, '0') + f.lo.toString(16).padStart(8, '0');
}

export function fingerprintFromHex(hex: string): Fingerprint {
  if (!/^[0-9a-f]{16}$/i.test(hex)) throw new Error(`not a 64-bit hex fingerprint: ${hex}`);
  return { hi: Number.parseInt(hex.slice(0, 8), 16) >>> 0, lo: Number.parseInt(hex.slice(8), 16) >>> 0 };
}
