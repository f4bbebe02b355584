/** The security signals, by id. Each lives in its own file with a firing and a non-firing test. */
import { extractorChange } from './extractor-change.js';
import { featureSkew } from './feature-skew.js';
import { feedbackSpike } from './feedback-spike.js';
import { layerSilence } from './layer-silence.js';
import { outageBurst } from './outage-burst.js';
import { probing } from './probing.js';
import { reviewOverload } from './review-overload.js';
import { scoreDrift } from './score-drift.js';
import { senderHourRecord } from './sender-hour-record.js';
import { templateSurge } from './template-surge.js';
import type { Signal } from './types.js';

export const SIGNALS: readonly Signal[] = [
  probing,
  templateSurge,
  feedbackSpike,
  layerSilence,
  scoreDrift,
  reviewOverload,
  outageBurst,
  senderHourRecord,
  extractorChange,
  featureSkew,
] as unknown as Signal[];

export const SIGNAL_IDS = [
  'probing',
  'template-surge',
  'feedback-spike',
  'layer-silence',
  'score-drift',
  'review-overload',
  'outage-burst',
  'sender-hour-record',
  'extractor-change',
  'feature-skew',
] as const;
export type SignalId = (typeof SIGNAL_IDS)[number];

export function getSignal(id: string): Signal | undefined {
  return SIGNALS.find((s) => s.id === id);
}

export type { Evidence, Finding, Signal, SignalContext } from './types.js';
