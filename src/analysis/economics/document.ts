/**
 * The economics result as a saved document (`kind: "nograd-economics"`): what `nograd analyze` puts in the
 * analysis result's `economics` slot, and what `nograd report --economics` reads on its own.
 *
 * The types stay hand-written in types.ts (the engine builds them field by field); this schema checks the envelope
 * and every part a reader relies on (attackers with their path sets, simulation results, recommendations,
 * calibration rows) and lets the rest pass through unchanged, so a saved document round-trips byte for byte.
 */
import { z } from 'zod';
import { defineDocument, fromSchemaVersion } from '../../util/document.js';
import { ECONOMICS_SCHEMA_VERSION, type EconomicsResult } from './types.js';

const Num = z.number();
const Cost = z.record(z.string(), Num);

const Step = z.looseObject({
  stage: z.string(),
  kind: z.enum(['tactic', 'open', 'side-door']),
  successProbability: Num,
  cost: Cost,
});

const Path = z.looseObject({
  key: z.string(),
  steps: z.array(Step),
  cost: Cost,
  weightedCost: Num,
  successProbability: Num,
});

const PathSet = z.looseObject({ cheapest: Path.nullable(), pareto: z.array(Path) });

const Histogram = z.looseObject({ edges: z.array(Num), counts: z.array(Num) });
const Distribution = z.looseObject({ mean: Num, median: Num, max: Num, histogram: Histogram });

const Body = z.looseObject({
  weights: Cost,
  attackers: z.array(z.looseObject({ attacker: z.string(), today: PathSet, planned: PathSet })),
  defender: z.looseObject({ today: z.looseObject({}), planned: z.looseObject({}) }),
  simulation: z
    .looseObject({
      results: z.array(
        z.looseObject({
          attacker: z.string(),
          scenario: z.string(),
          pSuccessWithinBudget: Num,
          timeHours: Distribution,
          money: Distribution,
        }),
      ),
    })
    .optional(),
  recommendations: z
    .looseObject({
      add: z.array(
        z.looseObject({
          control: z.string(),
          name: z.string(),
          on: z.array(z.string()),
          perAttacker: z.array(z.looseObject({ attacker: z.string(), before: Num.nullable(), after: Num.nullable() })),
          attackerCostRaised: Num,
          defenderCost: Num,
          ratio: Num.nullable(),
        }),
      ),
    })
    .optional(),
  calibration: z.looseObject({ rows: z.array(z.looseObject({ tactic: z.string() })) }).optional(),
  notes: z.array(z.string()),
});

const legacyEnvelope = fromSchemaVersion('nograd-economics');

const def = defineDocument('nograd-economics', ECONOMICS_SCHEMA_VERSION, Body, {
  what: 'economics result',
  remedy: 'write one with `nograd analyze --format json` (its `economics` field)',
  // `{ schemaVersion: 1 }` economics documents; an old analysis result (which has findings) is not one.
  legacy: (raw) => (Array.isArray(raw.findings) || 'findings' in raw ? undefined : legacyEnvelope(raw)),
  keepInput: true,
});

/** The economics document: parse and read give the engine's `EconomicsResult` type. */
export const EconomicsDocument = {
  ...def,
  /** Checks the document and keeps it as written (see keepInput), for embedding in other documents' schemas. */
  // `unknown` refined (not z.custom) so JSON Schema generation still works: the slot is an open object there.
  schema: z.unknown().superRefine((value, ctx) => {
    const r = def.schema.safeParse(value);
    if (!r.success)
      for (const issue of r.error.issues)
        ctx.addIssue({ code: 'custom', message: issue.message, path: [...issue.path] });
  }) as unknown as z.ZodType<EconomicsResult>,
  parse: (value: unknown, source?: string) => def.parse(value, source) as unknown as EconomicsResult,
  read: (path: string) => def.read(path) as unknown as EconomicsResult,
};
