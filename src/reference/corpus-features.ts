/**
 * The feature tokens of every corpus message under one preprocessing configuration, cached on disk. Extracting
 * 6,046 messages costs seconds (MIME parsing dominates); every model, split and seed reuses the same tokens, so
 * this is the cache that makes training and evaluation fast after the first run.
 */
import { trainingCodeVersion } from './code-version.js';
import { corpusFingerprint, loadCorpus } from './corpus.js';
import { DiskCache } from './disk-cache.js';
import { extractMany } from './extraction-pool.js';
import type { ExtractionOptions } from './pipeline/extract.js';

/** Corpus message id → feature tokens. */
export type CorpusFeatures = ReadonlyMap<string, readonly string[]>;

export interface CorpusFeaturesOptions {
  /** Use the disk cache (default true). */
  cache?: boolean;
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

const memo = new Map<string, CorpusFeatures>();
/** Features of single messages extracted outside a full-corpus pass (sampled training), per extraction key. */
const partial = new Map<string, Map<string, readonly string[]>>();

export function extractionKey(extraction: ExtractionOptions): string {
  return [
    corpusFingerprint(),
    `code:${trainingCodeVersion()}`,
    `confusables:${extraction.normalizeConfusables}`,
    `hidden:${extraction.stripHiddenText}`,
    `nested:${extraction.decodeNestedEncodings}`,
    `html:${extraction.readHtml}`,
  ].join('|');
}

export async function loadCorpusFeatures(
  extraction: ExtractionOptions,
  options: CorpusFeaturesOptions = {},
): Promise<CorpusFeatures> {
  const key = extractionKey(extraction);
  const known = memo.get(key);
  if (known) return known;
  const cache = options.cache === false ? undefined : new DiskCache();
  const stored = cache?.read<Record<string, string[]>>('features', key);
  let features: CorpusFeatures;
  if (stored) {
    features = new Map(Object.entries(stored));
  } else {
    const corpus = loadCorpus();
    const extracted = await extractMany(
      corpus.map((m) => m.raw),
      extraction,
      { workers: options.workers, onProgress: options.onProgress },
    );
    features = new Map(corpus.map((m, i) => [m.id, (extracted[i] as { tokens: string[] }).tokens]));
    cache?.write('features', key, Object.fromEntries(features));
  }
  memo.set(key, features);
  return features;
}

/**
 * The tokens of some corpus messages. Uses the full-corpus features when they are in memory or on disk; otherwise
 * extracts only the messages asked for, so a sampled model never pays for the whole corpus.
 */
export async function corpusTokensFor(
  extraction: ExtractionOptions,
  ids: readonly string[],
  options: CorpusFeaturesOptions = {},
): Promise<CorpusFeatures> {
  const key = extractionKey(extraction);
  const full = memo.get(key);
  if (full) return full;
  if (ids.length >= loadCorpus().length || (options.cache !== false && new DiskCache().has('features', key))) {
    return loadCorpusFeatures(extraction, options);
  }
  let known = partial.get(key);
  if (!known) {
    known = new Map();
    partial.set(key, known);
  }
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length) {
    const byId = new Map(loadCorpus().map((m) => [m.id, m.raw]));
    const raws = missing.map((id) => {
      const raw = byId.get(id);
      if (raw === undefined) throw new Error(`no corpus message ${id}`);
      return raw;
    });
    const extracted = await extractMany(raws, extraction, { workers: options.workers, onProgress: options.onProgress });
    for (const [i, id] of missing.entries()) known.set(id, (extracted[i] as { tokens: string[] }).tokens);
  }
  return known;
}
