/**
 * The configuration of a `command` target (the campaign file's `target: { command: … }` block) and its fingerprint.
 * Every combination that cannot work is refused here, at parse time, with the key it is about.
 */
import { z } from 'zod';
import { sha256Hex } from '../util/hash.js';
import { stableStringify } from '../util/stable-stringify.js';
import { FILE_PLACEHOLDER, INPUT_MODES } from './command-input.js';
import { DECISIONS, ExposesSchema, exposesOfMapping, ResponseMappingSchema } from './response-mapping.js';
import { versionSuffix } from './target-version.js';

export const CommandTargetSchema = z
  .strictObject({
    /** Program and arguments; spawned directly, never through a shell. `{file}` is replaced in `input: file` mode. */
    argv: z.array(z.string().min(1)).min(1),
    /** per-input: one process per input; line-protocol: long-lived processes speaking JSON lines. */
    mode: z.enum(['per-input', 'line-protocol']).default('per-input'),
    /** How a per-input process receives the input: json `{id, content, context}`, raw bytes, or a file path. */
    input: z.enum(INPUT_MODES).default('json'),
    /** Ending of the temporary file's name in `input: file` mode (some programs look at it), e.g. `.eml`. */
    fileSuffix: z
      .string()
      .regex(/^[\w.-]{0,16}$/, 'letters, digits, . _ - only (at most 16)')
      .default(''),
    cwd: z.string().optional(),
    env: z.record(z.string(), z.string()).default({}),
    /** How stdout becomes a verdict: JSON paths, or `regex` with named groups. */
    response: ResponseMappingSchema.optional(),
    /** Exit code → decision (per-input mode), e.g. `{0: allow, 1: block}`; an unlisted code is an error. */
    exitCodes: z.record(z.string(), z.enum(DECISIONS)).optional(),
    timeoutMs: z.int().positive().default(10_000),
    retries: z.int().min(0).max(10).default(2),
    /** Inputs at once; in line-protocol mode also the number of long-lived processes (default 1). */
    concurrency: z.int().positive().max(256).optional(),
    /**
     * Line-protocol: inputs written ahead to each process (it reads the next while answering one, so it never waits
     * for the harness between inputs). Inputs in flight = concurrency × pipeline.
     */
    pipeline: z.int().min(1).max(256).default(4),
    /** Starts in a row that die before answering anything, after which the target counts as broken. */
    maxFailedStarts: z.int().min(1).max(100).default(5),
    /** The target's version (a retrained model → a new version → no stale cached answers). */
    version: z.string().min(1).optional(),
    /** A command (argv, no shell) run once at open whose stdout is the version. */
    versionCommand: z.array(z.string().min(1)).min(1).optional(),
    exposes: ExposesSchema,
  })
  .superRefine((c, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const hasPlaceholder = c.argv.some((a) => a.includes(FILE_PLACEHOLDER));
    if (c.input === 'file' && !hasPlaceholder)
      issue('argv', `input: file needs ${FILE_PLACEHOLDER} in argv where the input file's path goes`);
    if (c.input !== 'file' && hasPlaceholder)
      issue('input', `argv has ${FILE_PLACEHOLDER}: set input: file to pass each input as a file`);
    if (c.mode === 'line-protocol' && c.input !== 'json')
      issue('input', 'line-protocol speaks JSON lines; raw and file inputs need mode: per-input');
    if (c.mode === 'line-protocol' && c.exitCodes)
      issue(
        'exitCodes',
        'a line-protocol process answers many inputs, so exit codes cannot be answers (per-input only)',
      );
    for (const code of Object.keys(c.exitCodes ?? {}))
      if (!/^\d{1,3}$/.test(code) || Number(code) > 255)
        ctx.addIssue({ code: 'custom', path: ['exitCodes', code], message: `'${code}' is not an exit code (0–255)` });
    if (c.version !== undefined && c.versionCommand !== undefined)
      issue('versionCommand', 'give version or versionCommand, not both');
  });
export type CommandTargetSpec = z.output<typeof CommandTargetSchema>;

/** What an attacker sees of a command's answers: only the decision when the exit code is the answer. */
export function exposesOfCommand(c: CommandTargetSpec): ReturnType<typeof exposesOfMapping> {
  if (c.exitCodes && !c.response && !c.exposes) return ['decision'];
  return exposesOfMapping(c.exposes, c.response);
}

/**
 * Same fingerprint ⇒ same answers expected: the program, how it is fed and read, and its version. Options that left
 * answers unchanged before (the default json input, no exit-code mapping, no version) leave the fingerprint as it was,
 * so existing caches stay valid.
 */
export function commandFingerprint(spec: CommandTargetSpec, version?: string): string {
  const parts: Record<string, unknown> = {
    argv: spec.argv,
    mode: spec.mode,
    env: spec.env,
    response: spec.response ?? null,
  };
  if (spec.input !== 'json') parts.input = spec.input;
  if (spec.exitCodes) parts.exitCodes = spec.exitCodes;
  return `command:${spec.argv.join(' ')}#${sha256Hex(stableStringify(parts)).slice(0, 12)}${versionSuffix(version)}`;
}
