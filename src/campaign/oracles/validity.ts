/**
 * The validity oracle: does a transformed sample still do the attacker's job? An evasion whose payload broke is no
 * evasion (MLSEC's rule: evasive malware must still run, evasive phishing pages must render the same). For mail the
 * job is two things:
 *
 * 1. the reader sees the same message — every sentence-sized unit of the original's visible text (and subject) is
 *    still visible, compared on the confusable skeleton with zero-width/default-ignorable code points removed and
 *    whitespace folded; invisible additions are free, visible additions are allowed up to a small budget;
 * 2. the clicks reach the same places — every link target of the original is still reachable after following
 *   redirect chains and host mirrors in the RedirectRegistry and WHATWG-normalizing numeric IPs and punycode;
 *   a link that moved into an attachment still counts.
 *
 * Tactics that change wording on purpose declare equivalences in their own definitions (`validity`: brand names
 * may disappear; synonyms are the same word); `validityOptionsFor` gathers them for a chain.
 */

import { getTacticDefinition } from '../tactics/index.js';
import type { ExecutableTactic, TacticParams, ValidityVerdict } from '../tactics/types.js';
import {
  canonicalizer,
  containsAtWordBoundary,
  type Equivalences,
  readerNormalize,
  sentenceUnits,
  withoutUrls,
  words,
} from './normalize.js';
import { type ReaderView, readerView } from './reader-view.js';
import { DEFAULT_REDIRECT_REGISTRY, normalizeUrl, type RedirectRegistry } from './redirect-registry.js';

export interface ValidityOptions extends Equivalences {
  /** Where redirect chains and attacker hosts resolve (default: the shared DEFAULT_REDIRECT_REGISTRY). */
  registry?: RedirectRegistry;
  /** Visible words a transformation may add (captions, "see attachment", padding). Default 60. */
  maxAddedVisibleWords?: number;
  /** Whether text found only in an opened HTML/text attachment counts as seen. Default true. */
  attachmentTextCounts?: boolean;
}

export interface ValidityDetails {
  /** Original units (normalized) no longer visible. */
  missingText: string[];
  /** Original subject units no longer in the subject. */
  missingSubject: string[];
  /** Original link destinations no longer reachable. */
  missingLinks: string[];
  /** Visible words the transformed sample adds (normalized). */
  addedVisibleWords: string[];
  /** Units found only in attachments. */
  unitsInAttachments: number;
  /** Resolved destinations of the original and the transformed sample. */
  originalDestinations: string[];
  transformedDestinations: string[];
  /** How each transformed link resolves (first URL → final). */
  chains: Array<{ from: string; to: string; hops: number }>;
}

export interface ValidityReport extends ValidityVerdict {
  details: ValidityDetails;
}

const DEFAULT_MAX_ADDED = 60;
const SHOW = 5;

function destinations(view: ReaderView, registry: RedirectRegistry) {
  const chains: ValidityDetails['chains'] = [];
  const out = new Set<string>();
  for (const raw of [...view.bodyLinks, ...view.attachmentLinks]) {
    if (/^(#|cid:|javascript:|data:)/i.test(raw)) continue;
    const href = normalizeUrl(raw);
    if (!href || !/^(https?|ftp|mailto):/.test(href)) continue;
    const r = registry.resolve(href);
    out.add(r.final);
    chains.push({ from: href, to: r.final, hops: r.hops.length - 1 });
  }
  return { set: out, chains };
}

function snippet(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function listReason(prefix: string, items: string[]): string {
  const shown = items.slice(0, SHOW).map((s) => `'${snippet(s)}'`);
  const more = items.length > SHOW ? ` and ${items.length - SHOW} more` : '';
  return `${prefix}: ${shown.join(', ')}${more}`;
}

/** Judge a transformed sample against the original's (already computed) reader view. */
export function judgeViews(
  original: ReaderView,
  transformed: ReaderView,
  options: ValidityOptions = {},
): ValidityReport {
  const registry = options.registry ?? DEFAULT_REDIRECT_REGISTRY;
  const canon = canonicalizer(options);
  const reasons: string[] = [];
  if (transformed.parseError) reasons.push(`transformed message does not parse: ${transformed.parseError}`);

  // 1. the text a reader sees
  const bodyHay = canon(readerNormalize(withoutUrls(transformed.visibleText)));
  const attachHay = canon(readerNormalize(withoutUrls(transformed.attachmentText)));
  const missingText: string[] = [];
  let unitsInAttachments = 0;
  for (const unit of sentenceUnits(original.visibleText)) {
    const u = canon(unit);
    if (u === '' || containsAtWordBoundary(bodyHay, u)) continue;
    if (options.attachmentTextCounts !== false && containsAtWordBoundary(attachHay, u)) {
      unitsInAttachments++;
      continue;
    }
    missingText.push(u);
  }
  const subjectHay = canon(readerNormalize(transformed.subject));
  const missingSubject = sentenceUnits(original.subject)
    .map(canon)
    .filter((u) => u !== '' && !containsAtWordBoundary(subjectHay, u));
  if (missingText.length > 0) reasons.push(listReason('visible text changed, missing', missingText));
  if (missingSubject.length > 0) reasons.push(listReason('subject changed, missing', missingSubject));

  const before = new Map<string, number>();
  // Words the original shows anywhere (header fields included) are not new when they show up again.
  const shown = `${original.headerText}\n${original.subject}\n${original.visibleText}`;
  for (const w of words(canon(readerNormalize(withoutUrls(shown))))) {
    before.set(w, (before.get(w) ?? 0) + 1);
  }
  const addedVisibleWords: string[] = [];
  for (const w of words(canon(readerNormalize(withoutUrls(`${transformed.subject}\n${transformed.visibleText}`))))) {
    const n = before.get(w) ?? 0;
    if (n > 0) before.set(w, n - 1);
    else addedVisibleWords.push(w);
  }
  const maxAdded = options.maxAddedVisibleWords ?? DEFAULT_MAX_ADDED;
  if (addedVisibleWords.length > maxAdded) {
    reasons.push(
      `${addedVisibleWords.length} visible words added (limit ${maxAdded}), e.g. ${addedVisibleWords.slice(0, 8).join(' ')}`,
    );
  }

  // 2. the links a click reaches
  const o = destinations(original, registry);
  const t = destinations(transformed, registry);
  const missingLinks = [...o.set].filter((d) => !t.set.has(d));
  if (missingLinks.length > 0) reasons.push(listReason('link destination no longer reachable', missingLinks));

  return {
    valid: reasons.length === 0,
    reasons,
    details: {
      missingText,
      missingSubject,
      missingLinks,
      addedVisibleWords,
      unitsInAttachments,
      originalDestinations: [...o.set],
      transformedDestinations: [...t.set],
      chains: t.chains,
    },
  };
}

/** Judge raw messages: the transformed sample against the original. */
export async function judgeValidity(
  original: string | Uint8Array,
  transformed: string | Uint8Array,
  options: ValidityOptions = {},
): Promise<ValidityReport> {
  const [o, t] = await Promise.all([readerView(original), readerView(transformed)]);
  return judgeViews(o, t, options);
}

/**
 * The equivalences a chain of tactics declares, each in its own definition (`validity`): brand-name removal lets
 * brand words disappear, template variation makes its synonyms interchangeable. Everything else must keep the text
 * as it was; an id that is no executable tactic (a baseline) declares nothing.
 */
export function validityOptionsFor(
  steps: ReadonlyArray<{ id: string; params?: TacticParams }>,
  base: ValidityOptions = {},
  /** Where tactic definitions come from (a campaign adds its tactic modules); default the built-in registry. */
  definition: (id: string) => Pick<ExecutableTactic, 'validity'> | undefined = getTacticDefinition,
): ValidityOptions {
  const droppable = [...(base.droppable ?? [])];
  const synonyms = [...(base.synonyms ?? [])];
  for (const step of steps) {
    const eq = definition(step.id)?.validity?.(step.params ?? {});
    if (eq?.droppable) droppable.push(...eq.droppable);
    if (eq?.synonyms) synonyms.push(...eq.synonyms);
  }
  return { ...base, droppable, synonyms };
}
