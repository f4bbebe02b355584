/**
 * The analysis result document (`kind: "nograd-analysis"`): what `nograd analyze` computes and every renderer
 * (terminal, Markdown, JSON, SARIF, HTML) reads. The zod schema below is the one source: the types are inferred
 * from it, `AnalysisDocument.read(path)` validates saved files with it, and the report's JSON Schema is generated
 * from it. Renderers never compute, the analysis never renders.
 */
import { z } from 'zod';
import { COST_DIMENSIONS } from '../model/cost.js';
import { GOALS, SEVERITIES, TRIAGE_STATUSES } from '../model/vocabulary.js';
import { defineDocument, fromSchemaVersion } from '../util/document.js';
import { EconomicsDocument } from './economics/document.js';

export const ANALYSIS_KIND = 'nograd-analysis';
export const ANALYSIS_SCHEMA_VERSION = 1;

const Num = z.number();
const Count = z.number().int().nonnegative();

export const PositionSchema = z.object({
  file: z.string(),
  line: Count,
  col: Count,
});

export const CostVectorSchema = z.object(
  Object.fromEntries(COST_DIMENSIONS.map((d) => [d, Num])) as Record<(typeof COST_DIMENSIONS)[number], typeof Num>,
);

const SeverityCounts = z.object(
  Object.fromEntries(SEVERITIES.map((s) => [s, Count])) as Record<(typeof SEVERITIES)[number], typeof Count>,
);

/** A model fact a rule matched: shown by `nograd explain` with its position. */
export const EvidenceSchema = z.object({ fact: z.string(), location: PositionSchema.optional() });

export const RemediationSchema = z.object({
  /** Catalog control id. */
  control: z.string(),
  name: z.string(),
  /** Why this control helps here. */
  why: z.string().optional(),
});

export const FindingTriageSchema = z.object({
  status: z.enum(TRIAGE_STATUSES),
  justification: z.string().optional(),
  ticket: z.string().optional(),
  owner: z.string().optional(),
  date: z.string().optional(),
  expires: z.string().optional(),
  /** True when an acceptance expired and the finding is open again. */
  expired: z.boolean().optional(),
  /** Where the triage entry is written. */
  location: PositionSchema.optional(),
  /** The entry's pattern (a finding id or a wildcard). */
  pattern: z.string(),
});

export const FindingSchema = z.object({
  /** Stable id: `rule@component[@attacker]` — identical across runs and independent of ordering. */
  id: z.string(),
  rule: z.string(),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  /** Why it has this severity (shown by `nograd explain`). */
  severityReason: z.string(),
  message: z.string(),
  component: z.string().optional(),
  attacker: z.string().optional(),
  location: PositionSchema,
  remediation: z.array(RemediationSchema),
  frameworks: z.object({ atlas: z.array(z.string()), aidefend: z.array(z.string()) }),
  evidence: z.array(EvidenceSchema),
  /** 'custom' for declarative rules loaded from a rule file. */
  source: z.enum(['builtin', 'custom']),
  triage: FindingTriageSchema.optional(),
  /** True when triage takes it out of the gate (accepted, mitigated, false-positive, not expired). */
  suppressed: z.boolean(),
});

export const CounterRefSchema = z.object({
  /** Model control id. */
  control: z.string(),
  /** Catalog control id it instantiates. */
  catalog: z.string().optional(),
  effectiveness: Num,
  status: z.enum(['implemented', 'planned']),
});

/** One tactic against one component, for one attacker. */
export const TacticApplicabilitySchema = z.object({
  tactic: z.string(),
  tacticName: z.string(),
  family: z.string(),
  component: z.string(),
  /** True when the attacker has every capability the tactic needs on this component. */
  applicable: z.boolean(),
  /** What is missing when not applicable (e.g. "write live-input", "read score|label"). */
  missing: z.array(z.string()),
  counteredBy: z.array(CounterRefSchema),
  /** Probability one attempt gets past this component with today's (implemented) controls. */
  successProbability: Num,
  /** …and with planned controls added. */
  plannedSuccessProbability: Num,
  /** Assumption ids of the component that this tactic breaks. */
  breaksAssumptions: z.array(z.string()),
  /**
   * True on the one component where this tactic is anchored for this attacker (the component whose assumption it
   * breaks, else the one a control guards against it, else the tactic's primary kind nearest the decision). A
   * tactic is one act of the attacker; reporting it once keeps findings readable. Absent in documents written
   * before tactics were anchored to one component: treated as anchored everywhere.
   */
  primary: z.boolean().default(true),
  cost: CostVectorSchema,
  atlas: z.array(z.string()),
});

export const AttackerAnalysisSchema = z.object({
  attacker: z.string(),
  goal: z.enum(GOALS),
  target: z.string(),
  /** Applicable tactics (requirements met), by component. */
  applicable: z.array(TacticApplicabilitySchema),
  /** Applicable and not countered by any implemented control. */
  uncountered: z.array(TacticApplicabilitySchema),
  /** Count of tactic×component pairs examined but not applicable (requirements unmet). */
  notApplicableCount: Count,
});

/**
 * Today's posture against the planned one (planned controls treated as implemented): how many tactic uses stay
 * open and which findings the planned controls would resolve.
 */
export const PostureSchema = z.object({
  today: z.object({ open: Count, counts: SeverityCounts }),
  planned: z.object({
    open: Count,
    counts: SeverityCounts,
    resolved: z.array(z.string()),
    plannedControls: z.array(z.string()),
  }),
});

const AnalysisBody = z.object({
  tool: z.object({ name: z.literal('nograd'), version: z.string() }),
  model: z.object({
    system: z.object({ id: z.string(), name: z.string(), description: z.string().optional() }),
    files: z.array(z.string()),
    summary: z.object({
      system: z.string(),
      counts: z.object({
        components: Count,
        flows: Count,
        trustBoundaries: Count,
        controls: Count,
        attackers: Count,
        dependencies: Count,
      }),
      byLayer: z.record(z.string(), z.array(z.string())),
      attackers: z.array(z.object({ id: z.string(), goal: z.string(), target: z.string() })),
    }),
  }),
  catalog: z.object({ tactics: Count, controls: Count, atlasVersion: z.string(), aidefendVersion: z.string() }),
  findings: z.array(FindingSchema),
  attackers: z.array(AttackerAnalysisSchema),
  /** Counts by severity of findings that count for the gate (not suppressed). */
  counts: SeverityCounts,
  /** Always written by `analyze`; absent in documents written before it existed. */
  posture: PostureSchema.optional(),
  /** Sections added by the economics layer (paths, simulation, recommendations, calibration). */
  economics: EconomicsDocument.schema.optional(),
});

const legacyAnalysis = fromSchemaVersion(ANALYSIS_KIND);
const legacyEconomics = fromSchemaVersion('nograd-economics');

/** The analysis result document: `read(path)` for saved files, `parse(value)` for values, `schema` for both. */
export const AnalysisDocument = defineDocument(ANALYSIS_KIND, ANALYSIS_SCHEMA_VERSION, AnalysisBody, {
  what: 'analysis result',
  remedy: 'write one with `nograd analyze <model> --format json`',
  // `{ schemaVersion: 1 }` documents (and their economics slot) from before the unified envelope.
  legacy: (raw) => {
    const doc = legacyAnalysis(raw);
    if (!doc) return undefined;
    const e = doc.economics;
    if (e && typeof e === 'object' && !Array.isArray(e) && (e as { kind?: unknown }).kind === undefined)
      return { ...doc, economics: legacyEconomics(e as Record<string, unknown>) ?? e };
    return doc;
  },
});

/** The analysis result schema, envelope included (the report's JSON Schema embeds it). */
export const AnalysisResultSchema = AnalysisDocument.schema;

export type Evidence = z.infer<typeof EvidenceSchema>;
export type Remediation = z.infer<typeof RemediationSchema>;
export type FindingTriage = z.infer<typeof FindingTriageSchema>;
export type Finding = z.infer<typeof FindingSchema>;
export type CounterRef = z.infer<typeof CounterRefSchema>;
export type TacticApplicability = z.infer<typeof TacticApplicabilitySchema>;
export type AttackerAnalysis = z.infer<typeof AttackerAnalysisSchema>;

/** An analysis result document as read from a file: what every renderer accepts (posture may be missing). */
export type AnalysisDocumentValue = z.output<typeof AnalysisDocument.fullSchema>;

/** An analysis result as `analyze` produces it: the document with its posture always present. */
export type AnalysisResult = AnalysisDocumentValue & { posture: z.output<typeof PostureSchema> };
