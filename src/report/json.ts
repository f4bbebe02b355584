/**
 * The JSON report: one versioned document holding the analysis result, whichever other result documents were given
 * (economics, campaign, regression suites, monitor, as the engines wrote them) and the summary the other formats
 * show. Its JSON Schema is generated from the zod schemas (`reportJsonSchema()`, published as
 * schema/report.schema.json by the lead's `npm run gen` if wanted), so the schema and the document cannot drift.
 *
 * reportSchemaVersion changes only on incompatible changes (a field removed or retyped); adding optional fields
 * keeps the version.
 */
import { z } from 'zod';
import { AnalysisResultSchema, CostVectorSchema } from '../analysis/result.js';
import { GOALS, SEVERITIES } from '../model/vocabulary.js';
import { type ReportInput, readViews } from './inputs.js';
import { attackerHeadlines, topControls, verdictOf } from './summary.js';

export const REPORT_SCHEMA_VERSION = 1;
export const REPORT_SCHEMA_ID = 'urn:nograd:schema:report:1';

const Doc = z.record(z.string(), z.unknown());
const PartialCost = CostVectorSchema.partial();

export const ReportSummarySchema = z.object({
  verdict: z.object({
    level: z.enum(['fail', 'warn', 'pass']),
    worst: z.enum(SEVERITIES).optional(),
    headline: z.string(),
    open: z.number().int().nonnegative(),
    suppressed: z.number().int().nonnegative(),
  }),
  attackers: z.array(
    z.object({
      attacker: z.string(),
      goal: z.enum(GOALS).or(z.string()),
      target: z.string(),
      applicable: z.number().int().nonnegative(),
      uncountered: z.number().int().nonnegative(),
      cheapestPath: z
        .object({
          steps: z.array(z.object({ component: z.string(), tactic: z.string() })),
          cost: PartialCost,
          weightedCost: z.number().optional(),
          successProbability: z.number().optional(),
        })
        .optional(),
      likeliest: z
        .object({
          tactic: z.string(),
          tacticName: z.string(),
          component: z.string(),
          successProbability: z.number(),
          cost: CostVectorSchema,
        })
        .optional(),
    }),
  ),
  topControls: z.array(
    z.object({
      control: z.string(),
      name: z.string(),
      reason: z.string(),
      source: z.enum(['economics', 'findings']),
    }),
  ),
});

export const ReportDocumentSchema = z
  .object({
    reportSchemaVersion: z.literal(REPORT_SCHEMA_VERSION),
    generatedBy: z.object({ name: z.literal('nograd'), version: z.string() }),
    generatedAt: z.string().optional(),
    system: z.object({ id: z.string(), name: z.string() }),
    summary: ReportSummarySchema,
    analysis: AnalysisResultSchema,
    economics: Doc.optional().describe('The economics result document, as the engine wrote it.'),
    campaign: Doc.optional().describe('The campaign result document, as the engine wrote it.'),
    suites: z.array(Doc).optional().describe('Regression-suite result documents.'),
    monitor: z.unknown().optional().describe('The monitor result document (or its alerts).'),
  })
  .describe('A nograd report document: analysis and, when given, economics, campaign, regression and monitor results.');

export type ReportDocument = z.infer<typeof ReportDocumentSchema>;

export interface JsonOptions {
  generatedAt?: string;
}

const asDoc = (x: unknown): Record<string, unknown> | undefined =>
  x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;

export function buildReportDocument(input: ReportInput, opts: JsonOptions = {}): ReportDocument {
  const a = input.analysis;
  const v = readViews(input);
  const verdict = verdictOf(a);
  const economics = asDoc(input.economics ?? a.economics);
  const campaign = asDoc(input.campaign);
  const suites = (input.suites ?? []).map(asDoc).filter((s): s is Record<string, unknown> => s !== undefined);
  const { economics: _e, ...analysisRest } = a;
  return {
    reportSchemaVersion: REPORT_SCHEMA_VERSION,
    generatedBy: { name: 'nograd', version: a.tool.version },
    ...(opts.generatedAt ? { generatedAt: opts.generatedAt } : {}),
    system: { id: a.model.system.id, name: a.model.system.name },
    summary: {
      verdict: {
        level: verdict.level,
        ...(verdict.worst ? { worst: verdict.worst } : {}),
        headline: verdict.headline,
        open: verdict.open,
        suppressed: verdict.suppressed,
      },
      attackers: attackerHeadlines(a, v.economics).map((hd) => ({
        attacker: hd.attacker,
        goal: hd.goal,
        target: hd.target,
        applicable: hd.applicable,
        uncountered: hd.uncountered,
        ...(hd.path
          ? {
              cheapestPath: {
                steps: hd.path.steps.map((s) => ({ component: s.component, tactic: s.tactic })),
                cost: hd.path.cost,
                ...(hd.path.weightedCost !== undefined ? { weightedCost: hd.path.weightedCost } : {}),
                ...(hd.path.successProbability !== undefined ? { successProbability: hd.path.successProbability } : {}),
              },
            }
          : {}),
        ...(hd.likeliest ? { likeliest: hd.likeliest } : {}),
      })),
      topControls: topControls(a, v.economics, 3).map(({ control, name, reason, source }) => ({
        control,
        name,
        reason,
        source,
      })),
    },
    analysis: analysisRest as ReportDocument['analysis'],
    ...(economics ? { economics } : {}),
    ...(campaign ? { campaign } : {}),
    ...(suites.length ? { suites } : {}),
    ...(input.monitor !== undefined ? { monitor: input.monitor } : {}),
  };
}

export function renderJson(input: ReportInput, opts: JsonOptions = {}): string {
  return `${JSON.stringify(buildReportDocument(input, opts), null, 2)}\n`;
}

/** The JSON Schema (draft 2020-12) of the report document, generated from the zod schema. */
export function reportJsonSchema(): Record<string, unknown> {
  const s = z.toJSONSchema(ReportDocumentSchema, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
  return { $id: REPORT_SCHEMA_ID, title: `nograd report document v${REPORT_SCHEMA_VERSION}`, ...s };
}
