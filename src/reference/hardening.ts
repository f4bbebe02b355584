/**
 * Hardening switches: each one a simple heuristic control an operator could turn on. All are off by default, so
 * the reference system starts with the weaknesses that the system model's assumptions describe.
 */
import { UserError } from '../util/errors.js';

export interface HardeningOptions {
  /** text-normalizer: NFKC, confusable skeleton of non-ASCII letters, strip zero-width / bidi characters. */
  normalizeConfusables: boolean;
  /** html-to-text: keep only text a reader would see (no hidden styles, comments; split words rejoined). */
  stripHiddenText: boolean;
  /** mime-parser: decode base64 / quoted-printable / HTML entities / percent-encoding nested inside parts. */
  decodeNestedEncodings: boolean;
  /** bulk-detector: also count near-duplicates across senders (template clustering). */
  crossSenderTemplateClustering: boolean;
  /** user-feedback: cap "not spam" reports per account and day, ignore reports from young accounts. */
  feedbackRateLimit: boolean;
}

export type HardeningSwitch = keyof HardeningOptions;

export const HARDENING_SWITCHES: readonly HardeningSwitch[] = [
  'normalizeConfusables',
  'stripHiddenText',
  'decodeNestedEncodings',
  'crossSenderTemplateClustering',
  'feedbackRateLimit',
];

/** The switches that change what the model sees; only these are part of the model cache key. */
export const EXTRACTION_SWITCHES: readonly HardeningSwitch[] = [
  'normalizeConfusables',
  'stripHiddenText',
  'decodeNestedEncodings',
];

export const NO_HARDENING: Readonly<HardeningOptions> = Object.freeze({
  normalizeConfusables: false,
  stripHiddenText: false,
  decodeNestedEncodings: false,
  crossSenderTemplateClustering: false,
  feedbackRateLimit: false,
});

export const FULL_HARDENING: Readonly<HardeningOptions> = Object.freeze({
  normalizeConfusables: true,
  stripHiddenText: true,
  decodeNestedEncodings: true,
  crossSenderTemplateClustering: true,
  feedbackRateLimit: true,
});

export function resolveHardening(partial?: Partial<HardeningOptions>): HardeningOptions {
  return { ...NO_HARDENING, ...partial };
}

/**
 * Parse a comma-separated switch list as typed on the command line ("stripHiddenText,normalizeConfusables",
 * "all" or "none"). Unknown names are a user error that lists the valid ones.
 */
export function parseHardeningList(list: string | undefined): HardeningOptions {
  const result = resolveHardening();
  if (!list) return result;
  for (const raw of list.split(',')) {
    const name = raw.trim();
    if (!name || name === 'none') continue;
    if (name === 'all') return { ...FULL_HARDENING };
    if (!(HARDENING_SWITCHES as readonly string[]).includes(name)) {
      throw new UserError(
        `unknown hardening switch '${name}' (choose from: ${HARDENING_SWITCHES.join(', ')}, all, none)`,
      );
    }
    result[name as HardeningSwitch] = true;
  }
  return result;
}

/** The enabled switches, in a fixed order: a stable, readable description for keys and fingerprints. */
export function describeHardening(h: HardeningOptions, only: readonly HardeningSwitch[] = HARDENING_SWITCHES): string {
  const on = only.filter((k) => h[k]);
  return on.length ? on.join('+') : 'none';
}
