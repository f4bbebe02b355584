/**
 * Alert rules: YAML, validated with zod, every problem reported as file:line:col (zod issue paths are mapped back
 * to YAML nodes with the model loader's YamlSource). A rule watches either a signal (with optional `params`) or a
 * metric (`op` + `threshold`), has a persistence k-of-n, a severity and optional named sinks. `extends: defaults`
 * starts from the built-in rules (same id replaces, `enabled: false` removes).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type Diagnostic, formatDiagnostic, sortDiagnostics } from '../model/diagnostics.js';
import { issueToDiagnostic } from '../model/loader.js';
import { YamlSource } from '../model/yaml-source.js';
import { didYouMean } from '../util/did-you-mean.js';
import { EXIT, UserError } from '../util/errors.js';
import { DEFAULT_RULES_YAML } from './default-rules.js';
import { isKnownMetric, METRICS } from './metrics.js';
import { getSignal, SIGNAL_IDS, type SignalId } from './signals/index.js';
import { SEVERITIES, type Severity } from './types.js';

export const OPS = ['>', '>=', '<', '<='] as const;
export type Op = (typeof OPS)[number];

export interface Persistence {
  k: number;
  n: number;
}

export type SinkConfig =
  | { type: 'terminal' }
  | { type: 'jsonl'; path: string }
  | { type: 'sarif'; path: string }
  | { type: 'webhook'; url: string; headers: Record<string, string>; maxAttempts: number; timeoutMs: number };

interface RuleBase {
  id: string;
  description?: string;
  severity: Severity;
  persistence: Persistence;
  /** Named sinks (from the file's `sinks:`) that receive this rule's alerts, besides the command-line sinks. */
  sinks: string[];
}
export interface SignalRule extends RuleBase {
  kind: 'signal';
  signal: SignalId;
  /** The signal's parameters, defaults filled in. */
  params: Record<string, unknown>;
}
export interface MetricRule extends RuleBase {
  kind: 'metric';
  metric: string;
  op: Op;
  threshold: number;
}
export type Rule = SignalRule | MetricRule;

export interface RuleSet {
  /** Where the rules came from ('<default rules>' for the built-ins). */
  source: string;
  rules: Rule[];
  sinks: Record<string, SinkConfig>;
}

const ID = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'ids use lowercase letters, digits, ".", "_" and "-"');

const PersistenceSchema = z
  .union([
    z.string().regex(/^\s*\d+\s*\/\s*\d+\s*$/, 'persistence is "k/n" (e.g. "2/3") or { k, n }'),
    z.strictObject({ k: z.number().int(), n: z.number().int() }),
  ])
  .transform((v) => {
    if (typeof v !== 'string') return v;
    const [k, n] = v.split('/').map((x) => Number(x.trim()));
    return { k: k as number, n: n as number };
  })
  .refine((p) => p.k >= 1 && p.n >= p.k && p.n <= 50, 'persistence needs 1 ≤ k ≤ n ≤ 50');

const RuleSchema = z.strictObject({
  id: ID,
  description: z.string().optional(),
  signal: z.enum(SIGNAL_IDS).optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  metric: z.string().optional(),
  op: z.enum(OPS).optional(),
  threshold: z.number().optional(),
  persistence: PersistenceSchema.optional(),
  severity: z.enum(SEVERITIES),
  sinks: z.array(ID).optional(),
  enabled: z.boolean().optional(),
});

const SinkSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('terminal') }),
  z.strictObject({ type: z.literal('jsonl'), path: z.string().min(1) }),
  z.strictObject({ type: z.literal('sarif'), path: z.string().min(1) }),
  z.strictObject({
    type: z.literal('webhook'),
    url: z.string().min(1),
    headers: z.record(z.string(), z.string()).optional(),
    maxAttempts: z.number().int().min(1).max(10).optional(),
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
  }),
]);

const FileSchema = z.strictObject({
  version: z.literal(1).optional(),
  extends: z.literal('defaults').optional(),
  sinks: z.record(ID, SinkSchema).optional(),
  rules: z.array(z.unknown()).optional(),
});

const TOP_KEYS = Object.keys(FileSchema.shape);
const RULE_KEYS = Object.keys(RuleSchema.shape);

export const DEFAULT_RULES_SOURCE = '<default rules>';

export function defaultRules(): RuleSet {
  return parseRules(DEFAULT_RULES_YAML, DEFAULT_RULES_SOURCE);
}

export function loadRules(file: string, env: NodeJS.ProcessEnv = process.env): RuleSet {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UserError(
      `cannot read rules file '${file}': ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
  }
  return parseRules(text, file, env);
}

export class RulesLoadError extends UserError {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(
      `${sortDiagnostics(diagnostics)
        .map((d) => formatDiagnostic(d))
        .join('\n')}\n${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'} in the alert rules`,
      EXIT.invalid,
      true,
    );
    this.name = 'RulesLoadError';
  }
}

/** Parse and validate rules text; throws RulesLoadError with every problem found. */
export function parseRules(text: string, file: string, env: NodeJS.ProcessEnv = process.env): RuleSet {
  const src = new YamlSource(file, text);
  const diags: Diagnostic[] = [...src.yamlDiagnostics];
  if (diags.length > 0) throw new RulesLoadError(diags);
  let data: unknown;
  try {
    data = src.doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new RulesLoadError([
      { ...src.positionOf([]), severity: 'error', code: 'yaml', message: `YAML: ${(e as Error).message}` },
    ]);
  }
  if (data === null || data === undefined) data = {};
  const top = FileSchema.safeParse(data);
  if (!top.success) {
    for (const issue of top.error.issues) diags.push(toDiagnostic(src, issue, []));
    throw new RulesLoadError(diags);
  }
  const sinks: Record<string, SinkConfig> = {};
  for (const [name, s] of Object.entries(top.data.sinks ?? {})) {
    const at = ['sinks', name];
    if (s.type === 'webhook') {
      const url = expandEnv(s.url, env, (v) =>
        diags.push({
          ...src.positionOf([...at, 'url']),
          severity: 'error',
          code: 'env',
          message: `environment variable ${v} is not set (used in sinks.${name}.url)`,
        }),
      );
      if (url !== null && !/^https?:\/\//.test(url))
        diags.push({
          ...src.positionOf([...at, 'url']),
          severity: 'error',
          code: 'type',
          message: `webhook url must start with http:// or https://`,
        });
      const headers: Record<string, string> = {};
      for (const [h, v] of Object.entries(s.headers ?? {})) {
        headers[h] =
          expandEnv(v, env, (name2) =>
            diags.push({
              ...src.positionOf([...at, 'headers', h]),
              severity: 'error',
              code: 'env',
              message: `environment variable ${name2} is not set (used in header ${h})`,
            }),
          ) ?? '';
      }
      sinks[name] = {
        type: 'webhook',
        url: url ?? '',
        headers,
        maxAttempts: s.maxAttempts ?? 5,
        timeoutMs: s.timeoutMs ?? 10_000,
      };
    } else sinks[name] = s;
  }

  const byId = new Map<string, Rule>();
  if (top.data.extends === 'defaults') for (const r of defaultRules().rules) byId.set(r.id, r);
  const seen = new Set<string>();
  for (const [i, raw] of (top.data.rules ?? []).entries()) {
    const path = ['rules', i];
    const r = RuleSchema.safeParse(raw);
    if (!r.success) {
      for (const issue of r.error.issues) diags.push(toDiagnostic(src, issue, path, raw));
      continue;
    }
    const v = r.data;
    const here = (sub: PropertyKey[], message: string, hint?: string, key?: string) =>
      diags.push({
        ...(key ? src.positionOfKey([...path, ...sub], key) : src.positionOf([...path, ...sub])),
        severity: 'error',
        code: 'rule',
        message: `${message} (rule '${v.id}')`,
        ...(hint ? { hint } : {}),
      });
    if (seen.has(v.id)) {
      here(['id'], `duplicate rule id '${v.id}'`, 'rule ids are unique: they key alert de-duplication');
      continue;
    }
    seen.add(v.id);
    if (v.enabled === false) {
      byId.delete(v.id);
      continue;
    }
    for (const [j, s] of (v.sinks ?? []).entries()) {
      if (!sinks[s])
        here(
          ['sinks', j],
          `unknown sink '${s}'`,
          didYouMean(s, Object.keys(sinks)) ??
            `define it under the top-level sinks: (known: ${Object.keys(sinks).join(', ') || 'none'})`,
        );
    }
    const persistence = v.persistence ?? { k: 1, n: 1 };
    const base = {
      id: v.id,
      severity: v.severity,
      persistence,
      sinks: v.sinks ?? [],
      ...(v.description ? { description: v.description } : {}),
    };
    if ((v.signal === undefined) === (v.metric === undefined)) {
      here([], 'a rule watches exactly one of `signal:` or `metric:`', `signals: ${SIGNAL_IDS.join(', ')}`);
      continue;
    }
    if (v.signal !== undefined) {
      for (const k of ['op', 'threshold'] as const)
        if (v[k] !== undefined) here([k], `\`${k}\` belongs to metric rules; tune a signal with params:`);
      const signal = getSignal(v.signal);
      const parsed = signal?.params.safeParse(v.params ?? {});
      if (!parsed?.success) {
        for (const issue of parsed?.error.issues ?? [])
          diags.push(
            toDiagnostic(
              src,
              issue,
              [...path, 'params'],
              v.params,
              Object.keys((signal?.params as unknown as { shape?: object })?.shape ?? {}),
            ),
          );
        continue;
      }
      byId.set(v.id, { ...base, kind: 'signal', signal: v.signal, params: parsed.data as Record<string, unknown> });
      continue;
    }
    const metric = v.metric as string;
    if (!isKnownMetric(metric)) {
      here(
        ['metric'],
        `unknown metric '${metric}'`,
        didYouMean(
          metric,
          METRICS.map((m) => m.name),
        ) ?? 'see `nograd monitor rules --metrics` for the list',
      );
      continue;
    }
    if (v.params !== undefined) here(['params'], '`params` belongs to signal rules');
    if (v.op === undefined || v.threshold === undefined) {
      here([], 'a metric rule needs `op` (>, >=, <, <=) and `threshold`');
      continue;
    }
    byId.set(v.id, { ...base, kind: 'metric', metric, op: v.op, threshold: v.threshold });
  }
  if (diags.length > 0) throw new RulesLoadError(diags);
  if (byId.size === 0)
    throw new RulesLoadError([
      {
        ...src.positionOf([]),
        severity: 'error',
        code: 'rule',
        message: 'no rules: add `rules:` or `extends: defaults`',
      },
    ]);
  return { source: file, rules: [...byId.values()], sinks };
}

function expandEnv(text: string, env: NodeJS.ProcessEnv, missing: (name: string) => void): string | null {
  let ok = true;
  const out = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const v = env[name];
    if (v === undefined) {
      ok = false;
      missing(name);
      return '';
    }
    return v;
  });
  return ok ? out : null;
}

function toDiagnostic(
  src: YamlSource,
  issue: z.core.$ZodIssue,
  prefix: PropertyKey[],
  value?: unknown,
  knownOverride?: string[],
): Diagnostic {
  const located = { ...issue, path: [...prefix, ...issue.path] } as z.core.$ZodIssue;
  return issueToDiagnostic(src, undefined, located, (path) => knownOverride ?? knownKeys(path, value));
}

function knownKeys(path: PropertyKey[], _value: unknown): string[] {
  if (path.length === 0) return TOP_KEYS;
  if (path[0] === 'rules') return RULE_KEYS;
  if (path[0] === 'sinks') return ['type', 'path', 'url', 'headers', 'maxAttempts', 'timeoutMs'];
  return [];
}

/** Is `value op threshold`? */
export function compare(value: number, op: Op, threshold: number): boolean {
  switch (op) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
  }
}

/** Render a rule set back to YAML-ish text for `nograd monitor rules`. */
export function describeRule(r: Rule): string {
  const cond = r.kind === 'signal' ? `signal ${r.signal}` : `${r.metric} ${r.op} ${r.threshold}`;
  const pers = r.persistence.n > 1 ? `, ${r.persistence.k} of ${r.persistence.n} windows` : '';
  return `${r.id}: ${cond}${pers} → ${r.severity}${r.sinks.length ? ` (sinks: ${r.sinks.join(', ')})` : ''}`;
}
