/**
 * Load a system model: parse YAML with positions, follow includes, validate every file against the schema,
 * merge the lists, then run the semantic checks. Every problem is collected; the caller gets them all at once.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { didYouMean } from '../util/did-you-mean.js';
import { UserError } from '../util/errors.js';
import { type Diagnostic, ModelLoadError, type Position } from './diagnostics.js';
import { type ResolvedModel, resolveModel } from './resolved.js';
import {
  LIST_ELEMENT_SCHEMAS,
  type SystemModel,
  SystemModelFile,
  SystemModelFileTop,
  SystemModelFragment,
  SystemModelFragmentTop,
} from './schema.js';
import { knownKeysAt } from './schema-walk.js';
import { semanticChecks } from './semantic-checks.js';
import { YamlSource } from './yaml-source.js';

export const MODEL_LISTS = [
  'components',
  'flows',
  'trustBoundaries',
  'controls',
  'attackers',
  'dependencies',
  'triage',
] as const;
export type ModelList = (typeof MODEL_LISTS)[number];

/** Where one merged list element came from. */
interface Origin {
  source: YamlSource;
  index: number;
}

export interface LoadedModel {
  model: SystemModel;
  /** Every file read, main first. */
  files: string[];
  warnings: Diagnostic[];
  /**
   * Position of a path in the merged model, e.g. ['components', 3, 'assumptions', 0] or ['attackers', 1, 'budget'],
   * pointing into the file that defined it.
   */
  positionOf(path: readonly PropertyKey[]): Position;
  /** The resolved model (effective access, controls on each component, flows by kind), computed once. */
  resolved: ResolvedModel;
}

export interface LoadOptions {
  /** Treat these texts as the files' contents (tests, editors); falls back to disk. */
  overrides?: Record<string, string>;
}

export function loadModel(file: string, opts: LoadOptions = {}): LoadedModel {
  const mainFile = resolve(file);
  if (opts.overrides?.[mainFile] === undefined && !existsSync(mainFile)) {
    throw new UserError(`cannot read model file '${file}': no such file`);
  }
  const diagnostics: Diagnostic[] = [];
  const sources: YamlSource[] = [];
  const origins = new Map<ModelList, Origin[]>(MODEL_LISTS.map((l) => [l, []]));
  const merged: Record<string, unknown[]> = Object.fromEntries(MODEL_LISTS.map((l) => [l, []]));
  let mainData: z.infer<typeof SystemModelFile> | undefined;
  const metadata: Record<string, unknown> = {};
  const rawIds = Object.fromEntries(MODEL_LISTS.map((l) => [l, new Set<string>()])) as Record<ModelList, Set<string>>;

  const visit = (path: string, isMain: boolean, chain: string[]) => {
    let source: YamlSource;
    try {
      const override = opts.overrides?.[path];
      source = override !== undefined ? new YamlSource(path, override) : YamlSource.read(path);
    } catch (e) {
      throw new UserError(`cannot read model file '${path}': ${(e as Error).message}`);
    }
    sources.push(source);
    diagnostics.push(...source.yamlDiagnostics);
    if (source.yamlDiagnostics.length > 0) return;
    let data: unknown;
    try {
      // Aliases are resolved here; an undefined anchor or an alias bomb surfaces as an exception, not a crash.
      data = source.toJS();
    } catch (e) {
      diagnostics.push({
        ...source.positionOf([]),
        severity: 'error',
        code: 'yaml',
        message: `YAML: ${(e as Error).message}`,
        hint: 'an alias (*name) needs an anchor (&name) defined before it',
      });
      return;
    }
    const schema = isMain ? SystemModelFile : SystemModelFragment;
    if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) {
      diagnostics.push({
        ...source.positionOf([]),
        severity: 'error',
        code: 'type',
        message: isMain
          ? 'a model file is a mapping with `nograd: 1`, `system:` and lists'
          : 'an included file is a mapping of lists (components:, flows:, …)',
        hint: 'run `nograd init` to see a complete example',
      });
      return;
    }
    // The file's own fields first, with list items left loose; then each list item on its own, so that one bad
    // component does not hide the problems elsewhere.
    const top = (isMain ? SystemModelFileTop : SystemModelFragmentTop).safeParse(data);
    if (!top.success) {
      for (const issue of top.error.issues) diagnostics.push(issueToDiagnostic(source, schema, issue));
    }
    const raw = data as Record<string, unknown>;
    if (isMain && top.success) mainData = top.data as unknown as z.infer<typeof SystemModelFile>;
    for (const list of MODEL_LISTS) {
      const items = raw[list];
      if (!Array.isArray(items)) continue;
      items.forEach((item, index) => {
        const id = (item as { id?: unknown } | null)?.id;
        if (typeof id === 'string') rawIds[list].add(id);
        const r = LIST_ELEMENT_SCHEMAS[list].safeParse(item);
        if (!r.success) {
          for (const issue of r.error.issues) {
            diagnostics.push(
              issueToDiagnostic(source, schema, { ...issue, path: [list, index, ...issue.path] } as z.core.$ZodIssue),
            );
          }
          return;
        }
        merged[list]!.push(r.data);
        origins.get(list)!.push({ source, index });
      });
    }
    const value = raw as { metadata?: unknown; includes?: unknown };
    if (value.metadata && typeof value.metadata === 'object') Object.assign(metadata, value.metadata);
    (Array.isArray(value.includes) ? (value.includes as unknown[]) : []).forEach((inc, i) => {
      if (typeof inc !== 'string') return;
      const incPath = resolve(dirname(path), inc);
      const at = source.positionOf(['includes', i]);
      if (chain.includes(incPath)) {
        diagnostics.push({
          ...at,
          severity: 'error',
          code: 'include',
          message: `include cycle: '${inc}' includes itself again`,
        });
        return;
      }
      if (sources.some((s) => s.file === incPath)) return; // included twice through different parents: merge once
      if (opts.overrides?.[incPath] === undefined && !existsSync(incPath)) {
        diagnostics.push({
          ...at,
          severity: 'error',
          code: 'include',
          message: `included file '${inc}' does not exist`,
          hint: 'include paths are relative to the including file',
        });
        return;
      }
      visit(incPath, false, [...chain, incPath]);
    });
  };
  visit(mainFile, true, [mainFile]);

  const positionOf = (path: readonly PropertyKey[]): Position => {
    const [list, index, ...rest] = path;
    const o = typeof index === 'number' ? origins.get(list as ModelList)?.[index] : undefined;
    if (o) return o.source.positionOf([list as string, o.index, ...rest]);
    const main = sources[0]!;
    return main.positionOf(path);
  };

  {
    const model: SystemModel = {
      nograd: 1,
      system: mainData?.system ?? { id: 'invalid', name: 'invalid' },
      ...(merged as unknown as Omit<SystemModel, 'nograd' | 'system' | 'metadata'>),
      metadata,
    };
    diagnostics.push(...semanticChecks(model, positionOf, rawIds));
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length === 0 && mainData) {
      return {
        model,
        files: sources.map((s) => s.file),
        warnings: diagnostics,
        positionOf,
        resolved: resolveModel(model),
      };
    }
  }
  throw new ModelLoadError(diagnostics);
}

/**
 * Turn one zod issue into a positioned diagnostic with a hint (shared by every YAML file nograd reads). The field
 * names for "did you mean" come from walking `schema`, or from `knownKeys` when a file validates in pieces.
 */
export function issueToDiagnostic(
  source: YamlSource,
  schema: z.ZodType | undefined,
  issue: z.core.$ZodIssue,
  knownKeys?: (path: PropertyKey[]) => string[],
): Diagnostic {
  const path = issue.path;
  const base = { severity: 'error' as const };
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const known = knownKeys ? knownKeys(path) : schema ? knownKeysAt(schema, path) : [];
    const more =
      issue.keys.length > 1
        ? ` (and ${issue.keys
            .slice(1)
            .map((k) => `'${k}'`)
            .join(', ')})`
        : '';
    return {
      ...base,
      ...source.positionOfKey(path, key),
      code: 'unknown-field',
      message: `unknown field '${key}'${more}${where(path)}`,
      hint: didYouMean(key, known) ?? (known.length ? `known fields: ${known.join(', ')}` : undefined),
    };
  }
  const exact = source.has(path);
  const pos = source.positionOf(path);
  const fieldName = String(path[path.length - 1] ?? '');
  // Absent where a value is required. A custom rule about an absent path keeps its own message.
  if (!exact && issue.code !== 'custom') {
    return {
      ...base,
      ...pos,
      code: 'missing-field',
      message: `missing required field '${fieldName}'${where(path.slice(0, -1))}`,
    };
  }
  if (issue.code === 'invalid_value' && 'values' in issue && exact) {
    const got = source.scalarAt(path);
    const gotText = got === undefined ? '' : String(got);
    const options = issue.values.map(String);
    return {
      ...base,
      ...pos,
      code: 'type',
      message:
        typeof path[path.length - 1] === 'number'
          ? `'${gotText}' is not allowed${where(path)}`
          : `'${gotText}' is not allowed for '${fieldName}'${where(path.slice(0, -1))}`,
      hint: didYouMean(gotText, options) ?? `allowed: ${options.join(', ')}`,
    };
  }
  return {
    ...base,
    ...pos,
    code: issue.code === 'custom' ? 'invalid' : 'type',
    message: `${cleanMessage(issue.message)} at '${fieldName || '(top level)'}'${where(path.slice(0, -1))}`,
  };
}

function where(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '';
  return ` in ${path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '')}`;
}

function cleanMessage(m: string): string {
  return m.replace(/^Invalid input: /, '');
}
