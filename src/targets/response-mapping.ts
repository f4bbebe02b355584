/**
 * What every target kind that answers with JSON shares: how a response becomes a verdict (the response mapping) and
 * what the attacker can observe (`exposes`).
 */
import { z } from 'zod';
import { DECISIONS, PROBABILITY_SCALE, SCORE_DIRECTIONS, SCORE_UNITS, type ScoreScale } from '../contracts/target.js';

/** Re-exported for the target kinds' schemas (`labels:`, `exitCodes:`). */
export { DECISIONS };
export const EXPOSABLE = ['decision', 'score', 'decidedBy'] as const;
export type Exposable = (typeof EXPOSABLE)[number];

/** The named groups a `regex:` mapping reads. */
const REGEX_GROUPS = ['decision', 'score', 'decidedBy'] as const;

/**
 * How a response (HTTP body, command stdout) becomes a verdict: JSON read through paths (`$.a.b[0]` or `a.b.0`), or
 * plain text read through `regex` and its named groups.
 */
export const ResponseMappingSchema = z
  .strictObject({
    /** Path to a decision (allow/tag/review/block, or a label listed in `labels`). */
    decision: z.string().min(1).optional(),
    /** Path to a score, on the scale `scoreScale` declares (a probability, higher = more malicious, by default). */
    score: z.string().min(1).optional(),
    /** The score's units and direction: thresholds below are in these units. */
    scoreScale: z
      .strictObject({
        unit: z.enum(SCORE_UNITS).default('probability'),
        direction: z.enum(SCORE_DIRECTIONS).default('higher-is-malicious'),
      })
      .optional(),
    /** Path to a label (e.g. "spam"), mapped through `labels`. */
    label: z.string().min(1).optional(),
    /** Label → decision. */
    labels: z.record(z.string(), z.enum(DECISIONS)).optional(),
    /** Path to the deciding component. */
    decidedBy: z.string().min(1).optional(),
    /**
     * Without a decision or label, thresholds in the score's own units, checked from the malicious end: a score at
     * or past blockAtScore → block, else at or past reviewAtScore → review, else at or past tagAtScore → tag, else
     * allow ("past" = higher for higher-is-malicious scales, lower for higher-is-benign ones).
     */
    blockAtScore: z.number().optional(),
    reviewAtScore: z.number().optional(),
    tagAtScore: z.number().optional(),
    /**
     * Read the answer as text, not JSON: the first match of this regular expression, with named groups
     * `(?<decision>…)` (a word, mapped through `labels` like a label) and/or `(?<score>…)` (a number), and optionally
     * `(?<decidedBy>…)`. Replaces the `decision`, `label` and `score` paths.
     */
    regex: z.string().min(1).optional(),
  })
  .superRefine((m, ctx) => {
    if (m.regex === undefined) return;
    const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['regex'], message });
    let groups: string[];
    try {
      groups = regexGroups(m.regex);
    } catch (e) {
      issue(`regex: not a valid regular expression (${(e as Error).message})`);
      return;
    }
    if (!groups.includes('decision') && !groups.includes('score'))
      issue('regex: name a group (?<decision>…) or (?<score>…) so the match says something');
    const unknown = groups.filter((g) => !(REGEX_GROUPS as readonly string[]).includes(g));
    if (unknown.length) issue(`regex: unknown named group(s) ${unknown.join(', ')} (use ${REGEX_GROUPS.join(', ')})`);
    const paths = (['decision', 'label', 'score', 'decidedBy'] as const).filter((k) => m[k] !== undefined);
    if (paths.length) issue(`regex: reads text, so drop the JSON path(s) ${paths.join(', ')} (use named groups)`);
  });
export type ResponseMapping = z.infer<typeof ResponseMappingSchema>;

/** The named groups of a regular expression (compiles it: throws a SyntaxError when it is not one). */
export function regexGroups(source: string): string[] {
  const re = new RegExp(`${source}|`);
  const m = re.exec('');
  return Object.keys(m?.groups ?? {});
}

/** The scale a mapping's scores are on. */
export function scoreScaleOfMapping(mapping: ResponseMapping | undefined): ScoreScale {
  return mapping?.scoreScale ?? PROBABILITY_SCALE;
}

/**
 * Problems with a mapping's thresholds that its schema cannot see: a probability threshold outside [0,1], or bands
 * in the wrong order for the scale's direction. Each names the offending key.
 */
export function thresholdProblems(mapping: ResponseMapping): Array<{ key: string; message: string }> {
  const scale = scoreScaleOfMapping(mapping);
  const out: Array<{ key: string; message: string }> = [];
  const bands = (['tagAtScore', 'reviewAtScore', 'blockAtScore'] as const).filter((k) => mapping[k] !== undefined);
  for (const key of bands) {
    const x = mapping[key] as number;
    if (scale.unit === 'probability' && (x < 0 || x > 1))
      out.push({
        key,
        message: `${key}: ${x} is not a probability; for scores on another scale declare it, e.g. \`scoreScale: {unit: points}\``,
      });
  }
  // From the least to the most severe band, thresholds move toward the malicious end.
  for (let i = 1; i < bands.length; i++) {
    const lo = mapping[bands[i - 1]!] as number;
    const hi = mapping[bands[i]!] as number;
    const ordered = scale.direction === 'higher-is-malicious' ? lo <= hi : lo >= hi;
    if (!ordered)
      out.push({
        key: bands[i]!,
        message: `${bands[i]} (${hi}) must be ${scale.direction === 'higher-is-malicious' ? 'at or above' : 'at or below'} ${bands[i - 1]} (${lo}) on a ${scale.direction} scale`,
      });
  }
  return out;
}

/** `exposes:` narrows what the attacker (and the campaign) sees of each answer. */
export const ExposesSchema = z.array(z.enum(EXPOSABLE)).min(1).optional();

/** What a target that answers through a response mapping lets the campaign observe. */
export function exposesOfMapping(
  exposes: readonly Exposable[] | undefined,
  mapping: ResponseMapping | undefined,
): Exposable[] {
  if (exposes) return [...exposes];
  if (!mapping) return ['decision', 'score', 'decidedBy'];
  const groups = mapping.regex !== undefined ? regexGroups(mapping.regex) : [];
  return [
    'decision',
    ...(mapping.score || groups.includes('score') ? (['score'] as const) : []),
    ...(mapping.decidedBy || groups.includes('decidedBy') ? (['decidedBy'] as const) : []),
  ];
}
