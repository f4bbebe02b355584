/**
 * The regression-suite format (`kind: nograd-suite`, `version: 1`), in YAML or JSONL. A suite is a list of cases: an input (inline,
 * or `inputRef`: a file path relative to the suite), the context it arrives with, what the system must decide,
 * and where the case came from. See docs/traces.md.
 *
 * YAML: one document with `cases:`. JSONL: the first line is the header (everything but the cases), then one case
 * per line, which streams for large suites. Either way every problem is reported with file and line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { DECISIONS } from '../contracts/target.js';
import { ConfigError, parseConfigText } from '../model/config-file.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { fromKeyHeader } from '../util/document.js';
import { UserError } from '../util/errors.js';
import { EXPECTED_DECISIONS } from './expectation.js';

export const LABEL_SOURCES = ['reviewer', 'user-report', 'truth', 'attack', 'model'] as const;
export type LabelSource = (typeof LABEL_SOURCES)[number];

const Score = z.number().min(0).max(1);

export const ExpectationSchema = z
  .strictObject({
    decision: z.enum(EXPECTED_DECISIONS).optional(),
    scoreAtLeast: Score.optional(),
    scoreAtMost: Score.optional(),
    tolerance: z.number().min(0).max(1).optional(),
  })
  .refine((e) => e.decision !== undefined || e.scoreAtLeast !== undefined || e.scoreAtMost !== undefined, {
    message: 'an expectation needs a decision, scoreAtLeast or scoreAtMost',
  });

export const ProvenanceSchema = z.strictObject({
  /** The miner that found the case (or `manual`). */
  miner: z.string().min(1),
  traceIds: z.array(z.string()).default([]),
  times: z.array(z.string()).default([]),
  reason: z.string().default(''),
  /** Where the expected decision came from. */
  label: z.enum(LABEL_SOURCES).optional(),
  /**
   * A label from a source an attacker can write (a user report) that no trusted label confirmed: recorded, never
   * used as the expectation (see labels.ts).
   */
  contested: z.strictObject({ source: z.literal('user-report'), claim: z.enum(['spam', 'ham']) }).optional(),
  /** Other miners that found the same input. */
  also: z.array(z.strictObject({ miner: z.string(), reason: z.string() })).optional(),
  /** sha256 of the input as logged (before redaction). */
  inputHash: z.string().optional(),
  /** What the system decided when the input was last logged. */
  observed: z
    .strictObject({
      decision: z.enum(DECISIONS).optional(),
      score: z.number().optional(),
      modelVersion: z.string().optional(),
      decidedBy: z.string().optional(),
    })
    .optional(),
  occurrences: z.int().min(1).optional(),
});

export const CaseSchema = z
  .strictObject({
    id: z.string().min(1),
    input: z.string().optional(),
    inputRef: z.string().min(1).optional(),
    context: z.record(z.string(), z.unknown()).optional(),
    expect: ExpectationSchema,
    /** The case fails today and that is known: it does not fail the run (a passing one is reported as fixed). */
    knownFailure: z.union([z.boolean(), z.string().min(1)]).optional(),
    provenance: ProvenanceSchema.optional(),
  })
  .refine((c) => (c.input === undefined) !== (c.inputRef === undefined), {
    message: 'a case needs exactly one of `input` (the raw content) and `inputRef` (a file path)',
  });

export const SUITE_KIND = 'nograd-suite';
export const SUITE_VERSION = 1;

const SuiteHeaderShape = {
  kind: z.literal(SUITE_KIND),
  version: z.literal(SUITE_VERSION),
  name: z.string().optional(),
  /** Which target the suite was made for (a hint; `nograd regress run --target` decides). */
  target: z.string().optional(),
  /** How the suite was made (free form: command, sources, miner counts, redaction counts). */
  generated: z.record(z.string(), z.unknown()).optional(),
};

/** Suites written with the older key-style header `nograd-suite: 1` read as `kind: nograd-suite, version: 1`. */
const legacyHeader = (value: unknown): unknown => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const raw = value as Record<string, unknown>;
  return raw.kind === undefined ? (fromKeyHeader(SUITE_KIND)(raw) ?? raw) : raw;
};

export const SuiteHeaderSchema = z.preprocess(legacyHeader, z.strictObject(SuiteHeaderShape));
export const SuiteSchema = z.preprocess(
  legacyHeader,
  z.strictObject({ ...SuiteHeaderShape, cases: z.array(CaseSchema) }),
);

export type RegressionCase = z.infer<typeof CaseSchema>;
export type Suite = z.infer<typeof SuiteSchema>;
export type SuiteFormat = 'yaml' | 'jsonl';

export interface LoadedSuite {
  suite: Suite;
  file: string;
  format: SuiteFormat;
  /** Where each case starts (1-based line), by index. */
  caseLines: number[];
}

export function suiteFormatOf(file: string): SuiteFormat {
  const ext = extname(file).toLowerCase();
  return ext === '.jsonl' || ext === '.ndjson' ? 'jsonl' : 'yaml';
}

export function loadSuite(file: string): LoadedSuite {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`cannot read suite '${file}': ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  return parseSuite(file, text);
}

export function parseSuite(file: string, text: string, format: SuiteFormat = suiteFormatOf(file)): LoadedSuite {
  const loaded = format === 'jsonl' ? parseJsonlSuite(file, text) : parseYamlSuite(file, text);
  const seen = new Map<string, number>();
  const dup: Diagnostic[] = [];
  loaded.suite.cases.forEach((c, i) => {
    const line = loaded.caseLines[i] ?? 1;
    const first = seen.get(c.id);
    if (first !== undefined) {
      dup.push({
        file,
        line,
        col: 1,
        severity: 'error',
        code: 'duplicate-id',
        message: `duplicate case id '${c.id}' (first on line ${first})`,
      });
    } else seen.set(c.id, line);
  });
  if (dup.length) throw new ConfigError(dup);
  return loaded;
}

function parseYamlSuite(file: string, text: string): LoadedSuite {
  const loaded = parseConfigText(file, text, SuiteSchema);
  const caseLines = loaded.value.cases.map((_, i) => loaded.positionOf(['cases', i]).line);
  return { suite: loaded.value, file, format: 'yaml', caseLines };
}

function parseJsonlSuite(file: string, text: string): LoadedSuite {
  const lines = text.split(/\r?\n/);
  const problems: Diagnostic[] = [];
  let header: z.infer<typeof SuiteHeaderSchema> | undefined;
  const cases: RegressionCase[] = [];
  const caseLines: number[] = [];
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      problems.push(diag(file, line, `not valid JSON (${(e as Error).message})`));
      return;
    }
    const schema = header === undefined && problems.length === 0 && cases.length === 0 ? SuiteHeaderSchema : CaseSchema;
    const parsed = (schema as z.ZodType).safeParse(value);
    if (!parsed.success) {
      const what = schema === SuiteHeaderSchema ? 'suite header (first line)' : 'case';
      for (const issue of parsed.error.issues) problems.push(diag(file, line, `${what}: ${describeIssue(issue)}`));
      if (schema === SuiteHeaderSchema) header = { kind: SUITE_KIND, version: SUITE_VERSION };
      return;
    }
    if (schema === SuiteHeaderSchema) header = parsed.data as z.infer<typeof SuiteHeaderSchema>;
    else {
      cases.push(parsed.data as RegressionCase);
      caseLines.push(line);
    }
  });
  if (!header && problems.length === 0)
    problems.push(
      diag(file, 1, 'empty suite: the first line must be the header {"kind": "nograd-suite", "version": 1, …}'),
    );
  if (problems.length) throw new ConfigError(problems);
  return { suite: { ...(header as z.infer<typeof SuiteHeaderSchema>), cases }, file, format: 'jsonl', caseLines };
}

function diag(file: string, line: number, message: string): Diagnostic {
  return { file, line, col: 1, severity: 'error', code: 'suite', message };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
  if (issue.code === 'unrecognized_keys')
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}${path ? ` in ${path}` : ''}`;
  return `${issue.message.replace(/^Invalid input: /, '')}${path ? ` at '${path}'` : ''}`;
}

/** The suite as text in the given format. Multi-line inputs become YAML block literals where that is exact. */
export function formatSuite(suite: Suite, format: SuiteFormat): string {
  if (format === 'jsonl') {
    const { cases, ...header } = suite;
    return `${[header, ...cases].map((x) => JSON.stringify(x)).join('\n')}\n`;
  }
  return stringify(suite, { lineWidth: 0, blockQuote: 'literal', aliasDuplicateObjects: false });
}

export function writeSuite(file: string, suite: Suite, format: SuiteFormat = suiteFormatOf(file)): void {
  writeFileSync(file, formatSuite(suite, format));
}
