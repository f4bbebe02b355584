/**
 * A zod schema of the analysis result document, as reports read it. Saved result files are untrusted input: the
 * report command parses them with this schema before anything is rendered (unknown keys are dropped, wrong types
 * are errors with a path). The JSON Schema of the report document is generated from these schemas
 * (`reportJsonSchema()`), so the published schema and the parser cannot drift; compile-time checks at the end of
 * this file keep this schema assignable to the analysis module's `AnalysisResult` type.
 */
import { z } from 'zod';
import { ANALYSIS_SCHEMA_VERSION, type AnalysisResult } from '../analysis/result.js';
import { COST_DIMENSIONS } from '../model/cost.js';
import { GOALS, SEVERITIES, TRIAGE_STATUSES } from '../model/vocabulary.js';

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

export const FindingSchema = z.object({
  id: z.string(),
  rule: z.string(),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  severityReason: z.string(),
  message: z.string(),
  component: z.string().optional(),
  attacker: z.string().optional(),
  location: PositionSchema,
  remediation: z.array(z.object({ control: z.string(), name: z.string(), why: z.string().optional() })),
  frameworks: z.object({ atlas: z.array(z.string()), aidefend: z.array(z.string()) }),
  evidence: z.array(z.object({ fact: z.string(), location: PositionSchema.optional() })),
  source: z.enum(['builtin', 'custom']),
  triage: z
    .object({
      status: z.enum(TRIAGE_STATUSES),
      justification: z.string().optional(),
      ticket: z.string().optional(),
      owner: z.string().optional(),
      date: z.string().optional(),
      expires: z.string().optional(),
      expired: z.boolean().optional(),
      location: PositionSchema.optional(),
      pattern: z.string(),
    })
    .optional(),
  suppressed: z.boolean(),
});

export const TacticApplicabilitySchema = z.object({
  tactic: z.string(),
  tacticName: z.string(),
  family: z.string(),
  component: z.string(),
  applicable: z.boolean(),
  missing: z.array(z.string()),
  counteredBy: z.array(
    z.object({
      control: z.string(),
      catalog: z.string().optional(),
      effectiveness: Num,
      status: z.enum(['implemented', 'planned']),
    }),
  ),
  successProbability: Num,
  plannedSuccessProbability: Num,
  breaksAssumptions: z.array(z.string()),
  /** Absent in documents written before tactics were anchored to one component: treated as anchored everywhere. */
  primary: z.boolean().default(true),
  cost: CostVectorSchema,
  atlas: z.array(z.string()),
});

export const AttackerAnalysisSchema = z.object({
  attacker: z.string(),
  goal: z.enum(GOALS),
  target: z.string(),
  applicable: z.array(TacticApplicabilitySchema),
  uncountered: z.array(TacticApplicabilitySchema),
  notApplicableCount: Count,
});

export const PostureSchema = z.object({
  today: z.object({ open: Count, counts: SeverityCounts }),
  planned: z.object({
    open: Count,
    counts: SeverityCounts,
    resolved: z.array(z.string()),
    plannedControls: z.array(z.string()),
  }),
});

export const AnalysisResultSchema = z.object({
  schemaVersion: z.literal(ANALYSIS_SCHEMA_VERSION),
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
  counts: SeverityCounts,
  posture: PostureSchema.optional(),
  economics: z.unknown().optional(),
});

/**
 * What renderers accept: an analysis result, where `posture` may be missing (documents written before it existed)
 * and the economics slot is read separately.
 */
export type ReportAnalysis = Omit<AnalysisResult, 'posture' | 'economics'> &
  Partial<Pick<AnalysisResult, 'posture'>> & { economics?: unknown };

// Compile-time drift checks: a parsed document is a ReportAnalysis, and an AnalysisResult is one too.
type Parsed = z.infer<typeof AnalysisResultSchema>;
const _parsedIsReportAnalysis = (p: Parsed): ReportAnalysis => p;
const _resultIsReportAnalysis = (r: AnalysisResult): ReportAnalysis => r;
void _parsedIsReportAnalysis;
void _resultIsReportAnalysis;
