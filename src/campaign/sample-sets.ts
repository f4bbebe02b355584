/**
 * Resolve a campaign's `seeds:` and `benign:` into messages: a deterministic pick from the reference corpus
 * (by default from the reference model's held-out test split, so a seed is never a message the model trained on), or
 * `.eml` files and directories of them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { decodeContent } from '../contracts/input-bytes.js';
import type { TargetInput } from '../contracts/target.js';
import {
  CORPUS_GROUPS,
  type CorpusGroup,
  type CorpusMessage,
  corpusDataDir,
  DEFAULT_SPLIT,
  labelOfGroup,
  splitCorpus,
} from '../reference/corpus.js';
import { UserError } from '../util/errors.js';
import type { SampleSetSpec } from './file.js';
import { pickBenignSet, pickMaliciousSeeds } from './samples/corpus.js';

export const DEFAULT_SEED_COUNT = 20;
export const DEFAULT_BENIGN_COUNT = 100;

export interface ResolvedSamples {
  samples: TargetInput[];
  /** A short description for reports ("20 spam with links from the corpus test split, seed 7"). */
  source: string;
}

let splitIds: { train: Set<string>; test: Set<string> } | undefined;

/**
 * The reference model's default split, computed from the corpus file list (ids and labels only: the split needs
 * nothing else, so no message is read).
 */
function referenceSplit(): { train: Set<string>; test: Set<string> } {
  if (!splitIds) {
    const files = JSON.parse(readFileSync(join(corpusDataDir(), 'file_list.json'), 'utf8')) as string[];
    const messages: CorpusMessage[] = files.map((f) => {
      const [group, name] = f.split('/') as [CorpusGroup, string];
      if (!CORPUS_GROUPS.includes(group)) throw new Error(`unexpected corpus group ${group}`);
      return { id: `${group}/${name.split('.')[0]}`, group, label: labelOfGroup(group), raw: '' };
    });
    const { train, test } = splitCorpus(messages, DEFAULT_SPLIT);
    splitIds = { train: new Set(train.map((m) => m.id)), test: new Set(test.map((m) => m.id)) };
  }
  return splitIds;
}

export function resolveSampleSet(
  spec: SampleSetSpec,
  role: 'seeds' | 'benign',
  campaignSeed: number,
  baseDir: string,
): ResolvedSamples {
  if (spec.files) return readEmlFiles(spec.files, baseDir, spec.count);
  const corpus = spec.corpus!;
  const count = spec.count ?? (role === 'seeds' ? DEFAULT_SEED_COUNT : DEFAULT_BENIGN_COUNT);
  const seed = spec.seed ?? campaignSeed;
  const split = referenceSplit();
  const exclude =
    spec.split === 'test' ? split.train : spec.split === 'train' ? split.test : (undefined as Set<string> | undefined);
  const samples =
    corpus === 'spam'
      ? pickMaliciousSeeds({ seed, count, ...(exclude ? { exclude } : {}) })
      : pickBenignSet({ seed, count, ...(exclude ? { exclude } : {}) });
  if (samples.length < count) {
    throw new UserError(`only ${samples.length} ${corpus} messages match (asked for ${count}); lower the count`);
  }
  const what = corpus === 'spam' ? 'spam messages with links' : 'ham messages';
  const where = spec.split === 'all' ? 'the whole corpus' : `the reference ${spec.split} split`;
  return { samples, source: `${samples.length} ${what} from ${where} (SpamAssassin corpus, seed ${seed})` };
}

function readEmlFiles(paths: readonly string[], baseDir: string, count?: number): ResolvedSamples {
  const files: string[] = [];
  for (const p of paths) {
    const abs = resolve(baseDir, p);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(abs);
    } catch {
      throw new UserError(`sample path '${p}' not found (looked at ${abs})`);
    }
    if (st.isDirectory()) files.push(...walk(abs).filter((f) => /\.(eml|txt|msg)$/i.test(f)));
    else files.push(abs);
  }
  const unique = [...new Set(files)].sort();
  if (unique.length === 0) throw new UserError(`no .eml files under ${paths.join(', ')}`);
  const chosen = count !== undefined ? unique.slice(0, count) : unique;
  const samples = chosen.map((f) => ({
    id: relative(baseDir, f).split('\\').join('/'),
    ...decodeContent(readFileSync(f)),
  }));
  return { samples, source: `${samples.length} message files (${paths.join(', ')})` };
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}
