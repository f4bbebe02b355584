/**
 * Lowd & Meek's active good-word attack ("Good Word Attacks on Statistical Spam Filters", CEAS 2005), for contrast
 * with the practical tactics. It needs to see a score per query:
 *
 * 1. take the blocked seed closest to the threshold (their "barely spam" pivot);
 * 2. query the pivot with each candidate word added (candidates: the words most frequent in the attacker's own
 *    benign mail — the campaign's benign set — else a ham word list) and rank words by how much they lower the score;
 * 3. for each seed, find by binary search the fewest top-ranked words that get it through, and check that the
 *    message is still valid (added words are visible, so the oracle's visible-addition limit applies).
 *
 * Reported: words added, queries per seed and per success, and the catalog's implementation hours.
 */
import {
  type InputContext,
  scoreDrop,
  scoreScaleOf,
  type Target,
  type TargetInput,
  type TargetVerdict,
} from '../../contracts/target.js';
import { rate } from '../measure.js';
import type { GoodWordBaseline } from '../result.js';
import { HAM_WORDS } from '../tactics/words/ham-words.js';
import type { ValidityOracle } from '../validity.js';
import { appendVisibleWords } from './add-words.js';

export interface GoodWordOptions {
  target: Target;
  /** Blocked seeds to attack, with their untouched scores. */
  seeds: TargetInput[];
  baselineScores: ReadonlyMap<string, number>;
  benign: readonly TargetInput[];
  candidates: number;
  maxWords: number;
  evades(v: TargetVerdict): boolean;
  contextFor(seedId: string, tag: string): InputContext;
  oracle: ValidityOracle;
  implementationHours: number;
  humanHoursPerSeed: number;
  signal?: AbortSignal;
}

const WORD = /\b[a-z]{3,15}\b/g;

/** The `limit` words in most benign messages' bodies (document frequency), ties by the word. */
export function frequentWords(messages: readonly TargetInput[], limit: number): string[] {
  const df = new Map<string, number>();
  for (const m of messages) {
    const sep = /\r?\n\r?\n/.exec(m.content);
    const body = (sep ? m.content.slice(sep.index) : m.content).replace(/<[^>]*>/g, ' ').toLowerCase();
    for (const w of new Set(body.match(WORD) ?? [])) df.set(w, (df.get(w) ?? 0) + 1);
  }
  return [...df.entries()]
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([w]) => w);
}

export async function goodWordAttack(o: GoodWordOptions): Promise<GoodWordBaseline> {
  let queries = 0;
  const ask = async (seedId: string, tag: string, content: string): Promise<TargetVerdict> => {
    queries++;
    return o.target.decide(
      { id: `${seedId}#gw-${tag}`, content, context: o.contextFor(seedId, `gw|${tag}`) },
      o.signal,
    );
  };
  const notes: string[] = [];
  const candidates = o.benign.length ? frequentWords(o.benign, o.candidates) : HAM_WORDS.slice(0, o.candidates);
  if (!o.benign.length) notes.push('no benign set: candidates from the built-in ham word list');
  // Rank on the seed closest to getting through: the least malicious-looking one, whatever the scale's direction.
  const scale = scoreScaleOf(o.target.info);
  const scored = o.seeds.filter((s) => o.baselineScores.has(s.id));
  const pivot = [...scored].sort((a, b) =>
    scoreDrop(scale, o.baselineScores.get(a.id)!, o.baselineScores.get(b.id)!),
  )[0];
  const ranked: Array<{ word: string; scoreDrop: number }> = [];
  if (pivot) {
    const before = o.baselineScores.get(pivot.id)!;
    for (const word of candidates) {
      const content = appendVisibleWords(pivot.content, [word]);
      if (content === null) break;
      const v = await ask(pivot.id, `rank-${word}`, content);
      const drop = v.score !== undefined ? scoreDrop(scale, before, v.score) : 0;
      if (drop > 0) ranked.push({ word, scoreDrop: drop });
    }
    ranked.sort((a, b) => b.scoreDrop - a.scoreDrop || (a.word < b.word ? -1 : 1));
  } else notes.push('no blocked seed with a score to use as the pivot');
  const rankingQueries = queries;
  const words = ranked.map((r) => r.word);
  const added: number[] = [];
  let successes = 0;
  for (const seed of o.seeds) {
    const max = Math.min(o.maxWords, words.length);
    if (max === 0) break;
    const attempt = async (k: number) => {
      const content = appendVisibleWords(seed.content, words.slice(0, k));
      if (content === null) return { content: null, evaded: false };
      return { content, evaded: o.evades(await ask(seed.id, `k${k}`, content)) };
    };
    const top = await attempt(max);
    if (!top.evaded) continue;
    let lo = 1;
    let hi = max;
    let best = top.content!;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const r = await attempt(mid);
      if (r.evaded) {
        hi = mid;
        best = r.content!;
      } else lo = mid + 1;
    }
    if (lo !== hi || best === null) continue;
    const verdict = await o.oracle.judge(seed, best, [{ id: 'model.good-word-attack', params: {} }]);
    if (verdict.valid) {
      successes++;
      added.push(lo);
    } else if (notes.length < 5)
      notes.push(`${seed.id}: evaded with ${lo} words but invalid (${verdict.reasons[0] ?? '?'})`);
  }
  const n = o.seeds.length;
  return {
    approach: 'good-word',
    catalogId: 'model.good-word-attack',
    knowledge: 'reads a score per query; a list of common benign words',
    seedsAttacked: n,
    evasion: rate(successes, n),
    queries: { total: queries, perSeed: n ? queries / n : 0, perSuccess: successes ? queries / successes : null },
    implementationHours: o.implementationHours,
    humanHoursPerSeed: o.humanHoursPerSeed,
    notes: [`${rankingQueries} queries ranked ${candidates.length} candidate words on the pivot`, ...notes],
    candidates: candidates.length,
    topWords: ranked.slice(0, 15),
    wordsAdded: {
      mean: added.length ? added.reduce((a, b) => a + b, 0) / added.length : null,
      max: added.length ? Math.max(...added) : null,
    },
  };
}
