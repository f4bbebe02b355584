/**
 * Read a small YAML config file (a trace mapping, a regression suite) against a zod schema and report every problem
 * as file:line:col, all at once, with a "did you mean" for misspelt keys. It reuses the model loader's YamlSource,
 * which maps a data path back to a position in the text.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { EXIT, UserError } from '../util/errors.js';
import { type Diagnostic, formatDiagnostic, type Position, sortDiagnostics } from './diagnostics.js';
import { issueToDiagnostic as modelIssueToDiagnostic } from './loader.js';
import { YamlSource } from './yaml-source.js';

export interface LoadedConfig<T> {
  value: T;
  source: YamlSource;
  /** Position of a data path in the file (the deepest node that exists). */
  positionOf(path: readonly PropertyKey[]): Position;
}

/** Thrown with every problem found; the CLI prints the lines as they are and exits 2. */
export class ConfigError extends UserError {
  constructor(readonly diagnostics: Diagnostic[]) {
    const errors = sortDiagnostics(diagnostics);
    super(
      `${errors.map((d) => formatDiagnostic(d)).join('\n')}\n${errors.length} problem${errors.length === 1 ? '' : 's'} found`,
      EXIT.invalid,
      true,
    );
    this.name = 'ConfigError';
  }
}

export function readConfigFile<T>(file: string, schema: z.ZodType<T>, what: string): LoadedConfig<T> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`cannot read ${what} '${file}': ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  return parseConfigText(file, text, schema);
}

export function parseConfigText<T>(file: string, text: string, schema: z.ZodType<T>): LoadedConfig<T> {
  const source = new YamlSource(file, text);
  if (source.yamlDiagnostics.length > 0) throw new ConfigError(source.yamlDiagnostics);
  let data: unknown;
  try {
    data = source.doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    throw new ConfigError([
      { ...source.positionOf([]), severity: 'error', code: 'yaml', message: `YAML: ${(e as Error).message}` },
    ]);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => issueToDiagnostic(source, schema, issue)));
  }
  return { value: parsed.data, source, positionOf: (path) => source.positionOf(path) };
}

/** Turn one zod issue into a diagnostic that points at the offending key or value (after narrowing unions). */
export function issueToDiagnostic(source: YamlSource, schema: z.ZodType, issue: z.core.$ZodIssue): Diagnostic {
  return modelIssueToDiagnostic(source, schema, narrowUnion(issue));
}

/**
 * A union that fails reports every branch's issues. The useful ones come from the branch whose shape matched
 * (an object given where an object form is allowed): prefer a branch without a type mismatch at its root.
 */
function narrowUnion(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union' || !('errors' in issue) || issue.errors.length === 0) return issue;
  const branches = issue.errors as z.core.$ZodIssue[][];
  const matched = branches.find(
    (b) => b.length > 0 && !b.some((i) => i.code === 'invalid_type' && i.path.length === 0),
  );
  const first = matched?.[0];
  if (!first) return issue;
  return narrowUnion({ ...first, path: [...issue.path, ...first.path] } as z.core.$ZodIssue);
}
