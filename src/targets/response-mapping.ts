/**
 * What every target kind that answers with JSON shares: how a response becomes a verdict (the response mapping) and
 * what the attacker can observe (`exposes`).
 */
import { z } from 'zod';

const DECISIONS = ['allow', 'review', 'block'] as const;
export const EXPOSABLE = ['decision', 'score', 'decidedBy'] as const;
export type Exposable = (typeof EXPOSABLE)[number];

/** How a JSON response (HTTP body, command stdout) becomes a verdict. Paths are `$.a.b[0]` or `a.b.0`. */
export const ResponseMappingSchema = z.strictObject({
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
});
export type ResponseMapping = z.infer<typeof ResponseMappingSchema>;

/** `exposes:` narrows what the attacker (and the campaign) sees of each answer. */
export const ExposesSchema = z.array(z.enum(EXPOSABLE)).min(1).optional();

/** What a target that answers through a response mapping lets the campaign observe. */
export function exposesOfMapping(
  exposes: readonly Exposable[] | undefined,
  mapping: ResponseMapping | undefined,
): Exposable[] {
  if (exposes) return [...exposes];
  if (!mapping) return ['decision', 'score', 'decidedBy'];
  return [
    'decision',
    ...(mapping.score ? (['score'] as const) : []),
    ...(mapping.decidedBy ? (['decidedBy'] as const) : []),
  ];
}
