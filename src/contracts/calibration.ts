/**
 * The calibration file — a contract between the campaign engine (which writes it) and the analysis (which reads
 * it), so it lives below both. (`nograd campaign run --calibration out.json`): what a campaign measured per catalog tactic
 * id — success rate with its 95% Wilson interval, the measured cost vector, and n — in a shape
 * `nograd analyze --calibration` reads to replace the catalog's predicted `baseSuccess` and `cost` with measured
 * ones (and to show predicted against measured).
 *
 * Only single-tactic chains on the configured target calibrate a tactic (a chain's success is not one tactic's).
 * When one catalog id is configured several times (`as:` with other params), the entry without `as:` wins, else the
 * first listed; the others are kept under `alternatives`.
 */
import { z } from 'zod';
import { COST_DIMENSIONS } from '../model/cost.js';
import { defineDocument, fromKeyHeader } from '../util/document.js';

export const CALIBRATION_VERSION = 1;

const Cost = z.strictObject(
  Object.fromEntries(COST_DIMENSIONS.map((d) => [d, z.number()])) as Record<
    (typeof COST_DIMENSIONS)[number],
    z.ZodNumber
  >,
);
const Interval = z.strictObject({ low: z.number().min(0).max(1), high: z.number().min(0).max(1) });

export const MeasuredSchema = z.strictObject({
  /** Configured name in the campaign (the id, or its `as:`). */
  configuredAs: z.string(),
  /** Attempts that count: applicable, answered, on seeds the target blocked untouched. */
  n: z.int().nonnegative(),
  successes: z.int().nonnegative(),
  /** successes / n: the measured counterpart of the catalog's `baseSuccess`. */
  successRate: z.number().min(0).max(1),
  ci95: Interval,
  /** Share of applicable attempts the validity oracle accepted. */
  validRate: z.number().min(0).max(1),
  /** Attempts where the tactic did not apply to the seed. */
  notApplicable: z.int().nonnegative(),
  /** Measured cost of one attempt (implementation and human hours from the catalog; see docs/campaigns.md). */
  costPerAttempt: Cost,
  costPerSuccess: Cost.nullable(),
});

const HardenedRate = z.strictObject({
  n: z.int().nonnegative(),
  successes: z.int().nonnegative(),
  successRate: z.number().min(0).max(1),
  ci95: Interval,
  defused: z.boolean(),
});

export const CalibrationEntrySchema = MeasuredSchema.extend({
  tacticId: z.string(),
  /** The catalog's prediction at the time of the run, for predicted-vs-measured. */
  predicted: z.strictObject({ baseSuccess: z.number(), cost: Cost }).nullable(),
  /** The same tactic with one hardening switch on (switch → rate). */
  hardened: z.record(z.string(), HardenedRate),
  alternatives: z.array(MeasuredSchema),
});

const CalibrationBody = z.strictObject({
  createdAt: z.string(),
  runId: z.string(),
  campaign: z.string(),
  target: z.strictObject({ kind: z.string(), fingerprint: z.string() }),
  /** What counted as evasion. */
  evasionCondition: z.strictObject({
    when: z.string(),
    scoreBelow: z.number().nullable(),
    scoreAbove: z.number().nullable().optional(),
  }),
  /** System-model component ids the campaign tested. */
  components: z.array(z.string()),
  /** Catalog tactic id → measurement. */
  tactics: z.record(z.string(), CalibrationEntrySchema),
});

/**
 * The calibration document (`kind: "nograd-calibration"`); files written with the older key-style header
 * `{ "nograd-calibration": 1 }` are migrated on read.
 */
export const CalibrationDocument = defineDocument('nograd-calibration', CALIBRATION_VERSION, CalibrationBody, {
  what: 'calibration file',
  remedy: 'write one with `nograd campaign run <campaign> --calibration calibration.json`',
  legacy: fromKeyHeader('nograd-calibration'),
});
export const CalibrationFileSchema = CalibrationDocument.schema;

export type CalibrationEntry = z.infer<typeof CalibrationEntrySchema>;
export type CalibrationFile = z.output<typeof CalibrationDocument.fullSchema>;

/** Read and validate a calibration file (for `nograd analyze --calibration`). */
export function readCalibration(path: string): CalibrationFile {
  return CalibrationDocument.read(path);
}
