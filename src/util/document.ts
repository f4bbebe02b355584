/**
 * Saved documents: one definition per document kind. Every JSON document nograd writes carries the envelope
 * `{ kind: "nograd-…", version }` as its first two keys; `defineDocument` joins that envelope to the document's zod
 * schema and gives the one reader every consumer uses. Saved files are untrusted input: a missing file, broken
 * JSON, another kind, another version or a shape that breaks the schema is a UserError (exit 2) that names the
 * file and what is wrong, never a stack trace.
 *
 * Documents written before the envelope was unified (`{ schemaVersion: 1 }` for analysis and economics results,
 * `{ "nograd-suite": 1 }` / `{ "nograd-calibration": 1 }` key-style headers) are migrated on read by the
 * definition's `legacy` hook, so files on disk keep working.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { EXIT, UserError } from './errors.js';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => x !== null && typeof x === 'object' && !Array.isArray(x);

export interface DocumentOptions {
  /** How the error messages name the document ("analysis result"). */
  what: string;
  /** How to make a fresh one, appended to errors ("run `nograd analyze --format json`"). */
  remedy?: string;
  /**
   * Turn an older document into the current shape, or return undefined when the value is not an older form of
   * this document. Only the envelope ever changed so far, so migrations stay cheap.
   */
  legacy?: (raw: Obj) => Obj | undefined;
  /**
   * Return the (migrated) value as given once it validates, instead of the schema's parsed copy: for documents
   * whose schema checks only what readers rely on and lets the rest through, so they round-trip unchanged (key
   * order included).
   */
  keepInput?: boolean;
}

export interface DocumentDef<K extends string, V extends number, T> {
  kind: K;
  version: V;
  /** The full schema, envelope included; the document's type is inferred from it. */
  schema: z.ZodType<T>;
  what: string;
  /** The envelope of a new document, to spread first into the object a writer builds. */
  envelope(): { kind: K; version: V };
  /** True when the value carries this document's envelope (any version): for dispatch by kind. */
  hasKind(value: unknown): boolean;
  /** Validate an in-memory value (legacy forms migrated). `source` names it in errors (a path, "stdin"). */
  parse(value: unknown, source?: string): T;
  /** Read, parse and validate a JSON file. */
  read(path: string): T;
}

/** The envelope of any value, when it has one (legacy key-style headers recognised). */
export function envelopeOf(value: unknown): { kind: string; version: unknown } | undefined {
  if (!isObj(value)) return undefined;
  if (typeof value.kind === 'string' && value.kind.startsWith('nograd-'))
    return { kind: value.kind, version: value.version };
  return undefined;
}

/** Read a JSON file as an unknown value; a missing or broken file is a clear exit-2 error. */
export function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      `cannot read ${what} file '${path}': ${code === 'ENOENT' ? 'no such file' : (code ?? (e as Error).message)}`,
      EXIT.invalid,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UserError(`${what} file '${path}' is not valid JSON: ${(e as Error).message}`, EXIT.invalid);
  }
}

/** The first issues of a failed parse, one per line with the path into the document. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], max = 8): string {
  const lines = issues.slice(0, max).map((i) => `  ${i.path.map(String).join('.') || '(top level)'}: ${i.message}`);
  if (issues.length > max) lines.push(`  … ${issues.length - max} more`);
  return lines.join('\n');
}

/**
 * One saved document: its kind, version and body schema. `body` is the document without the envelope; the
 * envelope keys come first in the parsed value (and in the JSON a writer builds with `envelope()`).
 */
export function defineDocument<K extends string, V extends number, Shape extends z.core.$ZodShape>(
  kind: K,
  version: V,
  body: z.ZodObject<Shape, z.core.$ZodObjectConfig>,
  options: DocumentOptions,
) {
  const schema = z.object({ kind: z.literal(kind), version: z.literal(version), ...body.shape });
  // Keep the body's unknown-key policy (strict, loose or strip).
  const full = (body._zod.def.catchall
    ? schema.catchall(body._zod.def.catchall as z.ZodType)
    : schema) as unknown as z.ZodObject<{ kind: z.ZodLiteral<K>; version: z.ZodLiteral<V> } & Shape>;
  type T = z.output<typeof full>;
  const remedy = options.remedy ? `; ${options.remedy}` : '';

  const parse = (value: unknown, source = 'input'): T => {
    let doc = value;
    if (isObj(value) && value.kind === undefined && options.legacy) doc = options.legacy(value) ?? value;
    const env = envelopeOf(doc);
    if (!env)
      throw new UserError(`'${source}' is not a nograd ${options.what} (no "kind": "${kind}" envelope)${remedy}`);
    if (env.kind !== kind)
      throw new UserError(`'${source}' is not a nograd ${options.what}: it is a ${env.kind} document${remedy}`);
    if (env.version !== version)
      throw new UserError(
        `'${source}' is not a nograd ${options.what} this nograd reads: ${kind} version ${JSON.stringify(env.version)}, expected version ${version}${remedy}`,
      );
    const parsed = full.safeParse(doc);
    if (!parsed.success) {
      const [first, ...more] = parsed.error.issues;
      const at = first?.path.map(String).join('.') || '(top level)';
      throw new UserError(
        `'${source}' is not a nograd ${options.what}: damaged at ${at}: ${first?.message ?? 'invalid'}${remedy}${more.length ? `\n${describeIssues(more)}` : ''}`,
      );
    }
    return (options.keepInput ? doc : parsed.data) as T;
  };

  const def: DocumentDef<K, V, T> = {
    kind,
    version,
    schema: full as unknown as z.ZodType<T>,
    what: options.what,
    envelope: () => ({ kind, version }),
    hasKind: (value) => {
      if (envelopeOf(value)?.kind === kind) return true;
      return isObj(value) && value.kind === undefined && options.legacy?.(value) !== undefined;
    },
    parse,
    read: (path) => parse(readJsonFile(path, options.what), path),
  };
  return Object.assign(def, { fullSchema: full });
}

/** The type of a document definition's parsed value. */
export type DocumentOf<D> = D extends DocumentDef<string, number, infer T> ? T : never;

/** Migrate `{ schemaVersion: n, … }` to `{ kind, version: n, … }` (the analysis and economics results until 0.x). */
export function fromSchemaVersion(kind: string): (raw: Obj) => Obj | undefined {
  return (raw) => {
    if (typeof raw.schemaVersion !== 'number') return undefined;
    const { schemaVersion, ...rest } = raw;
    return { kind, version: schemaVersion, ...rest };
  };
}

/** Migrate a key-style header `{ "nograd-x": n, … }` to `{ kind: "nograd-x", version: n, … }`. */
export function fromKeyHeader(kind: string): (raw: Obj) => Obj | undefined {
  return (raw) => {
    if (!(kind in raw)) return undefined;
    const { [kind]: version, ...rest } = raw;
    return { kind, version, ...rest };
  };
}
