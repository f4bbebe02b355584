/**
 * Load a system model: parse YAML with positions, follow includes, validate every file against the schema,
 * merge the lists, then run the semantic checks. Every problem is collected; the caller gets them all at once.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { didYouMean } from '../util/did-you-mean.js';
import { UserError } from '../util/errors.js';
import { excerpt } from '../util/terminal-safe.js';
import { CATALOG_LISTS, type CatalogList, type ModelCatalogSection } from './catalog-schema.js';
import { type Diagnostic, DiagnosticCollector, ModelLoadError, type Position } from './diagnostics.js';
import { checkModelText, decodeModelText, isInside, MAX_INCLUDE_FILES, readModelBytes } from './model-file.js';
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

/**
 * Checks a higher layer adds to loading (the model's own tactics and controls against the built-in catalog, which
 * this layer cannot see): called after the semantic checks with the merged model and positions.
 */
export type ExtraModelCheck = (
  model: SystemModel,
  positionOf: (path: readonly PropertyKey[]) => Position,
  sink: { readonly full: boolean; skip(n?: number): void; add(d: Diagnostic): void },
) => void;

export interface LoadOptions {
  /** Treat these texts as the files' contents (tests, editors); falls back to disk. */
  overrides?: Record<string, string>;
  /**
   * The directory includes must stay inside (after following symlinks). Default: the top model file's directory.
   * The CLI sets it with `--include-root DIR`.
   */
  includeRoot?: string;
  /** Checks run after the semantic checks (analysis/model-catalog.ts: custom tactics and controls). */
  extraChecks?: readonly ExtraModelCheck[];
}

/** Lists whose element ids must be unique across the model (checked on the raw items, before the schema). */
const UNIQUE_LISTS: Partial<Record<ModelList, string>> = {
  components: 'component',
  controls: 'control',
  attackers: 'attacker',
  dependencies: 'dependency',
  trustBoundaries: 'trust boundary',
  flows: 'flow',
};

export function loadModel(file: string, opts: LoadOptions = {}): LoadedModel {
  const mainFile = resolve(file);
  const root = resolve(opts.includeRoot ?? dirname(mainFile));
  const diagnostics = new DiagnosticCollector();
  const sources: YamlSource[] = [];
  const origins = new Map<ModelList, Origin[]>(MODEL_LISTS.map((l) => [l, []]));
  const merged: Record<string, unknown[]> = Object.fromEntries(MODEL_LISTS.map((l) => [l, []]));
  let mainData: z.infer<typeof SystemModelFile> | undefined;
  const metadata: Record<string, unknown> = {};
  const rawIds = Object.fromEntries(MODEL_LISTS.map((l) => [l, new Set<string>()])) as Record<ModelList, Set<string>>;
  /** First definition of each id per list, over every file, for duplicate-id errors. */
  const firstDefinition = new Map<ModelList, Map<string, Origin>>(MODEL_LISTS.map((l) => [l, new Map()]));
  const visited = new Set<string>([mainFile]);
  const catalogSection: ModelCatalogSection = { tactics: [], controls: [] };
  const catalogOrigins: Record<CatalogList, Origin[]> = { tactics: [], controls: [] };
  const catalogFirst: Record<CatalogList, Map<string, Origin>> = { tactics: new Map(), controls: new Map() };

  /** The text of a file, or a refusal message; the main file outside any root check (the user named it). */
  const readText = (path: string, isMain: boolean): { text: string } | { refusal: string; hint?: string } => {
    const override = opts.overrides?.[path];
    if (override !== undefined) return { text: override };
    const r = readModelBytes(path, isMain ? undefined : root);
    if (!r.ok) return { refusal: r.message, ...(r.hint ? { hint: r.hint } : {}) };
    const d = decodeModelText(r.bytes);
    if (!d.ok) {
      diagnostics.add({
        file: path,
        line: d.line,
        col: d.col,
        severity: 'error',
        code: 'encoding',
        message: d.message,
      });
      return { refusal: '' };
    }
    return { text: d.text };
  };

  const visit = (path: string, text: string, isMain: boolean, chain: string[]) => {
    const checked = checkModelText(text);
    if (!checked.ok) {
      diagnostics.add({
        file: path,
        line: checked.line,
        col: checked.col,
        severity: 'error',
        code: 'encoding',
        message: checked.message,
      });
      return;
    }
    const source = new YamlSource(path, text);
    sources.push(source);
    for (const d of source.yamlDiagnostics) diagnostics.add(d);
    if (source.yamlDiagnostics.length > 0) return;
    let data: unknown;
    try {
      // Aliases are resolved here; an undefined anchor or an alias bomb surfaces as an exception, not a crash.
      data = source.toJS();
    } catch (e) {
      diagnostics.add({
        ...source.positionOf([]),
        severity: 'error',
        code: 'yaml',
        message: `YAML: ${excerpt((e as Error).message, 120)}`,
        hint: 'an alias (*name) needs an anchor (&name) defined before it',
      });
      return;
    }
    const schema = isMain ? SystemModelFile : SystemModelFragment;
    if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) {
      diagnostics.add({
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
      for (const issue of top.error.issues) {
        if (diagnostics.full) diagnostics.skip();
        else diagnostics.add(issueToDiagnostic(source, schema, issue));
      }
    }
    const raw = data as Record<string, unknown>;
    if (isMain && top.success) mainData = top.data as unknown as z.infer<typeof SystemModelFile>;
    for (const list of MODEL_LISTS) {
      const items = raw[list];
      if (!Array.isArray(items)) continue;
      const noun = UNIQUE_LISTS[list];
      const firsts = firstDefinition.get(list)!;
      items.forEach((item, index) => {
        const id = (item as { id?: unknown } | null)?.id;
        if (typeof id === 'string') {
          rawIds[list].add(id);
          // On the raw items, so a duplicate is found even when one of the two also fails the schema.
          const first = noun ? firsts.get(id) : undefined;
          if (noun && !first) firsts.set(id, { source, index });
          else if (noun && first) {
            if (diagnostics.full) diagnostics.skip();
            else {
              const p = first.source.positionOf([list, first.index, 'id']);
              diagnostics.add({
                ...source.positionOf([list, index, 'id']),
                severity: 'error',
                code: 'duplicate-id',
                message: `duplicate ${noun} id '${excerpt(id)}'`,
                hint: `first defined at ${p.file}:${p.line}:${p.col}; ids must be unique`,
              });
            }
          }
        }
        const r = LIST_ELEMENT_SCHEMAS[list].safeParse(item);
        if (!r.success) {
          for (const issue of r.error.issues) {
            // Past the cap only count: building a positioned diagnostic is the expensive part.
            if (diagnostics.full) diagnostics.skip();
            else
              diagnostics.add(
                issueToDiagnostic(source, schema, { ...issue, path: [list, index, ...issue.path] } as z.core.$ZodIssue),
              );
          }
          return;
        }
        merged[list]!.push(r.data);
        origins.get(list)!.push({ source, index });
      });
    }
    mergeCatalog(source, raw.catalog, isMain, schema);
    const value = raw as { metadata?: unknown; includes?: unknown };
    if (value.metadata && typeof value.metadata === 'object') Object.assign(metadata, value.metadata);
    (Array.isArray(value.includes) ? (value.includes as unknown[]) : []).forEach((inc, i) => {
      if (typeof inc !== 'string') return;
      const at = source.positionOf(['includes', i]);
      const refuse = (message: string, hint?: string) =>
        diagnostics.add({ ...at, severity: 'error', code: 'include', message, ...(hint ? { hint } : {}) });
      const shown = excerpt(inc, 80);
      if (isAbsolute(inc)) {
        refuse(`include '${shown}' is an absolute path`, 'include paths are relative to the including file');
        return;
      }
      const incPath = resolve(dirname(path), inc);
      if (!isInside(root, incPath)) {
        refuse(
          `include '${shown}' is outside the model root directory`,
          'includes stay inside the directory of the top model file; widen it with --include-root DIR',
        );
        return;
      }
      if (chain.includes(incPath)) {
        refuse(`include cycle: '${shown}' includes itself again`);
        return;
      }
      if (visited.has(incPath)) return; // included twice through different parents: merge once
      if (visited.size >= MAX_INCLUDE_FILES) {
        refuse(`too many included files (the limit is ${MAX_INCLUDE_FILES})`);
        return;
      }
      const read = readText(incPath, false);
      if ('refusal' in read) {
        if (read.refusal) {
          refuse(
            `included file '${shown}' ${read.refusal}`,
            read.hint ??
              (read.refusal === 'does not exist' ? 'include paths are relative to the including file' : undefined),
          );
        }
        return;
      }
      visited.add(incPath);
      visit(incPath, read.text, false, [...chain, incPath]);
    });
  };
  /** The `catalog:` section of one file: packs from the top file, its tactics and controls item by item. */
  function mergeCatalog(source: YamlSource, section: unknown, isMain: boolean, schema: z.ZodType): void {
    if (!section || typeof section !== 'object' || Array.isArray(section)) return;
    const sec = section as Record<string, unknown>;
    if (isMain && Array.isArray(sec.packs)) catalogSection.packs = sec.packs as ModelCatalogSection['packs'];
    for (const list of Object.keys(CATALOG_LISTS) as CatalogList[]) {
      const items = sec[list];
      if (!Array.isArray(items)) continue;
      const noun = list === 'tactics' ? 'custom tactic' : 'custom control';
      items.forEach((item, index) => {
        const path = ['catalog', list, index];
        const id = (item as { id?: unknown } | null)?.id;
        if (typeof id === 'string') {
          const first = catalogFirst[list].get(id);
          if (!first) catalogFirst[list].set(id, { source, index });
          else if (diagnostics.full) diagnostics.skip();
          else {
            const p = first.source.positionOf(['catalog', list, first.index, 'id']);
            diagnostics.add({
              ...source.positionOf([...path, 'id']),
              severity: 'error',
              code: 'duplicate-id',
              message: `duplicate ${noun} id '${excerpt(id)}'`,
              hint: `first defined at ${p.file}:${p.line}:${p.col}; ids must be unique`,
            });
          }
        }
        const r = CATALOG_LISTS[list].safeParse(item);
        if (!r.success) {
          for (const issue of r.error.issues) {
            if (diagnostics.full) diagnostics.skip();
            else
              diagnostics.add(
                issueToDiagnostic(source, schema, { ...issue, path: [...path, ...issue.path] } as z.core.$ZodIssue),
              );
          }
          return;
        }
        (catalogSection[list] as unknown[]).push(r.data);
        catalogOrigins[list].push({ source, index });
      });
    }
  }

  if (opts.overrides?.[mainFile] === undefined && !existsSync(mainFile)) {
    throw new UserError(`cannot read model file '${file}': no such file`);
  }
  const mainText = readText(mainFile, true);
  if ('refusal' in mainText) {
    if (mainText.refusal) throw new UserError(`cannot read model file '${file}': it ${mainText.refusal}`);
    throw new ModelLoadError(diagnostics.list, diagnostics.omitted);
  }
  visit(mainFile, mainText.text, true, [mainFile]);

  const positionOf = (path: readonly PropertyKey[]): Position => {
    if (path[0] === 'catalog' && (path[1] === 'tactics' || path[1] === 'controls') && typeof path[2] === 'number') {
      const c = catalogOrigins[path[1]][path[2]];
      if (c) return c.source.positionOf(['catalog', path[1], c.index, ...path.slice(3)]);
    }
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
      catalog: catalogSection,
    };
    semanticChecks(model, positionOf, rawIds, diagnostics);
    if (diagnostics.errors === 0) for (const check of opts.extraChecks ?? []) check(model, positionOf, diagnostics);
    if (diagnostics.errors === 0 && mainData) {
      return {
        model,
        files: sources.map((s) => s.file),
        warnings: diagnostics.list,
        positionOf,
        resolved: resolveModel(model),
      };
    }
  }
  throw new ModelLoadError(diagnostics.list, diagnostics.omitted);
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
            .slice(0, 5)
            .map((k) => `'${excerpt(k)}'`)
            .join(', ')})`
        : '';
    return {
      ...base,
      ...source.positionOfKey(path, key),
      code: 'unknown-field',
      message: `unknown field '${excerpt(key)}'${more}${where(path)}`,
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
    const gotText = got === undefined ? '' : excerpt(String(got));
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
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${excerpt(String(p))}`))
    .join('')
    .replace(/^\./, '')}`;
}

function cleanMessage(m: string): string {
  return m.replace(/^Invalid input: /, '');
}
