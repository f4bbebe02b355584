/**
 * Domain packs: the knowledge base is split by the kind of system it speaks about, because practical attacks are
 * domain-specific (a blurred logo means nothing to a fraud model, an aged account little to a hash matcher).
 * A model switches packs on; `mail` is on when a model names none, so models written before packs keep their
 * meaning. Every built-in tactic and control belongs to exactly one pack (`pack` on the entry; `mail` if absent).
 */
import type { DomainPack } from '../model/vocabulary.js';

export { DOMAIN_PACKS, type DomainPack } from '../model/vocabulary.js';

export const DEFAULT_PACKS: readonly DomainPack[] = ['mail'];

export const PACK_INFO: Record<DomainPack, { title: string; summary: string }> = {
  mail: { title: 'Mail and text', summary: 'Spam and phishing mail filters and other text classifiers.' },
  'web-phishing': {
    title: 'Web phishing pages',
    summary: 'Phishing-page detectors: logo identification, brand–domain consistency, page rendering and crawling.',
  },
  fraud: {
    title: 'Fraud and tabular models',
    summary: 'Payment, signup and account fraud: device fingerprints, account reputation, velocity rules, disputes.',
  },
  'content-moderation': {
    title: 'Content moderation',
    summary: 'Image and text moderation: perceptual-hash matching, OCR, toxicity classifiers, user reports.',
  },
};
