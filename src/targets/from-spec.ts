/**
 * `--target` strings (`nograd regress run`, `baseline`): each kind's shorthand from the registry, or a target file
 * (`.yaml`/`.json`: exactly one kind with the same keys as a campaign's `target:` block; relative paths resolve
 * from the file). Targets that can hang (HTTP, commands, modules) get a per-decision timeout, so one stuck case
 * becomes an `error`, not a stuck CI job.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Target } from '../contracts/target.js';
import { parseConfigText } from '../model/config-file.js';
import { UserError } from '../util/errors.js';
import {
  kindOf,
  TARGET_KIND_NAMES,
  TARGET_KINDS,
  type TargetKindName,
  type TargetSpec,
  TargetSpecSchema,
} from './registry.js';
import { withTimeout } from './timeout.js';

export const TARGET_SPEC_HELP = `${TARGET_KIND_NAMES.flatMap((k) => TARGET_KINDS[k].shorthand?.forms ?? []).join(', ')}, or a target file (.yaml/.json)`;

/** Per-decision timeout for targets that leave it to the caller (commands, modules). */
export const DEFAULT_DECISION_TIMEOUT_MS = 30_000;

export type ParsedTargetSpec = { kind: 'file'; path: string } | { kind: TargetKindName; spec: TargetSpec };

export function parseTargetSpec(text: string): ParsedTargetSpec {
  const s = text.trim();
  if (s === '') throw new UserError(`--target is empty (use ${TARGET_SPEC_HELP})`);
  for (const name of TARGET_KIND_NAMES) {
    const input = TARGET_KINDS[name].shorthand?.parse(s);
    if (input === undefined) continue;
    return { kind: name, spec: TargetSpecSchema.parse({ [name]: input }) };
  }
  if (/\.(ya?ml|json)$/i.test(s)) return { kind: 'file', path: s };
  throw new UserError(`unknown target '${text}' (use ${TARGET_SPEC_HELP})`);
}

/** Open the target a `--target` string names. `cwd` resolves relative programs, modules and target files. */
export async function targetFromSpec(text: string, cwd = process.cwd()): Promise<Target> {
  const parsed = parseTargetSpec(text);
  if (parsed.kind === 'file') {
    const file = resolve(cwd, parsed.path);
    return openSpec(readTargetFile(file), dirname(file));
  }
  return openSpec(parsed.spec, cwd);
}

async function openSpec(spec: TargetSpec, baseDir: string): Promise<Target> {
  const { kind, config } = kindOf(spec);
  const handle = await kind.open(config, { baseDir });
  if (kind.inProcess) return handle.target;
  return withTimeout(handle.target, handle.limits.timeoutMs ?? DEFAULT_DECISION_TIMEOUT_MS);
}

/** A target file: the `target:` block of a campaign file, on its own (JSON is YAML: one parser, line:col for both). */
export function readTargetFile(file: string): TargetSpec {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      `cannot read target file '${file}': ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
  }
  return parseConfigText(file, text, TargetSpecSchema).value as TargetSpec;
}
