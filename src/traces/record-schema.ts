/**
 * The canonical records that ingestion produces, described as data: field name, type, vocabulary and whether a row
 * without it is bad. Ingestion builds its SQL from these descriptions, so the decision log (see decision-log.ts)
 * and campaign-attempt exports go through the same checks and the same bad-row reporting.
 */
import type { DecisionLogRecord } from '../contracts/decision-log.js';

export type FieldType = 'string' | 'number' | 'boolean' | 'timestamp' | 'enum' | 'json';

export interface FieldDef {
  /** Canonical name: the column in the ingested table and the key in the mapping's `fields`. */
  name: string;
  type: FieldType;
  /** The allowed values of an enum field (after the mapping's value translation). */
  values?: readonly string[];
  /** A row without a value for this field is a bad row. */
  required?: boolean;
  /** The smallest value a number field may take (a score or an age below it is a bad row). */
  min?: number;
  description: string;
}

export interface RecordSchema {
  name: string;
  fields: readonly FieldDef[];
}

export const DECISIONS = ['allow', 'tag', 'review', 'block'] as const;
export const SPAM_HAM = ['spam', 'ham'] as const;
export const USER_REPORTS = ['spam', 'not-spam'] as const;

/** One field per key of DecisionLogRecord; the `satisfies` below keeps the two in step. */
const DECISION_LOG_FIELDS = [
  { name: 'id', type: 'string', required: true, description: 'unique id of the decision (trace id)' },
  { name: 'ts', type: 'timestamp', required: true, description: 'when the decision was made' },
  { name: 'account', type: 'string', description: 'sending account / entity' },
  { name: 'accountAgeDays', type: 'number', min: 0, description: 'account age in days' },
  { name: 'sourceIp', type: 'string', description: 'source IP address' },
  { name: 'input', type: 'string', description: 'the raw input (for mail: the RFC 822 message)' },
  { name: 'inputRef', type: 'string', description: 'where the input is stored, when it is not inline' },
  {
    name: 'inputHash',
    type: 'string',
    description: 'sha256 hex of the input (computed from `input` when not mapped)',
  },
  { name: 'templateHash', type: 'string', description: 'near-duplicate fingerprint (64-bit simhash, 16 hex)' },
  {
    name: 'score',
    type: 'number',
    min: 0,
    description: 'model score, higher = more malicious; empty when no model ran',
  },
  { name: 'threshold', type: 'number', min: 0, description: 'score at or above which the model blocks' },
  { name: 'reviewLow', type: 'number', min: 0, description: 'lower bound of the review band' },
  {
    name: 'decision',
    type: 'enum',
    values: DECISIONS,
    required: true,
    description: 'allow, tag (delivered but marked), review or block',
  },
  { name: 'decidedBy', type: 'string', description: 'component that decided' },
  { name: 'layer', type: 'string', description: 'funnel layer that decided' },
  { name: 'modelVersion', type: 'string', description: 'version of the model that scored' },
  { name: 'featureVersion', type: 'string', description: 'version or hash of the feature extractor' },
  { name: 'featureTokens', type: 'number', min: 0, description: 'number of features the extractor produced' },
  { name: 'reviewerOutcome', type: 'enum', values: SPAM_HAM, description: 'outcome of human review' },
  { name: 'escalated', type: 'boolean', description: 'an analyst escalated the case' },
  { name: 'userReport', type: 'enum', values: USER_REPORTS, description: 'what a user reported afterwards' },
  { name: 'campaign', type: 'string', description: 'campaign tag' },
  { name: 'truth', type: 'enum', values: SPAM_HAM, description: 'ground truth (simulation only)' },
] as const satisfies ReadonlyArray<FieldDef & { name: keyof DecisionLogRecord }>;

// Every key of DecisionLogRecord has a field: this line fails to compile when one is added without a field.
type MissingDecisionLogFields = Exclude<keyof DecisionLogRecord, (typeof DECISION_LOG_FIELDS)[number]['name']>;
const _allFieldsDescribed: [MissingDecisionLogFields] extends [never] ? true : MissingDecisionLogFields = true;
void _allFieldsDescribed;

export const DECISION_LOG_SCHEMA: RecordSchema = { name: 'decision log', fields: DECISION_LOG_FIELDS };

/**
 * One attempt exported by the campaign engine: an input sent to a target, whether it evaded, with which tactic.
 * Any JSONL with these fields works.
 */
export const CAMPAIGN_ATTEMPT_SCHEMA: RecordSchema = {
  name: 'campaign attempts',
  fields: [
    { name: 'id', type: 'string', required: true, description: 'attempt id' },
    { name: 'input', type: 'string', description: 'the input that was sent' },
    { name: 'inputRef', type: 'string', description: 'where the input is stored, when it is not inline' },
    { name: 'inputHash', type: 'string', description: 'sha256 hex of the input (computed from `input` when absent)' },
    { name: 'evaded', type: 'boolean', required: true, description: 'the input reached its goal' },
    { name: 'tactic', type: 'string', description: 'tactic (or transformation chain) used' },
    { name: 'decision', type: 'enum', values: DECISIONS, description: 'what the target decided' },
    { name: 'score', type: 'number', description: 'score the target gave' },
    { name: 'ts', type: 'timestamp', description: 'when the attempt was made' },
    { name: 'campaign', type: 'string', description: 'campaign id' },
    { name: 'context', type: 'json', description: 'sender context sent with the input' },
  ],
};

export function fieldNames(schema: RecordSchema): string[] {
  return schema.fields.map((f) => f.name);
}
