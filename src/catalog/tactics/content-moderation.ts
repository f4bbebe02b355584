/**
 * The content-moderation pack: how uploaders get known-bad images past perceptual-hash matching and violating text
 * past toxicity classifiers, and how they turn the report channel against other users. RG §III-A places these at
 * the APPLICATION layer of Meta's funnel, the last line after automation, access and activity checks.
 *
 * Costs are per post. The image edits are one-line operations in any image library; their success priors against a
 * given hash are estimates unless the evidence names a measurement.
 */
import type { CostVector } from '../../model/cost.js';
import type { Tactic, TacticTargets } from '../types.js';

const PACK = 'content-moderation' as const;

/** The hash matcher and the image features before it. */
const HASH_TARGETS: TacticTargets = {
  kinds: ['preprocessing', 'feature-extraction', 'model', 'policy'],
  layers: ['application'],
  modalities: ['image'],
};
const HASH_BREAKS = ['hash', 'perceptual', 'near-duplicate', 'known image', 'same image', 'match'];
/** One scripted image edit per upload. */
const EDIT_COST: CostVector = {
  money: 0,
  humanHours: 0.005,
  implementationHours: 1,
  queries: 1,
  timeHours: 0.05,
  detectionRisk: 0.1,
};
const EDIT_NOTE =
  'Estimate: a one-line image operation scripted once (an hour) and applied per upload in seconds; the uploader ' +
  'sees at once whether the post stays up.';
const HASH_EVIDENCE =
  'Jain, Crețu and de Montjoye, "Adversarial Detection Avoidance Attacks: Evaluating the robustness of perceptual ' +
  'hashing-based client-side scanning" (USENIX Security 2022) evaded perceptual hashes with small changes; simple ' +
  'geometric edits are known weaknesses of DCT-style hashes (the PDQ and TMK+PDQF documentation from Meta, 2019).';
/** The text classifier and the normaliser before it. */
const TEXT_TARGETS: TacticTargets = {
  kinds: ['preprocessing', 'feature-extraction', 'model'],
  layers: ['application'],
  modalities: ['text'],
};
const TEXT_BREAKS = ['word list', 'keyword', 'slur', 'toxic', 'spelled', 'tokens'];

function hashEdit(
  t: Pick<Tactic, 'id' | 'name' | 'summary' | 'baseSuccess' | 'simpleHeuristic'> & { extraBreaks: string[] },
): Tactic {
  return {
    id: t.id,
    name: t.name,
    family: 'input-transformation',
    pack: PACK,
    summary: t.summary,
    requires: { write: ['live-input'], read: ['decision'], knowledge: 'zero' },
    targets: HASH_TARGETS,
    breaks: [...HASH_BREAKS, ...t.extraBreaks],
    cost: EDIT_COST,
    costNote: EDIT_NOTE,
    baseSuccess: t.baseSuccess,
    atlas: ['AML.T0043.003', 'AML.T0015'],
    evidence: HASH_EVIDENCE,
    simpleHeuristic: t.simpleHeuristic,
  };
}

export const CONTENT_MODERATION_TACTICS: Tactic[] = [
  hashEdit({
    id: 'input.image-crop-reframe',
    name: 'Crop and reframe',
    summary:
      'Crop the known image or place it off-centre inside a larger canvas; a whole-image perceptual hash changes ' +
      'many bits, while the subject is untouched for viewers.',
    extraBreaks: ['crop', 'whole image'],
    baseSuccess: 0.6,
    simpleHeuristic: 'Hash detected regions and several crops, not only the whole image.',
  }),
  hashEdit({
    id: 'input.image-border-padding',
    name: 'Borders and padding',
    summary:
      'Add a coloured border, letterbox bars or a frame around the image, which shifts the image a hash is ' +
      'computed on without hiding anything.',
    extraBreaks: ['border', 'padding'],
    baseSuccess: 0.5,
    simpleHeuristic: 'Trim uniform borders and bars before hashing.',
  }),
  hashEdit({
    id: 'input.image-mirror-flip',
    name: 'Mirror and flip',
    summary:
      'Mirror the image left–right (or rotate it); many perceptual hashes are not invariant to flips, so the hash ' +
      'distance to the known copy becomes large.',
    extraBreaks: ['flip', 'mirror', 'rotation'],
    baseSuccess: 0.55,
    simpleHeuristic: 'Also match the hashes of the flipped and rotated versions (PDQ publishes the dihedral variants).',
  }),
  hashEdit({
    id: 'input.image-overlay',
    name: 'Overlays, stickers and filters',
    summary:
      'Paste text, emoji, stickers or a watermark over part of the image, or apply a colour filter, so the ' +
      'perceptual hash and a classifier trained on clean copies drift while the content stays recognisable.',
    extraBreaks: ['overlay', 'sticker', 'filter', 'unmodified'],
    baseSuccess: 0.5,
    simpleHeuristic: 'Match on local features (keypoints) that survive partial occlusion.',
  }),
  {
    id: 'layout.caption-in-image',
    name: 'Text rendered in images',
    family: 'layout',
    pack: PACK,
    summary:
      'Put the violating words into the image (a meme caption, a screenshot of text) instead of the post text, so ' +
      'a text classifier sees a harmless caption and the image model does not read words.',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: {
      kinds: ['preprocessing', 'feature-extraction', 'model'],
      layers: ['application'],
      modalities: ['text', 'image'],
    },
    breaks: ['text of the post', 'post text', 'caption', 'all meaningful content is text', 'images are ignored'],
    cost: { money: 0, humanHours: 0.02, implementationHours: 1, queries: 1, timeHours: 0.05, detectionRisk: 0.1 },
    costNote: 'Estimate: a meme generator renders text onto an image in seconds; no tooling beyond it.',
    baseSuccess: 0.6,
    atlas: ['AML.T0043.003', 'AML.T0015'],
    evidence:
      'Kiela et al., "The Hateful Memes Challenge" (NeurIPS 2020) built its benchmark because meaning split across ' +
      'image and text defeats single-modality classifiers.',
    simpleHeuristic: 'Run OCR on images and score the extracted text with the text classifier.',
  },
  {
    id: 'input.leetspeak',
    name: 'Leetspeak and deliberate misspelling',
    family: 'input-transformation',
    pack: PACK,
    summary:
      'Replace letters with digits and symbols, insert spaces or dots, or misspell on purpose ("h4te", "k i l l"), ' +
      'so word lists and subword tokens no longer match while readers decode it at once.',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: TEXT_TARGETS,
    breaks: TEXT_BREAKS,
    cost: { money: 0, humanHours: 0.01, implementationHours: 0, queries: 1, timeHours: 0.02, detectionRisk: 0.1 },
    costNote: 'Estimate: typed by hand in seconds; no tooling.',
    baseSuccess: 0.55,
    atlas: ['AML.T0043.003', 'AML.T0015'],
    evidence:
      'Gröndahl et al., "All You Need is \\"Love\\": Evading Hate Speech Detection" (AISec 2018) beat several ' +
      'hate-speech classifiers with typos, removed spaces and added words.',
    simpleHeuristic: 'Normalise digits-for-letters and collapse inserted separators before classifying.',
  },
  {
    id: 'input.homoglyph-spelling',
    name: 'Homoglyphs in posts',
    family: 'input-transformation',
    pack: PACK,
    summary:
      'Spell banned words with look-alike letters from other scripts or with accented and mathematical letters, ' +
      'so exact and tokenised matching misses them; the post reads the same.',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: TEXT_TARGETS,
    breaks: [...TEXT_BREAKS, 'unicode', 'latin'],
    cost: { money: 0, humanHours: 0.01, implementationHours: 0.5, queries: 1, timeHours: 0.02, detectionRisk: 0.1 },
    costNote: 'Estimate: copy-paste from a homoglyph generator; seconds per post.',
    baseSuccess: 0.6,
    atlas: ['AML.T0043.003', 'AML.T0015'],
    evidence:
      'The moderation form of the mail pack’s input.confusable-characters (Unicode TR #39 lists the confusables); ' +
      'the success prior is an estimate.',
    simpleHeuristic: 'Map text to its confusable skeleton (Unicode TR #39) before classifying.',
  },
  {
    id: 'input.benign-framing',
    name: 'Benign framing',
    family: 'input-transformation',
    pack: PACK,
    summary:
      'Wrap the violating content in a frame the policy allows: a news quote, a "just asking" question, satire, a ' +
      'counter-speech reply or a fictional story, so a classifier trained on plain abuse scores it as discussion.',
    requires: { write: ['live-input'], knowledge: 'limited' },
    targets: { kinds: ['model', 'human-review', 'policy'], layers: ['application'], modalities: ['text', 'image'] },
    breaks: ['context', 'intent', 'quote', 'satire', 'news'],
    cost: { money: 0, humanHours: 0.05, implementationHours: 0, queries: 1, timeHours: 0.05, detectionRisk: 0.1 },
    costNote: 'Estimate: a few minutes of writing per post.',
    baseSuccess: 0.45,
    atlas: ['AML.T0043.003', 'AML.T0015'],
    evidence:
      'Röttger et al., "HateCheck: Functional Tests for Hate Speech Detection Models" (ACL 2021) show classifiers ' +
      'confuse quoted, negated and counter-speech content with its plain form in both directions.',
    simpleHeuristic: 'Score the account’s pattern across posts, not each post’s framing alone.',
  },
  {
    id: 'activity.split-across-posts',
    name: 'Splitting across posts',
    family: 'activity-shaping',
    pack: PACK,
    summary:
      'Spread one violating message over several posts, replies or comments, each harmless alone; ' +
      'readers of the thread see the whole, a per-item classifier never does.',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: { kinds: ['model', 'activity-monitor'], layers: ['activity', 'application'], modalities: ['text'] },
    breaks: ['each post', 'single post', 'per item', 'one post', 'independently'],
    cost: { money: 0, humanHours: 0.05, implementationHours: 0, queries: 3, timeHours: 0.1, detectionRisk: 0.15 },
    costNote:
      'Estimate: three posts instead of one, a few minutes; no tooling, but three items that can each be noticed.',
    baseSuccess: 0.6,
    atlas: ['AML.T0043.003', 'AML.T0015'],
    evidence:
      'RG §III-A: classifiers at the APPLICATION layer judge one action of one entity; the split is the oldest ' +
      'way past a per-item judge. The success prior is an estimate.',
    simpleHeuristic: 'Classify threads and an author’s recent posts together, not single items.',
  },
  {
    id: 'feedback.report-brigading',
    name: 'Brigading reports',
    family: 'feedback-abuse',
    pack: PACK,
    summary:
      'Coordinate many accounts to report a target’s benign posts, so report-count thresholds remove them or ' +
      'suspend the account before a person looks, and the removals become training labels.',
    requires: { write: ['feedback'], accounts: 20, knowledge: 'zero' },
    targets: { kinds: ['feedback', 'policy', 'training-data'], modalities: ['text', 'image'] },
    breaks: ['reports', 'report count', 'independent', 'honestly', 'flagged by users'],
    cost: { money: 1, humanHours: 0.5, implementationHours: 0, queries: 20, timeHours: 2, detectionRisk: 0.2 },
    costNote:
      'Estimate: twenty members of a group each file a report in a minute; coordination takes about half an hour.',
    baseSuccess: 0.4,
    atlas: ['AML.T0046', 'AML.T0031'],
    evidence:
      'ATLAS AML.T0046 (Spamming AI System with Chaff Data) describes inflating detections to waste review time; ' +
      'mass reporting as harassment is documented in platform transparency reports. The success prior is an estimate.',
    simpleHeuristic: 'Weigh reports by reporter history and independence; hold report-driven removals for review.',
  },
];
