/**
 * The simple heuristics, by id. Which tactic each one defuses is said by the tactic (`defusedBy` in its definition,
 * src/campaign/tactics); `heuristicsFor(tacticId)` is what a report or a campaign asks: "is there a cheap defence
 * against this trick, and does it work on these samples?"
 */

import { getTacticDefinition } from '../../tactics/index.js';
import { readerView } from '../reader-view.js';
import { alternativeMismatchHeuristic } from './alternative-mismatch.js';
import { attachmentLinksHeuristic } from './attachment-links.js';
import { behaviourChangeHeuristic } from './behaviour-change.js';
import { brandLookalikeHostsHeuristic } from './brand-lookalike-hosts.js';
import { credentialLureHeuristic } from './credential-lure.js';
import { crossAccountClustersHeuristic } from './cross-account-clusters.js';
import { digitSubstitutionHeuristic } from './digit-substitution.js';
import { feedbackCapHeuristic } from './feedback-cap.js';
import { hiddenTextHeuristic } from './hidden-text.js';
import { hostedPagesHeuristic } from './hosted-pages.js';
import { imageHeavyHeuristic } from './image-heavy.js';
import { ipLiteralHostsHeuristic } from './ip-literal-hosts.js';
import { longWindowVolumeHeuristic } from './long-window-volume.js';
import { markupSplitWordsHeuristic } from './markup-split-words.js';
import { nestedEncodingHeuristic } from './nested-encoding.js';
import { obfuscatedCharactersHeuristic } from './obfuscated-characters.js';
import { observedAgeHeuristic } from './observed-age.js';
import { redirectHopsHeuristic } from './redirect-hops.js';
import type { ContentHeuristic, Finding, Heuristic, HeuristicContext, StreamHeuristic } from './types.js';
import { youngSenderHeuristic } from './young-sender.js';

/**
 * Every simple heuristic by id, in the order reports list them (content heuristics first). A tactic names the ones
 * that defuse it in its own definition (`defusedBy`); the registry self-check test rejects a claimed heuristic
 * that does not exist. The factories' default policies are what the registry holds.
 */
export const HEURISTICS = {
  'heuristic.obfuscated-characters': obfuscatedCharactersHeuristic,
  'heuristic.digit-substitution': digitSubstitutionHeuristic(),
  'heuristic.markup-split-words': markupSplitWordsHeuristic,
  'heuristic.hidden-text': hiddenTextHeuristic,
  'heuristic.nested-encoding': nestedEncodingHeuristic,
  'heuristic.image-heavy': imageHeavyHeuristic,
  'heuristic.attachment-links': attachmentLinksHeuristic,
  'heuristic.alternative-mismatch': alternativeMismatchHeuristic,
  'heuristic.credential-lure': credentialLureHeuristic,
  'heuristic.ip-literal-hosts': ipLiteralHostsHeuristic,
  'heuristic.brand-lookalike-hosts': brandLookalikeHostsHeuristic,
  'heuristic.redirect-hops': redirectHopsHeuristic,
  'heuristic.hosted-pages': hostedPagesHeuristic(),
  'heuristic.young-sender': youngSenderHeuristic,
  'heuristic.observed-age': observedAgeHeuristic(),
  'heuristic.cross-account-clusters': crossAccountClustersHeuristic(),
  'heuristic.long-window-volume': longWindowVolumeHeuristic(),
  'heuristic.behaviour-change': behaviourChangeHeuristic,
  'heuristic.feedback-cap': feedbackCapHeuristic(),
} as const satisfies Record<string, Heuristic>;

export type HeuristicName = keyof typeof HEURISTICS;

const ALL: readonly Heuristic[] = Object.values(HEURISTICS);

export const CONTENT_HEURISTICS: readonly ContentHeuristic[] = ALL.filter(
  (h): h is ContentHeuristic => h.kind === 'content',
);

export const STREAM_HEURISTICS: readonly StreamHeuristic[] = ALL.filter(
  (h): h is StreamHeuristic => h.kind === 'stream',
);

/** The heuristic with this id, if there is one. */
export function getHeuristic(id: string): Heuristic | undefined {
  return Object.hasOwn(HEURISTICS, id) ? HEURISTICS[id as HeuristicName] : undefined;
}

/** The heuristics that defuse a tactic, as its definition names them (empty for an unknown id). */
export function heuristicsFor(tacticId: string): Heuristic[] {
  return (getTacticDefinition(tacticId)?.defusedBy ?? []).flatMap((id) => getHeuristic(id) ?? []);
}

export { type BrandProtection, brandLookalike, DEFAULT_BRAND_PROTECTION } from './brand-lookalike-hosts.js';
export { type ClusterPolicy, crossAccountClustersHeuristic, DEFAULT_CLUSTER_POLICY } from './cross-account-clusters.js';
export { DEFAULT_FEEDBACK_CAP, type FeedbackCapPolicy, feedbackCapHeuristic } from './feedback-cap.js';
export { hostedPagesHeuristic } from './hosted-pages.js';
export { DEFAULT_LONG_WINDOW, type LongWindowPolicy, longWindowVolumeHeuristic } from './long-window-volume.js';
export { observedAgeHeuristic } from './observed-age.js';
export { finalDestinations } from './redirect-hops.js';
export type {
  ContentHeuristic,
  Finding,
  Heuristic,
  HeuristicContext,
  StreamFinding,
  StreamHeuristic,
} from './types.js';

/** Run content heuristics on one raw message (its reader view computed once). */
export async function inspectMessage(
  raw: string,
  ctx: HeuristicContext,
  heuristics: readonly ContentHeuristic[] = CONTENT_HEURISTICS,
): Promise<Array<{ id: string; finding: Finding }>> {
  const view = await readerView(raw);
  return heuristics.map((h) => ({ id: h.id, finding: h.inspect(raw, view, ctx) }));
}
