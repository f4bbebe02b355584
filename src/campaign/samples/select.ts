/**
 * Which of the user's messages become seeds: drop the excluded ones (ids or sha256 hashes, e.g. the target's
 * training set) and exact duplicates, then take all, the first `count` by id, a seeded random `count`, or a seeded
 * stratified `count`.
 *
 * Stratified: the strata are the sources the messages came from (a message file's folder, an mbox file, a Maildir
 * folder). Each stratum gets `count × its size / total` messages, rounded down; the messages still missing go one
 * each to the strata with the largest remainders (ties: stratum name order). Within a stratum the pick is a seeded
 * shuffle (the seed forked by the stratum's name), so adding a folder does not change the pick from the others.
 */
import { UserError } from '../../util/errors.js';
import { SeededRandom } from '../../util/random.js';
import type { MailMessage } from './mail-folders.js';

export type SampleMode = 'first' | 'random' | 'stratified';

export interface Selection {
  chosen: MailMessage[];
  /** Messages dropped because the exclude list names their id or hash. */
  excluded: number;
  /** Exclude entries that matched no message (a typo, or a message not under these paths). */
  unmatchedExcludes: number;
  /** Messages dropped as byte-identical copies of an earlier one (same sha256). */
  duplicates: number;
  /** Messages per stratum in the pick (stratified only). */
  strata?: Array<{ stratum: string; available: number; chosen: number }>;
}

export function selectMessages(
  all: readonly MailMessage[],
  options: { exclude: ReadonlySet<string>; count?: number; sample: SampleMode; seed: number },
): Selection {
  const sorted = [...all].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const matched = new Set<string>();
  const kept: MailMessage[] = [];
  const hashes = new Set<string>();
  let excluded = 0;
  let duplicates = 0;
  for (const m of sorted) {
    const byId = options.exclude.has(m.id);
    const byHash = options.exclude.has(m.sha256);
    if (byId || byHash) {
      if (byId) matched.add(m.id);
      if (byHash) matched.add(m.sha256);
      excluded++;
      continue;
    }
    if (hashes.has(m.sha256)) {
      duplicates++;
      continue;
    }
    hashes.add(m.sha256);
    kept.push(m);
  }
  const base = { excluded, unmatchedExcludes: options.exclude.size - matched.size, duplicates };
  const count = options.count;
  if (count === undefined) return { chosen: kept, ...base };
  if (count > kept.length) {
    throw new UserError(
      `only ${kept.length} messages are left (after ${excluded} excluded and ${duplicates} duplicates) but count asks for ${count}; lower the count`,
    );
  }
  const byId = (a: MailMessage, b: MailMessage) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  if (options.sample === 'first') return { chosen: kept.slice(0, count), ...base };
  const rng = new SeededRandom(options.seed);
  if (options.sample === 'random') {
    return {
      chosen: rng
        .fork('sample')
        .shuffle([...kept])
        .slice(0, count)
        .sort(byId),
      ...base,
    };
  }
  const strata = new Map<string, MailMessage[]>();
  for (const m of kept) {
    const list = strata.get(m.stratum) ?? [];
    list.push(m);
    strata.set(m.stratum, list);
  }
  const names = [...strata.keys()].sort();
  const quotas = names.map((name) => {
    const exact = (count * strata.get(name)!.length) / kept.length;
    return { name, quota: Math.floor(exact), remainder: exact - Math.floor(exact) };
  });
  let missing = count - quotas.reduce((s, q) => s + q.quota, 0);
  for (const q of [...quotas].sort((a, b) => b.remainder - a.remainder || (a.name < b.name ? -1 : 1))) {
    if (missing <= 0) break;
    q.quota++;
    missing--;
  }
  const chosen: MailMessage[] = [];
  const report: NonNullable<Selection['strata']> = [];
  for (const q of quotas) {
    const list = strata.get(q.name)!;
    chosen.push(
      ...rng
        .fork(`stratum|${q.name}`)
        .shuffle([...list])
        .slice(0, q.quota),
    );
    report.push({ stratum: q.name, available: list.length, chosen: q.quota });
  }
  return { chosen: chosen.sort(byId), ...base, strata: report };
}
