/**
 * The closed vocabularies of the system-model language. Everything else (schema, catalog, rules, reports)
 * imports these lists so that a word means one thing everywhere. The words follow Apruzzese et al.,
 * "Real Attackers Don't Compute Gradients" (SaTML 2023): precise per-component knowledge and read/write
 * access instead of "box" colours, and the four funnel layers of Meta's abuse-fighting stack.
 */

/** What a component is. `account-identity` stands for the "account/identity". */
export const COMPONENT_KINDS = [
  'input-source',
  'preprocessing',
  'feature-extraction',
  'model',
  'post-processing',
  'policy',
  'human-review',
  'feedback',
  'training-data',
  'logging',
  'storage',
  'dependency',
  'account-identity',
  'activity-monitor',
] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

/** The funnel layers, in the order an attacker meets them. */
export const LAYERS = ['automation', 'access', 'activity', 'application'] as const;
export type Layer = (typeof LAYERS)[number];

/** Data paths between components. */
export const FLOW_KINDS = ['live', 'training', 'feedback'] as const;
export type FlowKind = (typeof FLOW_KINDS)[number];

/** Attacker goals (GOAL+). `evade` is a goal, never a strategy. */
export const GOALS = ['evade', 'abuse', 'poison', 'extract', 'disrupt'] as const;
export type Goal = (typeof GOALS)[number];

/** KNOWLEDGE+ of one component. */
export const KNOWLEDGE_LEVELS = ['perfect', 'limited', 'zero'] as const;
export type KnowledgeLevel = (typeof KNOWLEDGE_LEVELS)[number];

/**
 * What an attacker can read from a component: the exact observable output.
 * `decision` = only the system's final verdict; `label` = the component's top class; `score` = a confidence
 * or probability; `delayed-outcome` = an effect seen later (a bounce, a takedown); `none` = nothing.
 */
export const READ_ACCESS = ['none', 'decision', 'label', 'score', 'delayed-outcome', 'logs', 'parameters'] as const;
export type ReadAccess = (typeof READ_ACCESS)[number];

/**
 * What an attacker can write to a component: the surfaces they influence.
 * `live-input` = data the component processes at serving time; `training-data` = samples or labels that reach
 * training; `preprocessing` = code/config of a preprocessing step; `feedback` = user reports that the system acts on;
 * `account` = entities (accounts, keys) the system admits; `config` = the component's configuration.
 */
export const WRITE_ACCESS = [
  'none',
  'live-input',
  'training-data',
  'preprocessing',
  'feedback',
  'account',
  'config',
] as const;
export type WriteAccess = (typeof WRITE_ACCESS)[number];

/** Who can see a component's output. */
export const AUDIENCES = ['attacker', 'end-user', 'analyst', 'operator', 'downstream-system', 'nobody'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** What a component outputs (its shape, as an attacker would observe it). */
export const OUTPUT_KINDS = [
  'decision',
  'label',
  'score',
  'text',
  'features',
  'delayed-outcome',
  'log',
  'data',
] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

/**
 * The kind of data a component processes; tactics list the modalities they work on. `tabular` covers records such
 * as transactions and account features; `device` is what a client reports about itself (browser and device
 * fingerprints), which fraud systems score apart from the transaction.
 */
export const MODALITIES = [
  'text',
  'html',
  'email',
  'url',
  'image',
  'tabular',
  'events',
  'device',
  'binary',
  'other',
] as const;
export type Modality = (typeof MODALITIES)[number];

/**
 * Tactic families (the catalog's, src/catalog/families.ts says what each is). Six are the practical ways real
 * attackers act on a system; `model-level` (gradient- and score-based attacks) is kept for contrast. Here, below the
 * catalog, because a model may declare its own tactics and the schema needs the words.
 */
export const TACTIC_FAMILIES = [
  'input-transformation',
  'layout',
  'access-abuse',
  'automation',
  'activity-shaping',
  'feedback-abuse',
  'model-level',
] as const;
export type TacticFamily = (typeof TACTIC_FAMILIES)[number];

/** Control categories (the catalog's); a model's own controls use them too. */
export const CONTROL_CATEGORIES = ['system', 'model-hardening', 'process', 'monitoring'] as const;
export type ControlCategory = (typeof CONTROL_CATEGORIES)[number];

/**
 * Domain packs of the built-in catalog (src/catalog/packs.ts describes each). A model switches packs on under
 * `catalog: { packs: [...] }`; `mail` alone when it names none.
 */
export const DOMAIN_PACKS = ['mail', 'web-phishing', 'fraud', 'content-moderation'] as const;
export type DomainPack = (typeof DOMAIN_PACKS)[number];

/** System visibility to a low-privilege user (RG §II-A). */
export const VISIBILITIES = ['open', 'closed-unrestricted', 'closed-restricted', 'invisible'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** How the component decides (RG: layers mix shallow learning, deep learning and heuristic rules). */
export const PARADIGMS = ['none', 'heuristic', 'shallow', 'deep'] as const;
export type Paradigm = (typeof PARADIGMS)[number];

export const CONTROL_STATUSES = ['implemented', 'planned'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

export const DEPENDENCY_TYPES = ['model', 'dataset', 'library', 'api', 'service', 'other'] as const;
export type DependencyType = (typeof DEPENDENCY_TYPES)[number];

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const TRIAGE_STATUSES = ['open', 'accepted', 'mitigated', 'in-progress', 'false-positive'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

/** Words that RG §V-A asks threat models to stop using. */
export const VAGUE_BOX_WORDING = /\b(?:black|white|gr[ae]y|no)[\s-]?box\b/i;
/**
 * A component named as an opaque box ("ML box", "AI box", "magic box"): says nothing about what it takes, decides
 * or exposes. Words that merely end in "box" (mailbox, inbox, sandbox, checkbox) do not match.
 */
export const VAGUE_COMPONENT_NAME = /\b(?:ml|ai|magic|model|algorithm|mystery)[\s-]?box(?:es)?\b/i;
