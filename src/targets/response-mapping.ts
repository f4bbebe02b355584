/**
 * What every target kind that answers with JSON shares: how a response becomes a verdict (the response mapping) and
 * what the attacker can observe (`exposes`).
 */
import { z } from 'zod';

export const DECISIONS = ['allow', 'review', 'block'] as const;
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
    /** Path to a decision (allow/review/block, or a label listed in `labels`). */
    decision: z.string().min(1).optional(),
    /** Path to a score in [0,1], higher = more malicious. */
    score: z.string().min(1).optional(),
    /** Path to a label (e.g. "spam"), mapped through `labels`. */
    label: z.string().min(1).optional(),
    /** Label → decision. */
    labels: z.record(z.string(), z.enum(DECISIONS)).optional(),
    /** Path to the deciding component. */
    decidedBy: z.string().min(1).optional(),
    /** Without a decision or label: score ≥ blockAtScore → block. */
    blockAtScore: z.number().min(0).max(1).optional(),
    /** Without a decision or label: reviewAtScore ≤ score < blockAtScore → review. */
    reviewAtScore: z.number().min(0).max(1).optional(),
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
