/**
 * A time-windowed index of simhash fingerprints that answers "which recent messages are within Hamming radius r
 * of this one?" without scanning everything. Pigeonhole: split the 64 bits into r + 1 bands; two fingerprints
 * at most r bits apart agree exactly on at least one band, so only messages sharing a band value are compared.
 */
import { type Fingerprint, hammingDistance } from '../pipeline/simhash.js';

export interface IndexedTemplate {
  at: number;
  sender: string;
  fingerprint: Fingerprint;
}

export class TemplateIndex {
  private entries: IndexedTemplate[] = [];
  private buckets = new Map<string, number[]>();
  private readonly bands: number;
  private insertsSinceCompaction = 0;
  /** Inserts between compactions: at least 5,000, and at least as many as were kept last time (see compact). */
  private compactEvery = MIN_COMPACT_EVERY;

  constructor(
    readonly radius: number,
    readonly windowMs: number,
  ) {
    if (!Number.isInteger(radius) || radius < 0 || radius > 15)
      throw new Error(`hamming radius must be 0..15, got ${radius}`);
    this.bands = radius + 1;
  }

  /** Entries in (now − window, now] within the radius of `fingerprint`. */
  near(fingerprint: Fingerprint, now: number): IndexedTemplate[] {
    const seen = new Set<number>();
    const out: IndexedTemplate[] = [];
    for (let band = 0; band < this.bands; band++) {
      for (const i of this.buckets.get(this.bandKey(fingerprint, band)) ?? []) {
        if (seen.has(i)) continue;
        seen.add(i);
        const e = this.entries[i] as IndexedTemplate;
        if (e.at > now - this.windowMs && e.at <= now && hammingDistance(e.fingerprint, fingerprint) <= this.radius)
          out.push(e);
      }
    }
    return out;
  }

  add(entry: IndexedTemplate): void {
    this.insert(entry);
    if (++this.insertsSinceCompaction >= this.compactEvery) this.compact(entry.at);
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Drop entries older than the window (relative to `now`) and rebuild the buckets. The kept entries are put back
   * without counting as inserts (counting them once re-entered compact without end when ≥ 5,000 entries were
   * inside the window), and the next compaction waits for as many inserts as were kept, so a busy window costs
   * O(1) per insert rather than a rebuild every 5,000.
   */
  compact(now: number): void {
    const keep = this.entries.filter((e) => e.at > now - this.windowMs);
    this.entries = [];
    this.buckets = new Map();
    for (const e of keep) this.insert(e);
    this.insertsSinceCompaction = 0;
    this.compactEvery = Math.max(MIN_COMPACT_EVERY, keep.length);
  }

  private insert(entry: IndexedTemplate): void {
    const i = this.entries.length;
    this.entries.push(entry);
    for (let band = 0; band < this.bands; band++) {
      const key = this.bandKey(entry.fingerprint, band);
      const bucket = this.buckets.get(key);
      if (bucket) bucket.push(i);
      else this.buckets.set(key, [i]);
    }
  }

  private bandKey(f: Fingerprint, band: number): string {
    // Bits 0–31 are `lo`, 32–63 are `hi`.
    const start = Math.floor((64 * band) / this.bands);
    const end = Math.floor((64 * (band + 1)) / this.bands);
    const loPart = start < 32 ? (f.lo >>> start) & mask(Math.min(end, 32) - start) : 0;
    const hiPart = end > 32 ? (f.hi >>> Math.max(start - 32, 0)) & mask(end - Math.max(start, 32)) : 0;
    return `${band}:${loPart >>> 0}:${hiPart >>> 0}`;
  }
}

const MIN_COMPACT_EVERY = 5000;

function mask(width: number): number {
  return width >= 32 ? 0xffffffff : (1 << width) - 1;
}
