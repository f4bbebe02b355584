/**
 * The model's own knowledge: the `catalog:` section of a system model. It switches built-in domain packs on and
 * declares tactics and controls the built-in catalog lacks (a fraud team's chargeback trick, its dispute-evidence
 * check). The shapes mirror the catalog's Tactic and Control (src/catalog/types.ts) field by field, with costs that
 * may be distributions; src/analysis/model-catalog.ts turns them into catalog entries and checks what needs the
 * built-in catalog (id collisions, references, ATLAS and AIDEFEND ids).
 */
import { z } from 'zod';
import { COST_DIMENSIONS, type CostDimension } from './cost.js';
import {
  COMPONENT_KINDS,
  CONTROL_CATEGORIES,
  DOMAIN_PACKS,
  KNOWLEDGE_LEVELS,
  LAYERS,
  MODALITIES,
  READ_ACCESS,
  TACTIC_FAMILIES,
  WRITE_ACCESS,
} from './vocabulary.js';

const NonNeg = z.number().nonnegative();
const Probability = z.number().min(0).max(1);
const Text = z.string().min(1);

/**
 * Ids of the model's own tactics and controls are namespaced, so they can never collide with a built-in id, today
 * or after an upgrade adds one: `custom.<name>` or `x-<org>.<name>`.
 */
export const CUSTOM_ID_PATTERN = /^(?:custom|x-[a-z0-9]+(?:-[a-z0-9]+)*)\.[a-z0-9][a-z0-9._-]*$/;

const CustomId = z
  .string()
  .min(1)
  .describe('A namespaced id: `custom.<name>` or `x-<org>.<name>` (lower-case, digits, ".", "_", "-").');

/** A cost the user is unsure of: a number, or a uniform `{min, max}` / triangular `{min, mode, max}` range. */
export const CostEstimateSchema = z
  .union([
    NonNeg,
    z
      .strictObject({
        min: NonNeg.describe('Lowest plausible value.'),
        mode: NonNeg.optional().describe('Most likely value (triangular); omitted: uniform between min and max.'),
        max: NonNeg.describe('Highest plausible value.'),
      })
      .refine((e) => e.min <= e.max && (e.mode === undefined || (e.mode >= e.min && e.mode <= e.max)), {
        message: 'a range needs min ≤ mode ≤ max',
      }),
  ])
  .describe('A number, or a range: {min, max} (uniform) or {min, mode, max} (triangular).');

export const CostEstimateVectorSchema = z
  .strictObject(
    Object.fromEntries(COST_DIMENSIONS.map((d) => [d, CostEstimateSchema.optional()])) as Record<
      CostDimension,
      z.ZodOptional<typeof CostEstimateSchema>
    >,
  )
  .describe(
    'Cost of one attempt: money (USD), humanHours, implementationHours (one-off), queries, timeHours, detectionRisk (0..1); each a number or a range.',
  );

const FrameworkIds = {
  atlas: z
    .array(z.string())
    .optional()
    .describe('MITRE ATLAS ids (AML.T0043, AML.M0004): checked against the release the catalog pins.'),
  aidefend: z
    .array(z.string())
    .optional()
    .describe('AIDEFEND ids (AID-H-002.002): checked against the release the catalog pins.'),
};

const CounteredBy = z
  .strictObject({
    control: Text.describe('A catalog control id (built-in or one of this model’s).'),
    effectiveness: Probability.optional().describe(
      'Probability it stops one attempt of this tactic (default: the control’s own effectiveness).',
    ),
  })
  .describe('A control that counters this tactic, and how well.');

export const CustomTactic = z
  .strictObject({
    id: CustomId,
    name: Text.describe('A short name.'),
    family: z.enum(TACTIC_FAMILIES).describe('The tactic family (see `nograd catalog`).'),
    summary: Text.describe('What the attacker does and why it works.'),
    targets: z
      .strictObject({
        kinds: z.array(z.enum(COMPONENT_KINDS)).min(1).describe('Component kinds it acts on.'),
        layers: z.array(z.enum(LAYERS)).optional().describe('Funnel layers it acts in (omitted: any).'),
        modalities: z.array(z.enum(MODALITIES)).optional().describe('Data it works on (omitted: any).'),
      })
      .describe('Which components it acts on: kind, and optionally funnel layer and modality.'),
    requires: z
      .strictObject({
        write: z.array(z.enum(WRITE_ACCESS)).min(1).describe('Write surfaces the attacker needs (all of them).'),
        read: z
          .array(z.enum(READ_ACCESS))
          .optional()
          .describe('Observable output that lets them iterate (any one suffices); omitted: works blind.'),
        accounts: NonNeg.optional().describe('Accounts consumed per attempt.'),
        knowledge: z.enum(KNOWLEDGE_LEVELS).optional().describe('The least knowledge of the component it needs.'),
        automation: z
          .boolean()
          .optional()
          .describe('True when it only pays at scripted volume: attackers with `automation: false` cannot use it.'),
      })
      .describe('Capabilities the attacker must have.'),
    breaks: z
      .array(Text)
      .optional()
      .describe('Keywords: when one starts a word of a component’s stated assumption, this tactic breaks it.'),
    cost: CostEstimateVectorSchema,
    costNote: z.string().optional().describe('Why the cost numbers are what they are.'),
    success: z
      .strictObject({
        prior: Probability.describe('Probability one attempt gets past the targeted component with no control.'),
        source: Text.describe('Where the number comes from (incident data, a test, a paper).'),
      })
      .describe('The success prior and its source.'),
    counteredBy: z.array(CounteredBy).optional().describe('Controls that counter it and how well.'),
    simpleHeuristic: z.string().optional().describe('The cheap defence that defuses it.'),
    evidence: z.string().optional().describe('Facts behind it (incidents, references).'),
    ...FrameworkIds,
  })
  .describe('A tactic of this model’s own (namespaced id), used by every command like a built-in one.');

const CounterEntry = z.union([
  Text,
  z.strictObject({
    tactic: Text.describe('A tactic id (built-in or one of this model’s).'),
    effectiveness: Probability.optional().describe('How well it stops this tactic (default: `effectiveness`).'),
  }),
]);

const DefenderCost = z
  .strictObject({
    falsePositiveRate: Probability.optional().describe('Share of benign items wrongly stopped (0..1).'),
    reviewHoursPerWeek: NonNeg.optional().describe('Analyst hours per week it adds.'),
    latencyMs: NonNeg.optional().describe('Added latency per item, milliseconds.'),
    moneyPerMonth: NonNeg.optional().describe('Running cost, USD per month.'),
    implementationHours: NonNeg.optional().describe('Engineering hours to build it.'),
  })
  .describe('What the control costs the defender by default.');

export const CustomControl = z
  .strictObject({
    id: CustomId,
    name: Text.describe('A short name.'),
    summary: Text.describe('What it does and why it works.'),
    category: z.enum(CONTROL_CATEGORIES).describe('system, model-hardening, process or monitoring.'),
    layer: z.enum(LAYERS).optional().describe('The funnel layer it sits in.'),
    guards: z.array(z.enum(COMPONENT_KINDS)).min(1).describe('Component kinds it is attached to.'),
    counters: z
      .array(CounterEntry)
      .describe('Tactic ids it counters: an id, or {tactic, effectiveness} to say how well against that one.'),
    effectiveness: Probability.describe('Default probability it stops one attempt of a countered tactic.'),
    defenderCost: DefenderCost.optional(),
    simple: z.boolean().optional().describe('True for a cheap heuristic an attacker must beat first.'),
    ...FrameworkIds,
  })
  .describe('A control of this model’s own (namespaced id); attach it with `controls: [{catalog: <id>, on: …}]`.');

export const CatalogSection = z
  .strictObject({
    packs: z
      .array(z.enum(DOMAIN_PACKS))
      .optional()
      .describe('Built-in domain packs to use (default: [mail]). Only their tactics and controls are considered.'),
    tactics: z.array(CustomTactic).optional().describe('This model’s own tactics.'),
    controls: z.array(CustomControl).optional().describe('This model’s own controls.'),
  })
  .describe('Which built-in knowledge the model uses, and its own tactics and controls.');

export const CatalogFragment = z
  .strictObject({
    tactics: z.array(CustomTactic).optional().describe('Tactics of the including model’s own.'),
    controls: z.array(CustomControl).optional().describe('Controls of the including model’s own.'),
  })
  .describe('Tactics and controls an included file contributes (packs are chosen in the top model file).');

/** The section with its lists left loose (items are checked one by one, like the model's lists). */
export const CatalogSectionTop = CatalogSection.extend({
  tactics: z.array(z.unknown()).optional(),
  controls: z.array(z.unknown()).optional(),
});
export const CatalogFragmentTop = CatalogFragment.extend({
  tactics: z.array(z.unknown()).optional(),
  controls: z.array(z.unknown()).optional(),
});

export const CATALOG_LISTS = { tactics: CustomTactic, controls: CustomControl } as const;
export type CatalogList = keyof typeof CATALOG_LISTS;

export type CustomTacticT = z.infer<typeof CustomTactic>;
export type CustomControlT = z.infer<typeof CustomControl>;
export type CostEstimateT = z.infer<typeof CostEstimateSchema>;

/** The merged catalog section of a model (every file's tactics and controls; packs from the top file). */
export interface ModelCatalogSection {
  /** As written; undefined when the model names none (then `mail`). */
  packs?: (typeof DOMAIN_PACKS)[number][];
  tactics: CustomTacticT[];
  controls: CustomControlT[];
}
