/**
 * The feature space: which tokens the model knows (its vocabulary) and their column numbers. Built from training
 * documents by document frequency, deterministically (ties broken by the token itself).
 */

export interface FeatureSpace {
  readonly vocabulary: readonly string[];
  readonly index: ReadonlyMap<string, number>;
}

export interface FeatureSpaceOptions {
  /** A token must occur in at least this many training documents. */
  minDocumentFrequency: number;
  /** Keep at most this many tokens (the most frequent). */
  maxFeatures: number;
}

export function buildFeatureSpace(docs: readonly (readonly string[])[], options: FeatureSpaceOptions): FeatureSpace {
  const df = new Map<string, number>();
  for (const doc of docs) for (const token of doc) df.set(token, (df.get(token) ?? 0) + 1);
  const kept = [...df.entries()]
    .filter(([, n]) => n >= options.minDocumentFrequency)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, options.maxFeatures)
    .map(([token]) => token)
    .sort();
  return featureSpaceOf(kept);
}

export function featureSpaceOf(vocabulary: readonly string[]): FeatureSpace {
  return { vocabulary, index: new Map(vocabulary.map((t, i) => [t, i])) };
}

/** Column numbers of the known tokens of a document, ascending and unique. */
export function featurize(space: FeatureSpace, tokens: readonly string[]): Int32Array {
  const cols: number[] = [];
  for (const t of tokens) {
    const j = space.index.get(t);
    if (j !== undefined) cols.push(j);
  }
  const out = Int32Array.from(new Set(cols));
  return out.sort();
}
