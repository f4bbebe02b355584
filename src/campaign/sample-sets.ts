/**
 * Resolve a campaign's `seeds:` and `benign:` into messages: a deterministic pick from the reference corpus
 * (by default from the reference model's held-out test split, so a seed is never a message the model trained on), or
 * the user's own mail (.eml files, mbox files, Maildir folders) as exact bytes, with an exclude list and a sample.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
import { isSha256, readMail } from './samples/mail-folders.js';
import { selectMessages } from './samples/select.js';

export const DEFAULT_SEED_COUNT = 20;
export const DEFAULT_BENIGN_COUNT = 100;

export interface ResolvedSamples {
  samples: TargetInput[];
  /** A short description for reports ("20 spam with links from the corpus test split, seed 7"). */
  source: string;
  /** sha256 of each sample's bytes, by id (the user's mail). */
  sha256?: Map<string, string>;
  /** Messages the exclude list kept out. */
  excluded?: number;
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
  if (spec.files) return readUserMail(spec, baseDir, campaignSeed);
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

/**
 * The user's mail: read as exact bytes (see samples/mail-folders.ts), the exclude list applied, then the sample
 * drawn (samples/select.ts). The source line says what was excluded, dropped or ignored, so nothing goes silently.
 */
function readUserMail(spec: SampleSetSpec, baseDir: string, campaignSeed: number): ResolvedSamples {
  const paths = spec.files!;
  const index = readMail(paths, baseDir, { format: spec.format ?? 'auto', mbox: spec.mbox ?? 'mboxrd' });
  const exclude = readExcludes(spec.exclude ?? [], baseDir);
  const sel = selectMessages(index.messages, {
    exclude,
    ...(spec.count !== undefined && { count: spec.count }),
    sample: spec.sample ?? 'first',
    seed: spec.seed ?? campaignSeed,
  });
  const samples: TargetInput[] = sel.chosen.map((m) => ({ id: m.id, ...decodeContent(m.bytes) }));
  const formats = [...new Set(sel.chosen.map((m) => m.format))].sort().join('/');
  const parts = [`${samples.length} messages (${formats}) from ${paths.join(', ')}`];
  if (spec.count !== undefined) {
    const how = spec.sample ?? 'first';
    parts.push(
      how === 'stratified'
        ? `stratified over ${sel.strata!.length} sources (${sel.strata!.map((x) => `${x.stratum}: ${x.chosen}/${x.available}`).join(', ')}), seed ${spec.seed ?? campaignSeed}`
        : how === 'random'
          ? `a random pick, seed ${spec.seed ?? campaignSeed}`
          : `the first ${spec.count} by id`,
    );
  }
  if (exclude.size) parts.push(`${sel.excluded} excluded by the exclude list`);
  if (sel.unmatchedExcludes) parts.push(`${sel.unmatchedExcludes} exclude entries matched no message`);
  if (sel.duplicates) parts.push(`${sel.duplicates} byte-identical duplicates dropped`);
  if (index.ignored.length) parts.push(`${index.ignored.length} other files ignored (e.g. ${index.ignored[0]})`);
  const binary = samples.filter((x) => x.encoding === 'binary').length;
  if (binary) parts.push(`${binary} not UTF-8, sent as their exact bytes`);
  return {
    samples,
    source: parts.join('; '),
    sha256: new Map(sel.chosen.map((m) => [m.id, m.sha256])),
    excluded: sel.excluded,
  };
}

/** The exclude set: ids and (lower-cased) sha256 hashes, from the entries and the files they name. */
function readExcludes(entries: NonNullable<SampleSetSpec['exclude']>, baseDir: string): Set<string> {
  const out = new Set<string>();
  const add = (v: string) => out.add(isSha256(v) ? v.toLowerCase() : v);
  for (const e of entries) {
    if (typeof e === 'string') {
      add(e);
      continue;
    }
    const abs = resolve(baseDir, e.file);
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UserError(
        `cannot read the exclude file '${e.file}': ${code === 'ENOENT' ? `no such file (looked at ${abs})` : code}`,
      );
    }
    for (const line of text.split(/\r?\n/)) {
      const v = line.replace(/#.*$/, '').trim();
      if (v) add(v);
    }
  }
  return out;
}
