/**
 * The mail the simulator draws from: the model's *test* split (production mail is mail the model never trained
 * on), grouped by corpus group so drift can shift between the early (`*-1`) and late (`*-2`, hard-ham) groups,
 * plus the "good words" a spammer pads messages with — words common in ordinary mail and rare in spam, as anyone
 * with a public ham corpus can find.
 */

import type { SeededRandom } from '../../util/random.js';
import { type CorpusGroup, type CorpusMessage, loadCorpus } from '../corpus.js';
import { type CorpusFeatures, corpusTokensFor } from '../corpus-features.js';
import { labelOfId, type TrainedReferenceModel } from '../training.js';
import { simpleBodyKind, splitMessage } from './mail-format.js';

/** Larger messages (attachments) would only bloat the logs. */
const MAX_RAW_CHARS = 32_000;
const GOOD_WORDS = 400;

export interface MessagePools {
  byGroup: Record<CorpusGroup, CorpusMessage[]>;
  /** Test-split spam whose body the simulator can edit safely (one un-encoded text or HTML part). */
  editableSpam: CorpusMessage[];
  goodWords: string[];
}

export async function buildPools(trained: TrainedReferenceModel): Promise<MessagePools> {
  const test = new Set(trained.testIds);
  const messages = loadCorpus().filter((m) => test.has(m.id) && m.raw.length <= MAX_RAW_CHARS);
  const byGroup = { 'easy-ham-1': [], 'easy-ham-2': [], 'hard-ham-1': [], 'spam-1': [], 'spam-2': [] } as Record<
    CorpusGroup,
    CorpusMessage[]
  >;
  for (const m of messages) byGroup[m.group].push(m);
  const editableSpam = messages.filter((m) => m.label === 'spam' && simpleBodyKind(splitMessage(m.raw)) !== undefined);
  const features = await corpusTokensFor(trained.extraction, trained.trainIds);
  return { byGroup, editableSpam, goodWords: goodWordsFrom(features, trained.trainIds) };
}

function goodWordsFrom(features: CorpusFeatures, trainIds: readonly string[]): string[] {
  const ham = new Map<string, number>();
  const spam = new Map<string, number>();
  let nHam = 0;
  let nSpam = 0;
  for (const id of trainIds) {
    const isSpam = labelOfId(id) === 'spam';
    isSpam ? nSpam++ : nHam++;
    const counts = isSpam ? spam : ham;
    for (const t of features.get(id) ?? []) if (/^[a-z]{4,10}$/.test(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...ham.entries()]
    .map(([w, n]) => ({ w, margin: n / nHam - 3 * ((spam.get(w) ?? 0) / Math.max(1, nSpam)) }))
    .filter((x) => x.margin > 0.01)
    .sort((a, b) => b.margin - a.margin || (a.w < b.w ? -1 : 1))
    .slice(0, GOOD_WORDS)
    .map((x) => x.w);
}

const EARLY_HAM: CorpusGroup[] = ['easy-ham-1'];
const LATE_HAM: CorpusGroup[] = ['easy-ham-2', 'hard-ham-1'];

/**
 * A ham message. `drift` undefined: all groups mixed at their natural sizes (stationary). `drift` = w in [0, 1]:
 * with probability 1 − w from the early group, else from the late ones.
 */
export function drawHam(pools: MessagePools, rng: SeededRandom, drift: number | undefined): CorpusMessage {
  const groups = drift === undefined ? [...EARLY_HAM, ...LATE_HAM] : rng.chance(drift) ? LATE_HAM : EARLY_HAM;
  return drawFrom(pools, groups, rng);
}

export function drawSpam(pools: MessagePools, rng: SeededRandom, drift: number | undefined): CorpusMessage {
  const groups: CorpusGroup[] =
    drift === undefined ? ['spam-1', 'spam-2'] : rng.chance(drift) ? ['spam-2'] : ['spam-1'];
  return drawFrom(pools, groups, rng);
}

function drawFrom(pools: MessagePools, groups: readonly CorpusGroup[], rng: SeededRandom): CorpusMessage {
  const total = groups.reduce((n, g) => n + pools.byGroup[g].length, 0);
  if (total === 0) throw new Error(`no test messages in groups ${groups.join(', ')}`);
  let k = rng.int(0, total - 1);
  for (const g of groups) {
    const list = pools.byGroup[g];
    if (k < list.length) return list[k] as CorpusMessage;
    k -= list.length;
  }
  throw new Error('unreachable');
}
