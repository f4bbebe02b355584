/**
 * The mapping config: how the fields of someone's production decision log become the canonical record
 * (DecisionLogRecord). Each canonical field takes its value from a source field (a column, or a dotted JSON path),
 * from a constant, or from nowhere; enum and boolean fields can translate values (`{spam: block, ham: allow}`),
 * timestamps can say how they are written. A field the mapping does not mention is read from the source field of
 * the same name, so the default mapping is the identity over DecisionLogRecord (what `nograd reference traffic`
 * writes).
 *
 * ```yaml
 * nograd-mapping: 1
 * fields:
 *   id: trace_id
 *   ts: { field: event_time, format: epoch-ms }
 *   decision: { field: verdict, values: { spam: block, ham: allow, hold: review } }
 *   threshold: { value: 0.5 }
 *   truth: null
 * ```
 */
import { z } from 'zod';
import { readConfigFile } from '../model/config-file.js';
import type { Position } from '../model/diagnostics.js';
import { DECISION_LOG_SCHEMA, type FieldDef, type RecordSchema } from './record-schema.js';

export const SOURCE_FORMATS = ['jsonl', 'csv', 'parquet'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export const TIMESTAMP_FORMATS = ['iso', 'epoch-s', 'epoch-ms'] as const;

/** Where one canonical field comes from. */
export type FieldSource =
  | {
      kind: 'field';
      /** Column name (CSV, Parquet) or dotted path into the JSON object (JSONL; also struct fields in Parquet). */
      path: string;
      /** Source value (as text) → canonical value, for enum and boolean fields. Unlisted values make a bad row. */
      values?: Record<string, string | boolean>;
      /** Timestamps: iso (default), epoch-s, epoch-ms, or a strptime pattern such as '%d/%m/%Y %H:%M:%S'. */
      format?: string;
    }
  | { kind: 'constant'; value: string | number | boolean }
  | { kind: 'none' };

export interface CsvOptions {
  delimiter?: string;
  quote?: string;
  escape?: string;
  header?: boolean;
}

export interface TraceMapping {
  /** Force one format for every input; by default it comes from each file's extension. */
  format?: SourceFormat;
  csv?: CsvOptions;
  /** One entry per canonical field of the record schema. */
  fields: Record<string, FieldSource>;
  /** The mapping file, when there is one (for messages). */
  file?: string;
  /** Where a canonical field is configured in the mapping file, when it is. */
  positionOf?: (field: string) => Position | undefined;
}

/** The identity mapping over a record schema: every field from the source field of the same name. */
export function identityMapping(schema: RecordSchema = DECISION_LOG_SCHEMA): TraceMapping {
  return { fields: Object.fromEntries(schema.fields.map((f) => [f.name, { kind: 'field', path: f.name }])) };
}

const TimestampFormat = z
  .string()
  .min(1)
  .refine((s) => (TIMESTAMP_FORMATS as readonly string[]).includes(s) || s.includes('%'), {
    message: `a timestamp format is one of ${TIMESTAMP_FORMATS.join(', ')} or a strptime pattern with % codes`,
  });

function fieldSourceSchema(field: FieldDef) {
  const valueType =
    field.type === 'enum'
      ? z.enum(field.values as [string, ...string[]])
      : field.type === 'boolean'
        ? z.boolean()
        : undefined;
  const shape: Record<string, z.ZodType> = {
    field: z.string().min(1).optional(),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  };
  if (valueType) shape.values = z.record(z.string(), valueType).optional();
  if (field.type === 'timestamp') shape.format = TimestampFormat.optional();
  const objectForm = z.strictObject(shape).refine((o) => (o.field === undefined) !== (o.value === undefined), {
    message: 'give either `field` (a source field) or `value` (a constant)',
  });
  return z.union([z.string().min(1), z.null(), objectForm]);
}

/** The zod schema of a mapping file for a record schema. */
export function mappingFileSchema(schema: RecordSchema = DECISION_LOG_SCHEMA) {
  return z.strictObject({
    'nograd-mapping': z.literal(1),
    format: z.enum(SOURCE_FORMATS).optional(),
    csv: z
      .strictObject({
        delimiter: z.string().min(1).max(4).optional(),
        quote: z.string().max(1).optional(),
        escape: z.string().max(1).optional(),
        header: z.boolean().optional(),
      })
      .optional(),
    fields: z.strictObject(Object.fromEntries(schema.fields.map((f) => [f.name, fieldSourceSchema(f).optional()]))),
  });
}

type RawFieldSource =
  | string
  | null
  | { field?: string; value?: string | number | boolean; values?: Record<string, string | boolean>; format?: string };

/** Complete a partial `fields` block with identity defaults. */
export function resolveMapping(
  raw: { format?: SourceFormat; csv?: CsvOptions; fields: Record<string, RawFieldSource | undefined> },
  schema: RecordSchema = DECISION_LOG_SCHEMA,
): TraceMapping {
  const fields: Record<string, FieldSource> = {};
  for (const f of schema.fields) {
    const spec = raw.fields[f.name];
    if (spec === undefined) fields[f.name] = { kind: 'field', path: f.name };
    else if (spec === null) fields[f.name] = { kind: 'none' };
    else if (typeof spec === 'string') fields[f.name] = { kind: 'field', path: spec };
    else if (spec.value !== undefined) fields[f.name] = { kind: 'constant', value: spec.value };
    else
      fields[f.name] = {
        kind: 'field',
        path: spec.field ?? f.name,
        ...(spec.values ? { values: spec.values } : {}),
        ...(spec.format ? { format: spec.format } : {}),
      };
  }
  return { ...(raw.format ? { format: raw.format } : {}), ...(raw.csv ? { csv: raw.csv } : {}), fields };
}

/** Read and validate a mapping file; every problem is reported as file:line:col. */
export function loadMapping(file: string, schema: RecordSchema = DECISION_LOG_SCHEMA): TraceMapping {
  const loaded = readConfigFile(file, mappingFileSchema(schema), 'mapping file');
  const mapping = resolveMapping(loaded.value as Parameters<typeof resolveMapping>[0], schema);
  const configured = loaded.value.fields as Record<string, unknown>;
  return {
    ...mapping,
    file,
    positionOf: (field) => (field in configured ? loaded.positionOf(['fields', field]) : undefined),
  };
}
