/**
 * The system-model language. This zod schema is the single source of truth: the TypeScript types, the runtime
 * validation and the published JSON Schema (`nograd schema`, schema/system-model.schema.json) all come from it,
 * and docs/model-reference.md is generated from the `.describe()` texts.
 *
 * Objects are strict: an unknown field is an error (with a "did you mean"), never silently kept.
 */
import { z } from 'zod';
import {
  CatalogFragment,
  CatalogFragmentTop,
  CatalogSection,
  CatalogSectionTop,
  CostEstimateVectorSchema,
  type ModelCatalogSection,
} from './catalog-schema.js';
import { COST_DIMENSIONS } from './cost.js';
import {
  AUDIENCES,
  COMPONENT_KINDS,
  CONTROL_STATUSES,
  DEPENDENCY_TYPES,
  FLOW_KINDS,
  GOALS,
  KNOWLEDGE_LEVELS,
  LAYERS,
  MODALITIES,
  OUTPUT_KINDS,
  PARADIGMS,
  READ_ACCESS,
  SEVERITIES,
  TRIAGE_STATUSES,
  VISIBILITIES,
  WRITE_ACCESS,
} from './vocabulary.js';

export const MODEL_FORMAT_VERSION = 1;

const Id = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    'ids are lower-case letters, digits, ".", "_" and "-", starting with a letter or digit',
  )
  .describe('A stable identifier, unique within its list (lower-case, digits, ".", "_", "-").');

const Text = z.string().min(1);
const NonNeg = z.number().nonnegative();
const Probability = z.number().min(0).max(1);
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD')
  .describe('A calendar date, YYYY-MM-DD.');

const FrameworkRefs = z
  .strictObject({
    atlas: z
      .array(z.string().regex(/^AML\.(?:T|M|TA|CS)\d{4}(?:\.\d{3})?$/, 'an ATLAS id looks like AML.T0015 or AML.M0004'))
      .optional()
      .describe('MITRE ATLAS technique / mitigation ids (AML.T0015, AML.M0004).'),
    aidefend: z
      .array(z.string().regex(/^AID-(?:M|H|D|I|DV|E|R)-\d{3}(?:\.\d{3})?$/, 'an AIDEFEND id looks like AID-H-002.002'))
      .optional()
      .describe('AIDEFEND control ids (AID-H-002.002).'),
  })
  .describe('Framework ids this element maps to. A mapping means relevant, not mitigated.');

export const Assumption = z
  .strictObject({
    id: Id,
    text: Text.describe('The assumption, stated plainly ("images are ignored", "text is NFC").'),
    reason: z.string().optional().describe('Why the designers believe it holds.'),
    evidence: z.string().optional().describe('A link or reference to the evidence.'),
    expires: IsoDate.optional().describe('When the assumption must be re-checked; past this date analysis flags it.'),
    excludedFromAnalysis: z
      .boolean()
      .optional()
      .describe('True when analysis should treat this as accepted scope (written down, re-checked at expiry).'),
  })
  .describe('A stated assumption of a component: what attackers break.');

export const Output = z
  .strictObject({
    name: Text.describe('What the output is called (e.g. "spam score").'),
    kind: z.enum(OUTPUT_KINDS).describe('Its shape.'),
    visibleTo: z.array(z.enum(AUDIENCES)).min(1).describe('Who can observe it.'),
    delayHours: NonNeg.optional().describe('How late the audience sees it, if delayed.'),
  })
  .describe('One output of a component and who sees it.');

export const Component = z
  .strictObject({
    id: Id,
    name: Text.optional(),
    kind: z.enum(COMPONENT_KINDS).describe('What the component is.'),
    layer: z
      .enum(LAYERS)
      .optional()
      .describe('The funnel layer it sits in (components off the live path may have none).'),
    description: z.string().optional(),
    paradigm: z.enum(PARADIGMS).optional().describe('How it decides: none, heuristic rules, shallow or deep learning.'),
    modality: z.enum(MODALITIES).optional().describe('The kind of data it processes (drives which tactics apply).'),
    assumptions: z.array(Assumption).optional(),
    outputs: z.array(Output).optional(),
    controls: z.array(Id).optional().describe('Ids of controls (from `controls:`) attached to this component.'),
    implementation: z.string().optional().describe('Where the component lives in code (module path, service name).'),
    properties: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .optional()
      .describe(
        'Facts about the component. nograd reads threshold, reviewLow, reviewBandShare, benignReviewShare, capacityPerDay, minutesPerItem, benignPerDay, maxPerHour, retrainIntervalHours, sharedWithTraining and trainingImplementation (see docs/model-reference.md); other keys are free-form facts for custom rules. A near miss of a known key is a warning.',
      ),
  })
  .describe('One part of the ML system.');

export const Flow = z
  .strictObject({
    id: Id.optional(),
    from: Id.describe('Source component id.'),
    to: Id.describe('Destination component id.'),
    kind: z.enum(FLOW_KINDS).default('live').describe('live (serving path), training or feedback.'),
    data: z.string().optional().describe('What moves along the flow.'),
  })
  .describe('Data moving between two components.');

export const TrustBoundary = z
  .strictObject({
    id: Id,
    name: Text.optional(),
    description: z.string().optional(),
    components: z.array(Id).min(1).describe('Components inside the boundary.'),
  })
  .describe('A set of components that share a trust level; flows crossing it matter.');

export const DefenderCostSchema = z
  .strictObject({
    falsePositiveRate: Probability.optional().describe('Share of benign items the control wrongly stops (0..1).'),
    reviewHoursPerWeek: NonNeg.optional().describe('Analyst hours per week it adds.'),
    latencyMs: NonNeg.optional().describe('Added latency per item, milliseconds.'),
    moneyPerMonth: NonNeg.optional().describe('Running cost, USD per month.'),
    implementationHours: NonNeg.optional().describe('Engineering hours to build it.'),
  })
  .describe('What the control costs the defender.');

export const Control = z
  .strictObject({
    id: Id,
    name: Text.optional(),
    catalog: z
      .string()
      .optional()
      .describe('The catalog control this is an instance of (see `nograd catalog controls`).'),
    on: z.array(Id).min(1).describe('Components it guards.'),
    status: z.enum(CONTROL_STATUSES).default('implemented').describe('implemented today, or planned.'),
    counters: z
      .array(z.string())
      .optional()
      .describe('Tactic ids it counters (defaults to the catalog control’s list).'),
    effectiveness: Probability.optional().describe('Probability it stops an attempt of a countered tactic (0..1).'),
    effectivenessAgainst: z
      .record(z.string(), Probability)
      .optional()
      .describe(
        'Per tactic id: how well it stops that tactic in this system (overrides `effectiveness` for that tactic).',
      ),
    defenderCost: DefenderCostSchema.optional(),
    description: z.string().optional(),
    frameworks: FrameworkRefs.optional(),
  })
  .describe('A defense on one or more components.');

const CostPartial = z
  .strictObject(
    Object.fromEntries(COST_DIMENSIONS.map((d) => [d, NonNeg.optional()])) as Record<
      (typeof COST_DIMENSIONS)[number],
      z.ZodOptional<z.ZodNumber>
    >,
  )
  .describe(
    'A partial attacker cost vector: money (USD), humanHours, implementationHours, queries, timeHours, detectionRisk (0..1).',
  );

export const Budget = z
  .strictObject({
    money: NonNeg.optional().describe('USD the attacker will spend.'),
    humanHours: NonNeg.optional().describe('Person-hours of manual work available.'),
    implementationHours: NonNeg.optional().describe('Engineering hours available to build tooling.'),
    accounts: NonNeg.optional().describe('Accounts the attacker can obtain or burn.'),
    queries: NonNeg.optional().describe('Requests to the system.'),
    timeHours: NonNeg.optional().describe('Wall-clock hours until the attacker gives up.'),
    maxDetectionRisk: Probability.optional().describe('The detection probability the attacker will tolerate.'),
  })
  .describe('What the attacker can spend.');

export const AttackerCosts = z
  .strictObject({
    hourlyRate: NonNeg.optional().describe(
      'USD per person-hour for this attacker: ranks their paths (the weight of humanHours and implementationHours).',
    ),
    accountPrice: NonNeg.optional().describe(
      'USD one account costs them here: a tactic consuming accounts pays at least this per account per attempt.',
    ),
    infrastructurePerQuery: NonNeg.optional().describe(
      'USD of infrastructure (proxies, devices, hosting, phone numbers) per query sent: added to every attempt.',
    ),
    tactics: z
      .record(z.string(), CostEstimateVectorSchema)
      .optional()
      .describe(
        'Per tactic id: cost dimensions of one attempt in this system for this attacker (replace the catalog’s).',
      ),
  })
  .describe('What things cost this attacker in this system (detection tolerance: `budget.maxDetectionRisk`).');

export const ComponentAccess = z
  .strictObject({
    component: Id.describe('The component this view is about.'),
    knowledge: z.enum(KNOWLEDGE_LEVELS).describe('What the attacker knows of it: perfect, limited or zero.'),
    read: z.array(z.enum(READ_ACCESS)).min(1).describe('Exactly what they can observe of it.'),
    write: z.array(z.enum(WRITE_ACCESS)).min(1).describe('Exactly what they can influence.'),
    notes: z.string().optional(),
  })
  .describe('An attacker’s view of one component: knowledge and read/write access, spelled out.');

export const Attacker = z
  .strictObject({
    id: Id,
    name: Text.optional(),
    goal: z.enum(GOALS).describe('evade, abuse, poison, extract or disrupt.'),
    target: Id.describe('The component whose decision they want to change (usually the final policy).'),
    description: z.string().optional(),
    strategy: z.string().optional().describe('How they intend to reach the goal, in words.'),
    resources: z
      .enum(['economically-rational', 'nation-state'])
      .default('economically-rational')
      .describe('Cost bracket: economically rational attackers stop when the attack costs more than it earns.'),
    gainPerSuccess: NonNeg.optional().describe('What one success is worth to them, USD.'),
    budget: Budget.optional(),
    access: z
      .array(ComponentAccess)
      .optional()
      .describe('Per-component knowledge and access (KNOWLEDGE+, CAPABILITIES+).'),
    tactics: z
      .array(z.string())
      .optional()
      .describe('Restrict analysis to these catalog tactic ids (default: all that apply).'),
    costs: AttackerCosts.optional(),
    automation: z
      .boolean()
      .optional()
      .describe('False for an attacker who works by hand: tactics that need scripted volume do not apply.'),
  })
  .describe('An attacker profile.');

export const Dependency = z
  .strictObject({
    id: Id,
    name: Text.describe('Package, model or dataset name.'),
    type: z.enum(DEPENDENCY_TYPES),
    version: z.string().optional(),
    source: z.string().optional().describe('Where it comes from (registry, vendor, URL).'),
    pinned: z.boolean().optional().describe('True when the exact version is pinned.'),
    hash: z.string().optional().describe('Content hash (e.g. sha512-…, sha256:…).'),
    license: z.string().optional(),
    usedBy: z.array(Id).optional().describe('Components that use it.'),
    purl: z.string().optional().describe('Package URL, when imported from an SBOM.'),
  })
  .describe('An external model, dataset, library or API the system depends on.');

export const TriageEntry = z
  .strictObject({
    finding: Text.describe('A finding id (rule@component[@attacker]); "*" matches any run of characters.'),
    status: z.enum(TRIAGE_STATUSES),
    justification: z.string().optional(),
    ticket: z.string().optional(),
    owner: z.string().optional(),
    date: IsoDate.optional(),
    expires: IsoDate.optional().describe('After this date the entry no longer suppresses the finding.'),
  })
  .describe('A triage decision on a finding.');

export const SystemInfo = z
  .strictObject({
    id: Id,
    name: Text,
    description: z.string().optional(),
    visibility: z.enum(VISIBILITIES).optional().describe('How visible the system is to a low-privilege user.'),
    owner: z.string().optional(),
  })
  .describe('What the system is.');

/** The lists every file (main or included) may contribute. */
const fragmentShape = {
  components: z.array(Component).optional().describe('The parts of the ML system, across the funnel and off it.'),
  flows: z.array(Flow).optional().describe('Data moving between components.'),
  trustBoundaries: z.array(TrustBoundary).optional().describe('Groups of components sharing a trust level.'),
  controls: z.array(Control).optional().describe('Defenses, implemented or planned.'),
  attackers: z.array(Attacker).optional().describe('Attacker profiles with per-component knowledge and access.'),
  dependencies: z.array(Dependency).optional().describe('External models, datasets, libraries and APIs.'),
  triage: z.array(TriageEntry).optional().describe('Triage decisions on findings (status, justification, expiry).'),
  metadata: z.record(z.string(), z.unknown()).optional().describe('Free metadata, kept as is.'),
};

export const SystemModelFile = z
  .strictObject({
    nograd: z.literal(MODEL_FORMAT_VERSION).describe('Model format version (1).'),
    system: SystemInfo,
    includes: z.array(Text).optional().describe('Other model files (relative paths) whose lists are merged in.'),
    catalog: CatalogSection.optional(),
    ...fragmentShape,
  })
  .describe('A nograd system model.');

export const SystemModelFragment = z
  .strictObject({ includes: z.array(Text).optional(), catalog: CatalogFragment.optional(), ...fragmentShape })
  .describe('An included model file: lists only (and tactics and controls of the model’s own).');

/** The element schema of each list, for validating list items one by one (so one bad item hides nothing else). */
export const LIST_ELEMENT_SCHEMAS = {
  components: Component,
  flows: Flow,
  trustBoundaries: TrustBoundary,
  controls: Control,
  attackers: Attacker,
  dependencies: Dependency,
  triage: TriageEntry,
} as const;

const looseLists = Object.fromEntries(
  Object.keys(LIST_ELEMENT_SCHEMAS).map((k) => [k, z.array(z.unknown()).optional()]),
) as Record<keyof typeof LIST_ELEMENT_SCHEMAS, z.ZodOptional<z.ZodArray<z.ZodUnknown>>>;
/** The file-level shape with list items left unchecked; items are checked one by one against LIST_ELEMENT_SCHEMAS. */
export const SystemModelFileTop = SystemModelFile.extend({ ...looseLists, catalog: CatalogSectionTop.optional() });
export const SystemModelFragmentTop = SystemModelFragment.extend({
  ...looseLists,
  catalog: CatalogFragmentTop.optional(),
});

export type AssumptionT = z.infer<typeof Assumption>;
export type ComponentT = z.infer<typeof Component>;
export type FlowT = z.infer<typeof Flow>;
export type TrustBoundaryT = z.infer<typeof TrustBoundary>;
export type ControlT = z.infer<typeof Control>;
export type AttackerT = z.infer<typeof Attacker>;
export type ComponentAccessT = z.infer<typeof ComponentAccess>;
export type BudgetT = z.infer<typeof Budget>;
export type AttackerCostsT = z.infer<typeof AttackerCosts>;
export type DependencyT = z.infer<typeof Dependency>;
export type TriageEntryT = z.infer<typeof TriageEntry>;
export type CostPartialT = z.infer<typeof CostPartial>;
export { CostPartial };

/** The merged model, with every list present. */
export interface SystemModel {
  nograd: 1;
  system: z.infer<typeof SystemInfo>;
  components: ComponentT[];
  flows: FlowT[];
  trustBoundaries: TrustBoundaryT[];
  controls: ControlT[];
  attackers: AttackerT[];
  dependencies: DependencyT[];
  triage: TriageEntryT[];
  metadata: Record<string, unknown>;
  /** Packs switched on and the model’s own tactics and controls; the loader always sets it (absent: mail only). */
  catalog?: ModelCatalogSection;
}

export const SEVERITY_ORDER = SEVERITIES;
