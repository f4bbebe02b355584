/**
 * The executable tactics: every practical move a campaign can run, each with the id of the catalog tactic it
 * implements (src/catalog), so a campaign reads predicted costs and ATLAS ids from the catalog and calibrates them
 * with what it measured. Content tactics rewrite one sample; stream tactics reshape how samples are sent.
 *
 * URL tactics record the infrastructure they simulate (redirect hops, look-alike domains, DNS answers) in a
 * RedirectRegistry so the validity oracle can follow a click. `EXECUTABLE_TACTICS` share the process-wide default
 * registry; a campaign that wants isolation and exact replay builds its own set with
 * `createExecutableTactics({ registry })` and judges validity with the same registry.
 */
import { DEFAULT_REDIRECT_REGISTRY, type RedirectRegistry } from '../oracles/redirect-registry.js';
import { brandNameRemovalTactic } from './mail/brand-name-removal.js';
import { confusableCharactersTactic } from './mail/confusable-characters.js';
import { hiddenGoodWordsTactic } from './mail/hidden-good-words.js';
import { htmlCommentWordSplitTactic } from './mail/html-comment-word-split.js';
import { linkInAttachmentTactic } from './mail/link-in-attachment.js';
import { mimeReencodingTactic } from './mail/mime-reencoding.js';
import { multipartAlternativeMismatchTactic } from './mail/multipart-alternative-mismatch.js';
import { textAsImageTactic } from './mail/text-as-image.js';
import { zeroWidthCharactersTactic } from './mail/zero-width-characters.js';
import { STREAM_TACTICS } from './stream/index.js';
import type { ExecutableTactic } from './types.js';
import { createCombosquattingTactic } from './url/combosquatting.js';
import { createNumericIpTactic } from './url/numeric-ip.js';
import { createPunycodeLookalikeTactic } from './url/punycode-lookalike.js';
import { createRedirectChainTactic } from './url/redirect-chain.js';
import { createSubdomainTricksTactic } from './url/subdomain-tricks.js';
import { createTrustedHostAbuseTactic } from './url/trusted-host-abuse.js';

export interface ExecutableTacticOptions {
  /** Where URL tactics record simulated redirects, domains and DNS answers (default: the shared registry). */
  registry?: RedirectRegistry;
}

/** A full set of executable tactics; URL tactics bound to `registry`. */
export function createExecutableTactics(options: ExecutableTacticOptions = {}): readonly ExecutableTactic[] {
  const registry = options.registry ?? DEFAULT_REDIRECT_REGISTRY;
  return [
    // input transformations
    confusableCharactersTactic,
    zeroWidthCharactersTactic,
    // layout: mail, MIME, HTML
    hiddenGoodWordsTactic,
    htmlCommentWordSplitTactic,
    textAsImageTactic,
    mimeReencodingTactic,
    multipartAlternativeMismatchTactic,
    brandNameRemovalTactic,
    linkInAttachmentTactic,
    // layout: links
    createRedirectChainTactic(registry),
    createPunycodeLookalikeTactic(registry),
    createCombosquattingTactic(registry),
    createSubdomainTricksTactic(registry),
    createNumericIpTactic(registry),
    createTrustedHostAbuseTactic(registry),
    // access, automation, activity, feedback: how the samples are sent
    ...STREAM_TACTICS,
  ];
}

export const EXECUTABLE_TACTICS: readonly ExecutableTactic[] = createExecutableTactics();

const BY_ID = new Map(EXECUTABLE_TACTICS.map((t) => [t.id, t]));

export function getExecutableTactic(id: string): ExecutableTactic | undefined {
  return BY_ID.get(id);
}

/** Look-up over a set built by `createExecutableTactics` (for campaigns with their own registry). */
export function tacticLookup(tactics: readonly ExecutableTactic[]): (id: string) => ExecutableTactic | undefined {
  const map = new Map(tactics.map((t) => [t.id, t]));
  return (id) => map.get(id);
}

export { createRng, fnv1a } from './rng.js';
export type {
  ContentTactic,
  ExecutableTactic,
  Rng,
  StreamPlan,
  StreamTactic,
  TacticCost,
  TacticParams,
  ValidityVerdict,
} from './types.js';
