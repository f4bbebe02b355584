/**
 * A local program as a target, spawned by argv (never through a shell). Two modes:
 *
 * - `per-input` (command-per-input.ts): one process per input; the input as JSON, raw bytes on stdin or a temporary
 *   file (`input:`); the answer as the exit code (`exitCodes:`), stdout JSON or a stdout regex (`response:`).
 * - `line-protocol` (command-pool.ts): `concurrency` long-lived processes speaking JSON lines, restarted after a
 *   crash or a hang, with back-off for a program that dies at start.
 *
 * The configuration and the fingerprint live in command-spec.ts; the version that keys the answer cache (`version:`
 * or `versionCommand:`) in target-version.ts.
 */
import { existsSync, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import type { Target } from '../contracts/target.js';
import { UserError } from '../util/errors.js';
import { type CommandProcessOptions, PerInputCommandTarget } from './command-per-input.js';
import { LineProtocolCommandTarget } from './command-pool.js';
import { CommandTargetSchema, type CommandTargetSpec, exposesOfCommand } from './command-spec.js';
import { defineTargetKind } from './kind.js';
import { runVersionCommand } from './target-version.js';

export { PerInputCommandTarget } from './command-per-input.js';
export { LineProtocolCommandTarget } from './command-pool.js';
export { CommandTargetSchema, type CommandTargetSpec, commandFingerprint } from './command-spec.js';

/** A command target over an already resolved configuration (argv[0] as given: a path or a name on PATH). */
export function createCommandTarget(
  spec: CommandTargetSpec,
  baseDir: string,
  options: { env?: NodeJS.ProcessEnv; version?: string } = {},
): Target {
  const processOptions: CommandProcessOptions = {
    cwd: resolve(baseDir, spec.cwd ?? '.'),
    env: { ...(options.env ?? process.env), ...spec.env },
    version: options.version,
  };
  return spec.mode === 'line-protocol'
    ? new LineProtocolCommandTarget(spec, processOptions)
    : new PerInputCommandTarget(spec, processOptions);
}

/** Where a bare program name would be found on PATH (undefined when nowhere). */
function onPath(program: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, program);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** A program named with a path resolves from the base directory; a bare name must be on PATH. Checked at open. */
function resolveProgram(argv: readonly string[], baseDir: string, env: NodeJS.ProcessEnv, key: string): string[] {
  const program = argv[0]!;
  if (program.includes('/')) {
    const resolved = resolve(baseDir, program);
    if (!existsSync(resolved)) throw new UserError(`${key} program '${program}' not found (looked at ${resolved})`);
    return [resolved, ...argv.slice(1)];
  }
  if (!onPath(program, env)) throw new UserError(`${key} program '${program}' is not on PATH`);
  return [...argv];
}

/** Inputs in flight at once: per-input, one per process; line-protocol, `pipeline` per long-lived process. */
function inFlight(c: CommandTargetSpec): number | undefined {
  return c.mode === 'line-protocol' ? (c.concurrency ?? 1) * c.pipeline : c.concurrency;
}

export const commandTargetKind = defineTargetKind({
  kind: 'command',
  summary:
    'a local program (no shell): input as JSON, raw bytes or a file; answer as JSON, a regex or the exit code; ' +
    'per input or long-lived',
  schema: CommandTargetSchema,
  shorthand: {
    forms: ['command:<program>'],
    parse(text) {
      if (!text.startsWith('command:')) return undefined;
      const program = text.slice('command:'.length);
      if (!program) throw new UserError(`target '${text}': give the program after 'command:'`);
      return { argv: [program] };
    },
  },
  exposes: exposesOfCommand,
  async open(c, options) {
    const env = { ...(options.env ?? process.env), ...c.env };
    const cwd = resolve(options.baseDir, c.cwd ?? '.');
    c = { ...c, argv: resolveProgram(c.argv, options.baseDir, env, 'target') };
    let version = c.version;
    if (c.versionCommand) {
      const argv = resolveProgram(c.versionCommand, options.baseDir, env, 'versionCommand');
      version = await runVersionCommand(argv, { cwd, env, timeoutMs: Math.max(c.timeoutMs, 30_000) });
    }
    return {
      target: createCommandTarget(c, options.baseDir, { env: options.env, version }),
      limits: { concurrency: inFlight(c), retries: c.retries, timeoutMs: c.timeoutMs },
    };
  },
});
