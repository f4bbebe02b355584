/**
 * Custom rules without recompiling: a declarative YAML file whose conditions are a small, structured language
 * over the model (field tests, boolean combinators, and a few graph questions). Nothing is evaluated as code.
 * A broken rule is an error with its file:line:col — never silently skipped (pytm's silent `Threat.apply` is the
 * cautionary tale).
 */
import { z } from 'zod';
import { type Diagnostic, ModelLoadError } from '../model/diagnostics.js';
import { issueToDiagnostic } from '../model/loader.js';
import type { AttackerAccess } from '../model/resolved.js';
import { LIST_ELEMENT_SCHEMAS } from '../model/schema.js';
import { isListAt, knownKeysAt } from '../model/schema-walk.js';
import { FLOW_KINDS, READ_ACCESS, SEVERITIES, WRITE_ACCESS } from '../model/vocabulary.js';
import { YamlSource } from '../model/yaml-source.js';
import { didYouMean } from '../util/did-you-mean.js';
import type { Rule, RuleContext, RuleHit } from './rule.js';

export const CUSTOM_RULE_TARGETS = ['components', 'attackers', 'controls', 'dependencies', 'flows'] as const;
type Target = (typeof CUSTOM_RULE_TARGETS)[number];

const FIELD_OPS = ['equals', 'notEquals', 'in', 'contains', 'matches', 'exists', 'lt', 'lte', 'gt', 'gte'] as const;
/** How a field test on a list reads: some element passes (`any`) or every element does (`all`). */
const EACH = ['any', 'all'] as const;
/** Operators that are about the list itself, so they need no `each:`. */
const WHOLE_LIST_OPS = new Set(['contains', 'exists']);
const COMBINATORS = ['all', 'any', 'not'] as const;
/** Graph questions, for component rules only. */
const GRAPH_OPS = ['hasControl', 'hasPlannedControl', 'flowsIn', 'attackerCan'] as const;

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | ({ field: string; each?: (typeof EACH)[number] } & Partial<Record<(typeof FIELD_OPS)[number], unknown>>)
  | { hasControl: string }
  | { hasPlannedControl: string }
  | { flowsIn: { kind?: string; fromKind?: string } }
  | { attackerCan: { write?: string; read?: string } };

const RuleHead = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'rule ids are lower-case letters, digits, ".", "_" and "-"'),
  title: z.string().min(1),
  description: z.string().optional(),
  severity: z.enum(SEVERITIES),
  severityReason: z.string().optional(),
  for: z.enum(CUSTOM_RULE_TARGETS),
  where: z.unknown(),
  message: z.string().min(1).describe("Template; {{field.path}} is replaced by the element's value."),
  remediation: z.array(z.string()).optional(),
  atlas: z.array(z.string().regex(/^AML\.(?:T|M)\d{4}(?:\.\d{3})?$/, 'an ATLAS id looks like AML.T0015')).optional(),
});

const RuleFile = z.strictObject({ 'nograd-rules': z.literal(1), rules: z.array(z.unknown()) });
/** The full file shape, used only to look up known field names for "did you mean" hints. */
const RuleFileShape = z.strictObject({ 'nograd-rules': z.literal(1), rules: z.array(RuleHead) });

export interface CustomRuleOptions {
  builtinIds: readonly string[];
  catalogControlIds: readonly string[];
}

/** Load and validate a rule file; returns compiled rules or throws with every problem positioned. */
export function loadCustomRules(file: string, opts: CustomRuleOptions): Array<Rule & { source: 'custom' }> {
  const src = YamlSource.read(file);
  const diags: Diagnostic[] = [...src.yamlDiagnostics];
  const err = (path: PropertyKey[], message: string, hint?: string) =>
    diags.push({ ...src.positionOf(path), severity: 'error', code: 'custom-rule', message, ...(hint ? { hint } : {}) });
  const compiled: Array<Rule & { source: 'custom' }> = [];
  if (diags.length === 0) {
    const top = RuleFile.safeParse(src.toJS());
    if (!top.success) {
      for (const i of top.error.issues)
        err(
          i.path,
          `rule file: ${i.message} at '${i.path.join('.') || '(top level)'}'`,
          'a rule file is `nograd-rules: 1` and `rules:` with a list of rules',
        );
    } else {
      const seen = new Set<string>();
      top.data.rules.forEach((raw, ri) => {
        const head = RuleHead.safeParse(raw);
        if (!head.success) {
          for (const i of head.error.issues) {
            diags.push(
              issueToDiagnostic(src, RuleFileShape, { ...i, path: ['rules', ri, ...i.path] } as z.core.$ZodIssue),
            );
          }
          return;
        }
        const r = head.data;
        if (opts.builtinIds.includes(r.id))
          err(
            ['rules', ri, 'id'],
            `rule id '${r.id}' is a built-in rule's id`,
            'give custom rules their own ids (e.g. prefix them with your team name)',
          );
        if (seen.has(r.id)) err(['rules', ri, 'id'], `duplicate rule id '${r.id}'`);
        seen.add(r.id);
        (r.remediation ?? []).forEach((c, j) => {
          if (!opts.catalogControlIds.includes(c))
            err(
              ['rules', ri, 'remediation', j],
              `unknown catalog control '${c}'`,
              didYouMean(c, opts.catalogControlIds) ?? 'see `nograd catalog controls`',
            );
        });
        const before = diags.length;
        validateCondition(r.where, r.for, ['rules', ri, 'where'], err);
        if (diags.length === before) compiled.push(compile(r, r.where as Condition));
      });
    }
  }
  if (diags.some((d) => d.severity === 'error')) throw new ModelLoadError(diags);
  return compiled;
}

function validateCondition(
  c: unknown,
  target: Target,
  path: PropertyKey[],
  err: (p: PropertyKey[], m: string, h?: string) => void,
): void {
  if (!c || typeof c !== 'object' || Array.isArray(c)) {
    err(path, 'a condition is a mapping such as { field: kind, equals: model } or { all: [...] }');
    return;
  }
  const keys = Object.keys(c);
  const obj = c as Record<string, unknown>;
  const known = [...FIELD_OPS, ...COMBINATORS, ...GRAPH_OPS, 'field', 'each'];
  for (const k of keys)
    if (!known.includes(k))
      err([...path, k], `unknown operator '${k}'`, didYouMean(k, known) ?? `operators: ${known.join(', ')}`);
  if ('all' in obj || 'any' in obj) {
    const k = 'all' in obj ? 'all' : 'any';
    if (keys.length !== 1) err(path, `'${k}' stands alone in its condition`);
    const list = obj[k];
    if (!Array.isArray(list) || list.length === 0) err([...path, k], `'${k}' takes a non-empty list of conditions`);
    else {
      list.forEach((sub, i) => {
        validateCondition(sub, target, [...path, k, i], err);
      });
    }
    return;
  }
  if ('not' in obj) {
    if (keys.length !== 1) err(path, "'not' stands alone in its condition");
    validateCondition(obj.not, target, [...path, 'not'], err);
    return;
  }
  const graphOp = GRAPH_OPS.find((g) => g in obj);
  if (graphOp) {
    if (target !== 'components')
      err([...path, graphOp], `'${graphOp}' applies to component rules only (this rule is for ${target})`);
    if (graphOp === 'flowsIn') {
      const v = obj.flowsIn as Record<string, unknown> | null;
      if (!v || typeof v !== 'object')
        err([...path, graphOp], "'flowsIn' takes { kind?: live|training|feedback, fromKind?: <component kind> }");
      else if (v.kind !== undefined && !(FLOW_KINDS as readonly unknown[]).includes(v.kind))
        err([...path, graphOp, 'kind'], `unknown flow kind '${String(v.kind)}'`, `one of ${FLOW_KINDS.join(', ')}`);
    } else if (graphOp === 'attackerCan') {
      const v = obj.attackerCan as Record<string, unknown> | null;
      if (!v || typeof v !== 'object' || (v.write === undefined && v.read === undefined))
        err([...path, graphOp], "'attackerCan' takes { write: <access> } or { read: <access> }");
      else {
        if (v.write !== undefined && !(WRITE_ACCESS as readonly unknown[]).includes(v.write))
          err(
            [...path, graphOp, 'write'],
            `unknown write access '${String(v.write)}'`,
            didYouMean(String(v.write), WRITE_ACCESS),
          );
        if (v.read !== undefined && !(READ_ACCESS as readonly unknown[]).includes(v.read))
          err(
            [...path, graphOp, 'read'],
            `unknown read access '${String(v.read)}'`,
            didYouMean(String(v.read), READ_ACCESS),
          );
      }
    } else if (typeof obj[graphOp] !== 'string') err([...path, graphOp], `'${graphOp}' takes a catalog control id`);
    return;
  }
  if (!('field' in obj) || typeof obj.field !== 'string' || obj.field.length === 0) {
    err(path, 'a field test needs `field: <path>` (e.g. kind, properties.owner, budget.money)');
    return;
  }
  const first = obj.field.split('.')[0]!;
  const allowed = knownKeysAt(LIST_ELEMENT_SCHEMAS[target], []);
  if (!allowed.includes(first))
    err(
      [...path, 'field'],
      `'${first}' is not a field of ${target}`,
      didYouMean(first, allowed) ?? `fields: ${allowed.join(', ')}`,
    );
  const ops = FIELD_OPS.filter((o) => o in obj);
  if (ops.length !== 1)
    err(path, `a field test has exactly one operator (${FIELD_OPS.join(', ')}); found ${ops.length}`);
  const op = ops[0];
  // A test on a list must say how it reads: `equals: text` on `modality: [text, html]` was silently false.
  const segs = obj.field.split('.');
  const list = segs.some((_, i) => isListAt(LIST_ELEMENT_SCHEMAS[target], segs.slice(0, i + 1)));
  if (obj.each !== undefined && !(EACH as readonly unknown[]).includes(obj.each))
    err([...path, 'each'], "'each' is `any` (some element passes) or `all` (every element passes)");
  else if (obj.each !== undefined && !list) err([...path, 'each'], `'${obj.field}' is not a list: drop \`each:\``);
  else if (list && obj.each === undefined && op !== undefined && !WHOLE_LIST_OPS.has(op))
    err(
      [...path, 'field'],
      `'${obj.field}' is a list: say whether some or every element must pass`,
      `add \`each: any\` or \`each: all\` (or test the list itself with \`contains:\`)`,
    );
  if (op === 'matches') {
    const re = obj.matches;
    if (typeof re !== 'string' || re.length > 200)
      err([...path, 'matches'], "'matches' takes a regular expression of at most 200 characters");
    else {
      try {
        new RegExp(re);
      } catch (e) {
        err([...path, 'matches'], `invalid regular expression: ${(e as Error).message}`);
      }
    }
  }
  if ((op === 'lt' || op === 'lte' || op === 'gt' || op === 'gte') && typeof obj[op] !== 'number')
    err([...path, op], `'${op}' takes a number`);
  if (op === 'exists' && typeof obj.exists !== 'boolean') err([...path, 'exists'], "'exists' takes true or false");
  if (op === 'in' && !Array.isArray(obj.in)) err([...path, 'in'], "'in' takes a list");
}

/** The value at a dotted path; a path through a list collects the values from every element (flattened). */
function get(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const seg of path.split('.')) {
    if (Array.isArray(cur)) {
      cur = cur.flatMap((x) => {
        const v = x !== null && typeof x === 'object' ? (x as Record<string, unknown>)[seg] : undefined;
        return v === undefined ? [] : Array.isArray(v) ? v : [v];
      });
      continue;
    }
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

interface EvalEnv {
  ctx: RuleContext;
  target: Target;
  /** Effective access per attacker id, from the resolved model. */
  access: Map<string, AttackerAccess>;
}

export function evaluate(c: Condition, el: Record<string, unknown>, env: EvalEnv): boolean {
  if ('all' in c) return c.all.every((s) => evaluate(s, el, env));
  if ('any' in c) return c.any.some((s) => evaluate(s, el, env));
  if ('not' in c) return !evaluate(c.not, el, env);
  const id = String(el.id ?? '');
  const { ctx } = env;
  if ('hasControl' in c)
    return ctx.graph.controls(id, 'implemented').some((k) => k.catalog === c.hasControl || k.id === c.hasControl);
  if ('hasPlannedControl' in c)
    return ctx.graph
      .controls(id, 'planned')
      .some((k) => k.catalog === c.hasPlannedControl || k.id === c.hasPlannedControl);
  if ('flowsIn' in c) {
    return ctx.graph
      .incoming(id)
      .some(
        (f) =>
          (!c.flowsIn.kind || f.kind === c.flowsIn.kind) &&
          (!c.flowsIn.fromKind || ctx.graph.byId.get(f.from)?.kind === c.flowsIn.fromKind),
      );
  }
  if ('attackerCan' in c) {
    return ctx.model.attackers.some((a) => {
      const acc = env.access.get(a.id);
      const i = ctx.graph.indexOf.get(id);
      if (!acc || i === undefined) return false;
      return (
        (!c.attackerCan.write || acc.canWrite(i, c.attackerCan.write as never)) &&
        (!c.attackerCan.read || acc.canRead(i, c.attackerCan.read as never))
      );
    });
  }
  const t = c as { field: string; each?: 'any' | 'all' } & Record<string, unknown>;
  const v = get(el, t.field);
  if ('exists' in t) return (v !== undefined && v !== null) === t.exists;
  if (t.each !== undefined) {
    const items = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
    return t.each === 'any'
      ? items.some((x) => testValue(t, x))
      : items.length > 0 && items.every((x) => testValue(t, x));
  }
  return testValue(t, v);
}

/** One field operator against one value. */
function testValue(t: Record<string, unknown>, v: unknown): boolean {
  if ('equals' in t) return v === t.equals;
  if ('notEquals' in t) return v !== t.notEquals;
  if ('in' in t) return (t.in as unknown[]).includes(v);
  if ('contains' in t)
    return Array.isArray(v) ? v.includes(t.contains) : typeof v === 'string' && v.includes(String(t.contains));
  if ('matches' in t) return typeof v === 'string' && new RegExp(String(t.matches)).test(v);
  if (typeof v !== 'number') return false;
  if ('lt' in t) return v < (t.lt as number);
  if ('lte' in t) return v <= (t.lte as number);
  if ('gt' in t) return v > (t.gt as number);
  if ('gte' in t) return v >= (t.gte as number);
  return false;
}

function subjectOf(target: Target, el: Record<string, unknown>): { component?: string; attacker?: string } {
  switch (target) {
    case 'components':
      return { component: String(el.id) };
    case 'attackers':
      return { attacker: String(el.id), component: String(el.target) };
    case 'controls':
      return { component: `control:${String(el.id)}` };
    case 'dependencies':
      return { component: `dependency:${String(el.id)}` };
    case 'flows':
      return { component: `flow:${String(el.from)}->${String(el.to)}` };
  }
}

function compile(r: z.infer<typeof RuleHead>, where: Condition): Rule & { source: 'custom' } {
  return {
    id: r.id,
    title: r.title,
    severity: r.severity,
    severityReason: r.severityReason ?? `set by the custom rule '${r.id}'`,
    description: r.description ?? r.title,
    remediation: r.remediation ?? [],
    atlas: r.atlas ?? [],
    source: 'custom',
    check(ctx) {
      const env: EvalEnv = {
        ctx,
        target: r.for,
        access: new Map(ctx.model.attackers.map((a) => [a.id, ctx.graph.accessOf(a)])),
      };
      const list = ctx.model[r.for] as unknown as Array<Record<string, unknown>>;
      const hits: RuleHit[] = [];
      list.forEach((el, i) => {
        if (!evaluate(where, el, env)) return;
        hits.push({
          ...subjectOf(r.for, el),
          message: r.message.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, p: string) => {
            const v = get(el, p);
            if (v === undefined) return '';
            if (Array.isArray(v))
              return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ');
            return typeof v === 'object' ? JSON.stringify(v) : String(v);
          }),
          path: [r.for, i],
          evidence: [{ fact: `matched custom rule '${r.id}' (${r.for}[${i}])`, location: ctx.positionOf([r.for, i]) }],
        });
      });
      return hits;
    },
  };
}
