/**
 * The component `properties:` that nograd itself reads. Properties are otherwise free-form facts (a team's own
 * `owner`, `ticket`, read by custom rules), so an unknown key is not an error. But a near miss of a key nograd reads
 * (`reviewBand` for `reviewBandShare`, `capacityPerday`) silently changes a finding or a cost, so the model check
 * warns about it with a did-you-mean, and about a known key holding the wrong type.
 */
import { closest } from '../util/did-you-mean.js';

export interface KnownProperty {
  type: 'number' | 'boolean' | 'string';
  /** What it means and who reads it. */
  description: string;
}

export const KNOWN_PROPERTIES: Readonly<Record<string, KnownProperty>> = {
  threshold: { type: 'number', description: 'score at or above which a policy blocks (rule no-review-band)' },
  reviewLow: {
    type: 'number',
    description: 'lower edge of the review band: scores in [reviewLow, threshold) go to review (no-review-band)',
  },
  reviewBandShare: {
    type: 'number',
    description: 'share of traffic the review band catches (review-capacity-below-attack-volume, economics)',
  },
  benignReviewShare: { type: 'number', description: 'share of benign items sent to review (defender cost)' },
  capacityPerDay: { type: 'number', description: 'items a human-review component handles per day' },
  minutesPerItem: { type: 'number', description: 'reviewer minutes per item (defender cost)' },
  benignPerDay: { type: 'number', description: 'benign items per day entering at an input source (defender cost)' },
  maxPerHour: { type: 'number', description: 'per-sender limit of a rate limiter (economics)' },
  retrainIntervalHours: { type: 'number', description: 'hours between retrainings (feedback and poisoning timing)' },
  sharedWithTraining: {
    type: 'boolean',
    description: 'this preprocessing step is the same code for training and serving (training-serving-skew)',
  },
  trainingImplementation: {
    type: 'string',
    description: 'the training-side implementation of a preprocessing step (training-serving-skew)',
  },
};

const KNOWN_NAMES = Object.keys(KNOWN_PROPERTIES);

export interface PropertyProblem {
  key: string;
  message: string;
  hint?: string;
}

/** Near misses of known property names and known properties of the wrong type. */
export function propertyProblems(properties: Readonly<Record<string, unknown>>): PropertyProblem[] {
  const out: PropertyProblem[] = [];
  for (const [key, value] of Object.entries(properties)) {
    const known = KNOWN_PROPERTIES[key];
    if (known) {
      if (typeof value !== known.type)
        out.push({
          key,
          message: `property '${key}' should be a ${known.type} (it is read as the ${known.description}), not ${JSON.stringify(value)}`,
        });
      continue;
    }
    const near = nearMiss(key);
    if (near)
      out.push({
        key,
        message: `unknown property '${key}': nograd reads '${near}' (${KNOWN_PROPERTIES[near]!.description})`,
        hint: `did you mean '${near}'? (other keys are kept as free-form facts for custom rules)`,
      });
  }
  return out;
}

/**
 * A known name within a few edits, or one the key is the start of (reviewBand → reviewBandShare). A key that merely
 * contains a known name (youngAccountThresholdDelta) is a fact of its own, not a typo.
 */
function nearMiss(key: string): string | undefined {
  const lower = key.toLowerCase();
  const byEdit = closest(key, KNOWN_NAMES);
  if (byEdit) return byEdit;
  if (lower.length < 5) return undefined;
  return KNOWN_NAMES.find((n) => n.toLowerCase().startsWith(lower));
}
