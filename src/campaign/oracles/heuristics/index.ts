/**
 * The simple heuristics, and which executable tactic each one defuses. `heuristicsFor(tacticId)` is what a report
 * or a campaign asks: "is there a cheap defence against this trick, and does it work on these samples?"
 */

import { readerView } from '../reader-view.js';
import { alternativeMismatchHeuristic } from './alternative-mismatch.js';
import { attachmentLinksHeuristic } from './attachment-links.js';
import { behaviourChangeHeuristic } from './behaviour-change.js';
import { brandLookalikeHostsHeuristic } from './brand-lookalike-hosts.js';
import { credentialLureHeuristic } from './credential-lure.js';
import { crossAccountClustersHeuristic } from './cross-account-clusters.js';
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

export const CONTENT_HEURISTICS: readonly ContentHeuristic[] = [
  obfuscatedCharactersHeuristic,
  markupSplitWordsHeuristic,
  hiddenTextHeuristic,
  nestedEncodingHeuristic,
  imageHeavyHeuristic,
  attachmentLinksHeuristic,
  alternativeMismatchHeuristic,
  credentialLureHeuristic,
  ipLiteralHostsHeuristic,
  brandLookalikeHostsHeuristic,
  redirectHopsHeuristic,
  hostedPagesHeuristic(),
];

export const STREAM_HEURISTICS: readonly StreamHeuristic[] = [
  youngSenderHeuristic,
  observedAgeHeuristic(),
  crossAccountClustersHeuristic(),
  longWindowVolumeHeuristic(),
  behaviourChangeHeuristic,
  feedbackCapHeuristic(),
];

export const HEURISTICS: readonly Heuristic[] = [...CONTENT_HEURISTICS, ...STREAM_HEURISTICS];

/** The heuristics that defuse a tactic (empty when none is known). */
export function heuristicsFor(tacticId: string): Heuristic[] {
  return HEURISTICS.filter((h) => h.defuses.includes(tacticId));
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
