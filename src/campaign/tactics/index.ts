/**
 * The executable tactics: every practical move a campaign can run, each with the id of the catalog tactic it
 * implements (src/catalog), so a campaign reads predicted costs and ATLAS ids from the catalog and calibrates them
 * with what it measured. Content tactics rewrite one sample; stream tactics reshape how samples are sent.
 *
 * A tactic is one file exporting one definition that carries its own quirks: the heuristics that defuse it
 * (`defusedBy`) and what the validity oracle must tolerate (`validity`). This map is the only list of them; adding a
 * tactic is its file, one line here and its test (tactics.registry.test.ts checks the map against the catalog and
 * the heuristics).
 *
 * URL tactics record the infrastructure they simulate (redirect hops, look-alike domains, DNS answers) in a
 * RedirectRegistry so the validity oracle can follow a click. `EXECUTABLE_TACTICS` share the process-wide default
 * registry; a campaign that wants isolation and exact replay builds its own set with
 * `createExecutableTactics({ registry })` and judges validity with the same registry.
 */
import { DEFAULT_REDIRECT_REGISTRY, type RedirectRegistry } from '../oracles/redirect-registry.js';
import { brandNameRemovalTactic } from './mail/brand-name-removal.js';
import { characterSubstitutionTactic } from './mail/character-substitution.js';
import { confusableCharactersTactic } from './mail/confusable-characters.js';
import { hiddenGoodWordsTactic } from './mail/hidden-good-words.js';
import { htmlCommentWordSplitTactic } from './mail/html-comment-word-split.js';
import { linkInAttachmentTactic } from './mail/link-in-attachment.js';
import { mimeReencodingTactic } from './mail/mime-reencoding.js';
import { multipartAlternativeMismatchTactic } from './mail/multipart-alternative-mismatch.js';
import { textAsImageTactic } from './mail/text-as-image.js';
import { zeroWidthCharactersTactic } from './mail/zero-width-characters.js';
import { accountRotationTactic } from './stream/account-rotation.js';
import { accountWarmupTactic } from './stream/account-warmup.js';
import { agedAccountPurchaseTactic } from './stream/aged-account-purchase.js';
import { freshAccountsTactic } from './stream/fresh-accounts.js';
import { lowAndSlowTactic } from './stream/low-and-slow.js';
import { massNotSpamTactic } from './stream/mass-not-spam.js';
import { residentialProxiesTactic } from './stream/residential-proxies.js';
import { templateVariationTactic } from './stream/template-variation.js';
import type { ExecutableTactic, TacticEnv } from './types.js';
import { combosquattingTactic } from './url/combosquatting.js';
import { numericIpTactic } from './url/numeric-ip.js';
import { punycodeLookalikeTactic } from './url/punycode-lookalike.js';
import { redirectChainTactic } from './url/redirect-chain.js';
import { subdomainTricksTactic } from './url/subdomain-tricks.js';
import { trustedHostAbuseTactic } from './url/trusted-host-abuse.js';

/** Every executable tactic by catalog id, in the order help, docs and `EXECUTABLE_TACTICS` list them. */
export const TACTICS = {
  // input transformations
  'input.confusable-characters': confusableCharactersTactic,
  'input.zero-width-characters': zeroWidthCharactersTactic,
  'input.character-substitution': characterSubstitutionTactic,
  // layout: mail, MIME, HTML
  'layout.hidden-good-words': hiddenGoodWordsTactic,
  'layout.html-comment-word-split': htmlCommentWordSplitTactic,
  'layout.text-as-image': textAsImageTactic,
  'layout.mime-reencoding': mimeReencodingTactic,
  'layout.multipart-alternative-mismatch': multipartAlternativeMismatchTactic,
  'layout.brand-name-removal': brandNameRemovalTactic,
  'layout.link-in-attachment': linkInAttachmentTactic,
  // layout: links
  'url.redirect-chain': redirectChainTactic,
  'url.punycode-lookalike': punycodeLookalikeTactic,
  'url.combosquatting': combosquattingTactic,
  'url.subdomain-tricks': subdomainTricksTactic,
  'url.numeric-ip': numericIpTactic,
  'url.trusted-host-abuse': trustedHostAbuseTactic,
  // access, automation, activity, feedback: how the samples are sent
  'access.fresh-accounts': freshAccountsTactic,
  'access.account-rotation': accountRotationTactic,
  'access.aged-account-purchase': agedAccountPurchaseTactic,
  'access.account-warmup': accountWarmupTactic,
  'automation.residential-proxies': residentialProxiesTactic,
  'activity.low-and-slow': lowAndSlowTactic,
  'activity.template-variation': templateVariationTactic,
  'feedback.mass-not-spam': massNotSpamTactic,
} as const satisfies Record<string, ExecutableTactic>;

export type TacticName = keyof typeof TACTICS;

export const TACTIC_NAMES = Object.keys(TACTICS) as TacticName[];

/** The definition registered under `id` (not bound to a registry: URL tactics use the shared one by default). */
export function getTacticDefinition(id: string): ExecutableTactic | undefined {
  return Object.hasOwn(TACTICS, id) ? TACTICS[id as TacticName] : undefined;
}

export interface ExecutableTacticOptions {
  /** Where URL tactics record simulated redirects, domains and DNS answers (default: the shared registry). */
  registry?: RedirectRegistry;
}

/** One tactic with its environment fixed: what the runner calls. */
export function bindTactic(tactic: ExecutableTactic, env: TacticEnv): ExecutableTactic {
  if (tactic.kind === 'stream') return tactic;
  return { ...tactic, apply: (content, rng, params, call) => tactic.apply(content, rng, params, { ...env, ...call }) };
}

/** A full set of executable tactics; URL tactics bound to `registry`. */
export function createExecutableTactics(options: ExecutableTacticOptions = {}): readonly ExecutableTactic[] {
  const env: TacticEnv = { registry: options.registry ?? DEFAULT_REDIRECT_REGISTRY };
  return Object.values(TACTICS).map((t: ExecutableTactic) => bindTactic(t, env));
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
  TacticDefinitionBase,
  TacticEnv,
  TacticParams,
  ValidityVerdict,
} from './types.js';
