/**
 * Executable tactics from the user's own code: a campaign file lists `- module: ./my-tactic.mjs`, one file exporting
 * one tactic definition (docs/catalog.md, "Writing an executable tactic module"). The module is read only from inside
 * the campaign file's directory (after following symlinks, like a model's includes), imported once, and its export
 * checked field by field before anything runs; problems come back as `file:line:col` of the `module:` entry.
 *
 * The export, as a user writes it:
 *
 *   export default {
 *     id: 'x-acme.basket-mimicry',           // the catalog tactic it implements (built-in or the model's own)
 *     summary: 'What it does',
 *     defaults: { count: 3 },                 // parameters; the campaign file's `params:` override them
 *     appliesTo(input, params) { … },         // optional: false → "not applicable" to this input
 *     apply(input, rng, params) { … },        // → a string, {content, cost?, note?}, an array of them (variants:
 *                                             //   one is picked with rng), or null (not applicable)
 *     validity: { droppable: [...], synonyms: [[...]] },  // optional, or (params) => that: what the validity
 *                                             //   check must tolerate (words it removes, phrases it swaps)
 *   };
 *
 * Only content tactics (rewriting one input) come from modules; stream tactics are built in.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../model/diagnostics.js';
import { isInside } from '../model/model-file.js';
import { YamlSource } from '../model/yaml-source.js';
import { sha256Hex } from '../util/hash.js';
import { excerpt } from '../util/terminal-safe.js';
import type { Equivalences } from './oracles/normalize.js';
import type { ContentTactic, TacticCost, TacticParams } from './tactics/types.js';

/** One module entry of the campaign file, loaded and checked. */
export interface LoadedTacticModule {
  /** Index of the entry in `tactics:`. */
  index: number;
  /** The module path as written, and resolved. */
  module: string;
  path: string;
  /** sha256 of the module file: part of the campaign's identity, so a resumed run uses the same code. */
  sha256: string;
  tactic: ContentTactic;
}

export interface TacticModules {
  byIndex: Map<number, LoadedTacticModule>;
  diagnostics: Diagnostic[];
}

const KNOWN_FIELDS = ['id', 'summary', 'kind', 'defaults', 'appliesTo', 'apply', 'validity', 'defusedBy'] as const;
const TS_EXTENSIONS = ['.ts', '.mts', '.cts'];
const JS_EXTENSIONS = ['.js', '.mjs', '.cjs', ...TS_EXTENSIONS];
/** The first Node release that strips TypeScript types by default. */
const TYPE_STRIPPING = [22, 18] as const;

function nodeStripsTypes(version = process.versions.node): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > TYPE_STRIPPING[0] || (major === TYPE_STRIPPING[0] && minor >= TYPE_STRIPPING[1]);
}

/**
 * Load every `module:` entry of a campaign file. Paths are relative to the campaign file and must stay inside its
 * directory. Never throws for the user's mistakes: they come back as diagnostics.
 */
export async function loadTacticModules(file: string, text: string): Promise<TacticModules> {
  const byIndex = new Map<number, LoadedTacticModule>();
  const diagnostics: Diagnostic[] = [];
  const source = new YamlSource(resolve(file), text);
  if (source.yamlDiagnostics.length > 0) return { byIndex, diagnostics };
  let data: unknown;
  try {
    data = source.toJS();
  } catch {
    return { byIndex, diagnostics };
  }
  const tactics = (data as { tactics?: unknown } | null)?.tactics;
  if (!Array.isArray(tactics)) return { byIndex, diagnostics };
  const root = realOrSelf(resolve(file, '..'));
  for (const [index, entry] of tactics.entries()) {
    const module = (entry as { module?: unknown } | null)?.module;
    if (typeof module !== 'string' || module === '') continue;
    const at = source.positionOf(['tactics', index, 'module']);
    const fail = (message: string, hint?: string) =>
      diagnostics.push({ ...at, severity: 'error', code: 'tactic-module', message, ...(hint ? { hint } : {}) });
    const shown = excerpt(module, 80);
    if (isAbsolute(module)) {
      fail(`tactic module '${shown}' is an absolute path`, 'module paths are relative to the campaign file');
      continue;
    }
    const ext = extname(module).toLowerCase();
    if (!JS_EXTENSIONS.includes(ext)) {
      fail(`tactic module '${shown}' is not a JavaScript module`, `use a file ending in ${JS_EXTENSIONS.join(', ')}`);
      continue;
    }
    if (TS_EXTENSIONS.includes(ext) && !nodeStripsTypes()) {
      fail(
        `tactic module '${shown}' is TypeScript, which this Node (${process.versions.node}) cannot load`,
        `Node ≥ ${TYPE_STRIPPING.join('.')} strips types on its own; on this Node compile it to .mjs first (tsc, esbuild)`,
      );
      continue;
    }
    const path = resolve(root, module);
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      fail(`tactic module '${shown}' does not exist`, 'module paths are relative to the campaign file');
      continue;
    }
    if (!isInside(root, real)) {
      fail(
        `tactic module '${shown}' is outside the campaign file's directory`,
        'tactic modules are code nograd runs: keep them next to the campaign file (or below it)',
      );
      continue;
    }
    if (!statSync(real).isFile()) {
      fail(`tactic module '${shown}' is not a regular file`);
      continue;
    }
    let exported: unknown;
    try {
      const ns = (await import(pathToFileURL(real).href)) as Record<string, unknown>;
      exported = ns.default ?? ns.tactic;
    } catch (e) {
      fail(`tactic module '${shown}' failed to load: ${excerpt((e as Error).message ?? String(e), 200)}`);
      continue;
    }
    const checked = checkDefinition(exported);
    if ('problem' in checked) {
      fail(`tactic module '${shown}': ${checked.problem}`, checked.hint);
      continue;
    }
    byIndex.set(index, {
      index,
      module,
      path: real,
      sha256: sha256Hex(readFileSync(real, 'utf8')),
      tactic: checked.tactic,
    });
  }
  return { byIndex, diagnostics };
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

type Check = { tactic: ContentTactic } | { problem: string; hint?: string };

const SHAPE_HINT =
  'export default { id, summary, apply(input, rng, params) } — see docs/catalog.md, "Writing an executable tactic module"';

/** Check a module's export and wrap it as a content tactic the runner calls like a built-in one. */
export function checkDefinition(def: unknown): Check {
  if (def === null || typeof def !== 'object' || Array.isArray(def))
    return { problem: 'it exports no tactic definition (a default export that is an object)', hint: SHAPE_HINT };
  const d = def as Record<string, unknown>;
  const unknown = Object.keys(d).filter((k) => !(KNOWN_FIELDS as readonly string[]).includes(k));
  if (unknown.length > 0)
    return {
      problem: `unknown field '${excerpt(unknown[0]!)}' in its definition`,
      hint: `known fields: ${KNOWN_FIELDS.join(', ')}`,
    };
  if (typeof d.id !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/.test(d.id))
    return {
      problem: '`id` must be a tactic id (lower-case letters, digits, ".", "_", "-")',
      hint: 'the catalog tactic it implements, e.g. x-acme.basket-mimicry',
    };
  if (d.kind !== undefined && d.kind !== 'content')
    return { problem: `kind '${excerpt(String(d.kind))}' is not supported: modules provide content tactics only` };
  if (typeof d.apply !== 'function')
    return { problem: '`apply` must be a function (input, rng, params) → variants', hint: SHAPE_HINT };
  if (d.appliesTo !== undefined && typeof d.appliesTo !== 'function')
    return { problem: '`appliesTo` must be a function (input, params) → boolean' };
  if (d.summary !== undefined && typeof d.summary !== 'string') return { problem: '`summary` must be a string' };
  const defaults = d.defaults ?? {};
  if (typeof defaults !== 'object' || defaults === null || Array.isArray(defaults))
    return { problem: '`defaults` must be an object of parameters' };
  for (const [k, v] of Object.entries(defaults)) {
    const ok =
      typeof v === 'string' ||
      typeof v === 'number' ||
      typeof v === 'boolean' ||
      (Array.isArray(v) && v.every((x) => typeof x === 'string'));
    if (!ok) return { problem: `default '${excerpt(k)}' must be a string, number, boolean or list of strings` };
  }
  const validity = d.validity;
  if (validity !== undefined && typeof validity !== 'function') {
    const problem = equivalenceProblem(validity);
    if (problem) return { problem: `\`validity\` ${problem}` };
  }
  if (d.defusedBy !== undefined && !(Array.isArray(d.defusedBy) && d.defusedBy.every((x) => typeof x === 'string')))
    return { problem: '`defusedBy` must be a list of heuristic ids' };
  const apply = d.apply as (input: string, rng: () => number, params: TacticParams) => unknown;
  const appliesTo = d.appliesTo as ((input: string, params: TacticParams) => unknown) | undefined;
  const id = d.id;
  const tactic: ContentTactic = {
    kind: 'content',
    id,
    summary: typeof d.summary === 'string' ? d.summary : `${id} (from a module)`,
    defaults: defaults as TacticParams,
    defusedBy: (d.defusedBy as string[] | undefined) ?? [],
    ...(validity !== undefined
      ? {
          validity: (params: TacticParams): Equivalences => {
            const eq = typeof validity === 'function' ? (validity as (p: TacticParams) => unknown)(params) : validity;
            const problem = equivalenceProblem(eq);
            if (problem) throw new Error(`${id}: validity(params) ${problem}`);
            return eq as Equivalences;
          },
        }
      : {}),
    apply(content, rng, params) {
      if (appliesTo && !appliesTo(content, params)) return null;
      let out = apply(content, rng, params);
      if (out && typeof (out as { then?: unknown }).then === 'function')
        throw new Error('apply returned a Promise: tactics rewrite inputs synchronously');
      if (Array.isArray(out)) {
        if (out.length === 0) return null;
        // Variants: the attempt's seeded rng picks one, so repeats of a chain explore different variants.
        out = out[Math.min(out.length - 1, Math.floor(rng() * out.length))];
      }
      if (out === null || out === undefined) return null;
      if (typeof out === 'string') return { content: out };
      if (typeof out === 'object' && typeof (out as { content?: unknown }).content === 'string') {
        const o = out as { content: string; cost?: TacticCost; note?: unknown };
        return {
          content: o.content,
          ...(o.cost && typeof o.cost === 'object' ? { cost: o.cost } : {}),
          ...(typeof o.note === 'string' ? { note: o.note } : {}),
        };
      }
      throw new Error('apply must return a string, {content, cost?, note?}, an array of them, or null');
    },
  };
  return { tactic };
}

function equivalenceProblem(eq: unknown): string | undefined {
  if (eq === null || typeof eq !== 'object' || Array.isArray(eq))
    return 'must be {droppable?: string[], synonyms?: string[][]}';
  const e = eq as Record<string, unknown>;
  for (const k of Object.keys(e))
    if (k !== 'droppable' && k !== 'synonyms') return `has an unknown field '${excerpt(k)}' (droppable, synonyms)`;
  if (e.droppable !== undefined && !(Array.isArray(e.droppable) && e.droppable.every((x) => typeof x === 'string')))
    return '`droppable` must be a list of strings';
  if (
    e.synonyms !== undefined &&
    !(Array.isArray(e.synonyms) && e.synonyms.every((g) => Array.isArray(g) && g.every((x) => typeof x === 'string')))
  )
    return '`synonyms` must be a list of lists of strings';
  return undefined;
}
