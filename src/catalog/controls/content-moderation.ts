/**
 * Controls of the content-moderation pack: match images under the edits uploaders make, read the text inside
 * images, normalise spellings, judge threads instead of single items, and weigh who reports. Defender costs are
 * estimates for a mid-sized platform (docs/catalog.md).
 */
import { defenderCostOf } from '../../model/cost.js';
import { aidefend } from '../aidefend.js';
import { atlasMitigation } from '../atlas.js';
import type { Control } from '../types.js';

const PACK = 'content-moderation' as const;
const NO_AIDEFEND = 'AIDEFEND 2026.06.25 has no entry for this conventional moderation control.';
const NO_ATLAS = 'ATLAS 5.6.0 lists no mitigation for it.';

export const CONTENT_MODERATION_CONTROLS: Control[] = [
  {
    id: 'hash-variant-matching',
    name: 'Hash matching over variants',
    pack: PACK,
    summary:
      'Hash the flipped and rotated versions, the border-trimmed image and a few crops as well as the upload, and ' +
      'match any of them against the known-image list; cheap and kills the geometric edits.',
    category: 'system',
    layer: 'application',
    guards: ['preprocessing', 'feature-extraction', 'policy'],
    counters: ['input.image-mirror-flip', 'input.image-border-padding', 'input.image-crop-reframe'],
    effectiveness: 0.7,
    defenderCost: defenderCostOf({ falsePositiveRate: 0.0005, latencyMs: 20, implementationHours: 24 }),
    aidefend: [aidefend('AID-H-002.003')],
    atlasMitigations: [atlasMitigation('AML.M0010')],
    simple: true,
  },
  {
    id: 'local-feature-matching',
    name: 'Local-feature and embedding matching',
    pack: PACK,
    summary:
      'Back the global hash with keypoint or embedding similarity that survives stickers, overlays, filters and ' +
      'partial crops; dearer to run and to tune, so it usually scores only what the hash does not settle.',
    category: 'system',
    layer: 'application',
    guards: ['feature-extraction', 'model'],
    counters: ['input.image-overlay', 'input.image-crop-reframe'],
    effectiveness: 0.6,
    defenderCost: defenderCostOf({
      falsePositiveRate: 0.002,
      latencyMs: 80,
      moneyPerMonth: 3000,
      implementationHours: 120,
    }),
    aidefend: [aidefend('AID-H-002.003')],
    atlasMitigations: [atlasMitigation('AML.M0006')],
  },
  {
    id: 'image-text-ocr',
    name: 'OCR of text in images',
    pack: PACK,
    summary:
      'Read the text inside uploaded images and score it with the text classifier, and score image and caption ' +
      'together so meaning split across them is seen.',
    category: 'system',
    layer: 'application',
    guards: ['preprocessing', 'feature-extraction'],
    counters: ['layout.caption-in-image'],
    effectiveness: 0.65,
    defenderCost: defenderCostOf({ latencyMs: 150, moneyPerMonth: 2000, implementationHours: 60 }),
    aidefend: [aidefend('AID-D-007')],
    atlasMitigations: [atlasMitigation('AML.M0009')],
  },
  {
    id: 'obfuscation-normalization',
    name: 'Leetspeak and homoglyph normalisation',
    pack: PACK,
    summary:
      'Map text to a canonical form before classifying: confusable skeletons (Unicode TR #39), digits and symbols ' +
      'read as letters, separators inside words collapsed, repeated letters squeezed.',
    category: 'system',
    layer: 'application',
    guards: ['preprocessing'],
    counters: ['input.leetspeak', 'input.homoglyph-spelling'],
    effectiveness: 0.7,
    defenderCost: defenderCostOf({ falsePositiveRate: 0.001, latencyMs: 1, implementationHours: 24 }),
    aidefend: [aidefend('AID-H-002.002')],
    atlasMitigations: [atlasMitigation('AML.M0010')],
    simple: true,
  },
  {
    id: 'thread-level-classification',
    name: 'Thread- and author-level classification',
    pack: PACK,
    summary:
      'Score a post together with its thread and its author’s recent posts, so a message split across items or ' +
      `wrapped in a harmless frame is judged as a whole. ${NO_AIDEFEND} ${NO_ATLAS}`,
    category: 'system',
    layer: 'activity',
    guards: ['model', 'activity-monitor'],
    counters: ['activity.split-across-posts', 'input.benign-framing'],
    effectiveness: 0.5,
    defenderCost: defenderCostOf({
      falsePositiveRate: 0.003,
      latencyMs: 200,
      moneyPerMonth: 4000,
      implementationHours: 160,
    }),
    aidefend: [],
    atlasMitigations: [],
  },
  {
    id: 'reporter-reputation',
    name: 'Reporter reputation and report independence',
    pack: PACK,
    summary:
      'Weigh each report by the reporter’s past accuracy, discount bursts of reports from linked or new accounts, ' +
      'and hold report-driven removals for human review instead of acting on a count.',
    category: 'system',
    guards: ['feedback', 'policy', 'training-data'],
    counters: ['feedback.report-brigading'],
    effectiveness: 0.65,
    defenderCost: defenderCostOf({ reviewHoursPerWeek: 6, implementationHours: 60 }),
    aidefend: [aidefend('AID-H-002.005')],
    atlasMitigations: [atlasMitigation('AML.M0007')],
  },
];
