/**
 * Feature-pipeline incidents planted in simulated traffic, recorded in events.json like the attacks:
 *
 *   extractor-change  from a point of the run on, serving runs a new feature extractor (it stops reading HTML
 *                     parts) while the model stays the one trained on the old features: the decision logs'
 *                     `featureVersion` changes, `modelVersion` does not — a deploy that skipped the retrain
 *   feature-skew      from a point of the run on, the serving path caps message bodies (an upstream size limit the
 *                     training data never had): same extractor version, but the features served differ from the
 *                     features trained on (training–serving skew)
 *
 * Neither sends messages; both change how serving turns a message into features (`serve`).
 */
import { DAY_MS, HOUR_MS } from '../../util/time.js';
import { featureExtractorVersion } from '../feature-version.js';
import type { ExtractedMessage, ExtractionOptions } from '../pipeline/extract.js';
import { ExtractionCache } from './extraction-cache.js';
import type { InjectionKind } from './options.js';
import type { Slot } from './slot.js';

/**
 * The parts of injections.ts's `RunShape` and `InjectedEventRecord` used here, restated so that this file does not
 * import injections.ts (which imports it: no import cycles).
 */
interface RunShape {
  start: number;
  days: number;
}

interface EventRecord {
  kind: InjectionKind;
  start: string;
  end: string;
  accounts: string[];
  description: string;
  messages?: number;
  [detail: string]: unknown;
}

/** Body characters the skewed serving path keeps. */
export const SKEW_BODY_CHARS = 300;

export interface ServedFeatures {
  features: ExtractedMessage;
  featureVersion: string;
}

/** An extractor with its version. */
export interface Extractor {
  cache: ExtractionCache;
  version: string;
}

/** A change on the serving path: to the input before extraction, or to the extractor itself. */
export interface ServingChange {
  rawAt?(at: number, raw: string): string | undefined;
  extractorAt?(at: number): Extractor | undefined;
}

export class ExtractorChange implements ServingChange {
  readonly kind = 'extractor-change' as const;
  readonly from: number;
  private readonly to: number;
  private readonly cache: ExtractionCache;
  private readonly version: string;
  private served = 0;

  constructor(
    shape: RunShape,
    private readonly trainedWith: ExtractionOptions,
    workers?: number,
  ) {
    const day = Math.max(1, Math.floor(shape.days * 0.7));
    this.from = shape.start + day * DAY_MS + 9 * HOUR_MS;
    this.to = shape.start + shape.days * DAY_MS;
    const changed: ExtractionOptions = { ...trainedWith, readHtml: false };
    this.cache = new ExtractionCache(changed, workers);
    this.version = featureExtractorVersion(changed);
  }

  slots(): Slot[] {
    return [];
  }

  extractorAt(at: number): Extractor | undefined {
    if (at < this.from) return undefined;
    this.served++;
    return { cache: this.cache, version: this.version };
  }

  record(): EventRecord {
    return {
      kind: 'extractor-change',
      start: new Date(this.from).toISOString(),
      end: new Date(this.to).toISOString(),
      accounts: [],
      fromVersion: featureExtractorVersion(this.trainedWith),
      toVersion: this.version,
      messages: this.served,
      description:
        'Serving switches to a feature extractor that no longer reads HTML parts; the model is not retrained (featureVersion changes, modelVersion does not).',
    };
  }
}

/** Keep the headers and the first `chars` characters of the body. */
export function capBody(raw: string, chars: number): string {
  const m = /\r?\n\r?\n/.exec(raw);
  if (!m) return raw.slice(0, chars);
  const bodyAt = m.index + m[0].length;
  return raw.slice(0, bodyAt + chars);
}

export class FeatureSkew implements ServingChange {
  readonly kind = 'feature-skew' as const;
  readonly from: number;
  private readonly to: number;
  private readonly version: string;
  private served = 0;

  constructor(shape: RunShape, extraction: ExtractionOptions) {
    const day = Math.max(1, Math.floor(shape.days * 0.85));
    this.from = shape.start + day * DAY_MS;
    this.to = shape.start + shape.days * DAY_MS;
    this.version = featureExtractorVersion(extraction);
  }

  slots(): Slot[] {
    return [];
  }

  rawAt(at: number, raw: string): string | undefined {
    if (at < this.from) return undefined;
    this.served++;
    return capBody(raw, SKEW_BODY_CHARS);
  }

  record(): EventRecord {
    return {
      kind: 'feature-skew',
      start: new Date(this.from).toISOString(),
      end: new Date(this.to).toISOString(),
      accounts: [],
      featureVersion: this.version,
      bodyChars: SKEW_BODY_CHARS,
      messages: this.served,
      description: `The serving path caps message bodies at ${SKEW_BODY_CHARS} characters before feature extraction; training saw whole bodies. The extractor version is unchanged.`,
    };
  }
}

/**
 * The features serving computes for `raw` at `at`, or undefined when no change is in force (then the features
 * extracted as trained apply). Input changes apply first, then the extractor in force (the last one listed wins).
 */
export async function servedFeatures(
  changes: readonly ServingChange[],
  at: number,
  raw: string,
  trained: Extractor,
): Promise<ServedFeatures | undefined> {
  let input = raw;
  let extractor: Extractor | undefined;
  let changed = false;
  for (const c of changes) {
    const r = c.rawAt?.(at, input);
    if (r !== undefined) {
      input = r;
      changed = true;
    }
    const e = c.extractorAt?.(at);
    if (e) {
      extractor = e;
      changed = true;
    }
  }
  if (!changed) return undefined;
  const use = extractor ?? trained;
  return { features: await use.cache.extract(input), featureVersion: use.version };
}
