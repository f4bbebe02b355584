/**
 * `--target` strings for `nograd regress run` and `baseline`:
 *
 *   reference                     the in-process reference mail filter (logistic regression)
 *   reference:nb                  … with naive Bayes
 *   reference:regressed           … the deliberately regressed variant (what a regression suite must catch)
 *   reference:hardened            … with every hardening switch on
 *   reference:nb,regressed        options combine (separated by ':' or ',')
 *   http:<url>  or  <http(s) url> POST {"message", "context"} → {"decision", "score"} (what `nograd reference
 *                                 serve` answers on /score; a URL without a path posts to /score)
 *   command:<program>             a local program, one process per input: JSON {id, content, context} on stdin,
 *                                 JSON {decision, score?} on stdout (spawned directly, never through a shell)
 *   module:<file.js>[#export]     a JS module exporting `(input) => verdict` (default export unless named)
 *   <file.yaml | file.json>       a target file: exactly one of `reference:`, `http:`, `command:`, `module:` with the
 *                                 same keys as a campaign's `target:` (argv lists, headers, body templates, response
 *                                 mappings, timeouts); relative paths resolve from the file
 *
 * Targets that can hang (HTTP, commands) get a per-decision timeout, so one stuck case becomes an `error`, not a
 * stuck CI job.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import type { Decision, Target, TargetInput, TargetVerdict } from '../target/types.js';
import { TargetError } from '../target/types.js';
import { parseConfigText } from '../traces/yaml-config.js';
import { UserError } from '../util/errors.js';

export const TARGET_SPEC_HELP =
  'reference, reference:nb, reference:regressed, reference:hardened (combine: reference:nb,regressed), http:<url>, command:<program>, module:<file.js>, or a target file (.yaml/.json)';

/** Per-decision timeout for targets that leave it to the caller (commands, modules). */
export const DEFAULT_DECISION_TIMEOUT_MS = 30_000;

export interface ReferenceSpec {
  kind: 'reference';
  model: 'lr' | 'nb';
  variant: 'default' | 'regressed';
  hardened: boolean;
}

export interface HttpSpec {
  kind: 'http';
  url: string;
}

export interface CommandSpec {
  kind: 'command';
  program: string;
}

export interface ModuleSpec {
  kind: 'module';
  path: string;
  export: string;
}

export interface FileSpec {
  kind: 'file';
  path: string;
}

export type TargetSpec = ReferenceSpec | HttpSpec | CommandSpec | ModuleSpec | FileSpec;

export function parseTargetSpec(spec: string): TargetSpec {
  const s = spec.trim();
  if (s === '') throw new UserError(`--target is empty (use ${TARGET_SPEC_HELP})`);
  if (/^https?:\/\//i.test(s)) return { kind: 'http', url: httpUrl(s, spec) };
  if (s.startsWith('http:')) return { kind: 'http', url: httpUrl(s.slice('http:'.length), spec) };
  if (s.startsWith('command:')) {
    const program = s.slice('command:'.length);
    if (!program) throw new UserError(`target '${spec}': give the program after 'command:'`);
    return { kind: 'command', program };
  }
  if (s.startsWith('module:')) {
    const rest = s.slice('module:'.length);
    const hash = rest.lastIndexOf('#');
    const path = hash > 0 ? rest.slice(0, hash) : rest;
    if (!path) throw new UserError(`target '${spec}': give the module file after 'module:'`);
    return { kind: 'module', path, export: hash > 0 ? rest.slice(hash + 1) || 'default' : 'default' };
  }
  if (/\.(ya?ml|json)$/i.test(s)) return { kind: 'file', path: s };
  const [head, ...rest] = s.split(/[:,]/);
  if (head !== 'reference') throw new UserError(`unknown target '${spec}' (use ${TARGET_SPEC_HELP})`);
  const out: ReferenceSpec = { kind: 'reference', model: 'lr', variant: 'default', hardened: false };
  for (const token of rest.filter(Boolean)) {
    if (token === 'lr' || token === 'nb') out.model = token;
    else if (token === 'regressed' || token === 'default') out.variant = token;
    else if (token === 'hardened') out.hardened = true;
    else
      throw new UserError(
        `unknown reference target option '${token}' in '${spec}' (options: lr, nb, default, regressed, hardened)`,
      );
  }
  return out;
}

function httpUrl(raw: string, spec: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserError(`target '${spec}': '${raw}' is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UserError(`target '${spec}': only http(s) URLs`);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/score';
  return url.href;
}

/** Open the target a `--target` string names. `cwd` resolves relative programs, modules and target files. */
export async function targetFromSpec(spec: string, cwd = process.cwd()): Promise<Target> {
  const parsed = parseTargetSpec(spec);
  switch (parsed.kind) {
    case 'http':
      return new SimpleHttpTarget(parsed.url);
    case 'reference': {
      const [{ referenceTarget }, { FULL_HARDENING }] = await Promise.all([
        import('../reference/target.js'),
        import('../reference/hardening.js'),
      ]);
      return referenceTarget({
        model: parsed.model,
        variant: parsed.variant,
        ...(parsed.hardened ? { hardening: { ...FULL_HARDENING } } : {}),
      });
    }
    case 'command': {
      const { createCommandTarget } = await import('../campaign/targets/command.js');
      const { CommandTargetSchema } = await import('../campaign/file.js');
      // A program named with a path resolves from cwd; a bare name is looked up on PATH by spawn.
      const program = parsed.program.includes('/') ? resolve(cwd, parsed.program) : parsed.program;
      if (program.includes('/') && !existsSync(program))
        throw new UserError(`target program '${parsed.program}' not found (looked at ${program})`);
      const cmd = CommandTargetSchema.parse({ argv: [program] });
      return withTimeout(createCommandTarget(cmd, cwd), cmd.timeoutMs);
    }
    case 'module': {
      const { ModuleTarget } = await import('../campaign/targets/module.js');
      return withTimeout(
        await ModuleTarget.load({ path: parsed.path, export: parsed.export }, cwd),
        DEFAULT_DECISION_TIMEOUT_MS,
      );
    }
    case 'file':
      return targetFromFile(resolve(cwd, parsed.path));
  }
}

/** A target file: the `target:` block of a campaign file, on its own. */
async function targetFromFile(file: string): Promise<Target> {
  const { CommandTargetSchema, HttpTargetSchema, ModuleTargetSchema, ReferenceTargetSchema } = await import(
    '../campaign/file.js'
  );
  const schema = z
    .strictObject({
      reference: ReferenceTargetSchema.optional(),
      http: HttpTargetSchema.optional(),
      command: CommandTargetSchema.optional(),
      module: ModuleTargetSchema.optional(),
    })
    .refine((t) => Object.values(t).filter((v) => v !== undefined).length === 1, {
      message: 'a target file has exactly one of: reference, http, command, module',
    });
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      `cannot read target file '${file}': ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
  }
  // JSON is YAML, so one parser gives line:col for both.
  const loaded = parseConfigText(file, text, schema);
  const { openTarget } = await import('../campaign/targets/index.js');
  const handle = await openTarget(loaded.value as Parameters<typeof openTarget>[0], { baseDir: dirname(file) });
  return withTimeout(handle.target, handle.limits.timeoutMs ?? DEFAULT_DECISION_TIMEOUT_MS);
}

/**
 * Give up on a decision that takes longer than `ms`. The signal lets targets that can (commands, HTTP) stop the
 * work; the race makes the case fail even for one that ignores it (an in-process module stuck in a loop still
 * holds its thread, but an async one that never settles no longer stalls the run).
 */
export function withTimeout(target: Target, ms: number): Target {
  return {
    info: target.info,
    decide(input: TargetInput, signal?: AbortSignal): Promise<TargetVerdict> {
      const timeout = AbortSignal.timeout(ms);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
      return new Promise<TargetVerdict>((resolvePromise, reject) => {
        const onAbort = () =>
          reject(signal?.aborted ? signal.reason : new TargetError(`no answer within ${ms} ms`, true));
        combined.addEventListener('abort', onAbort, { once: true });
        target.decide(input, combined).then(
          (v) => {
            combined.removeEventListener('abort', onAbort);
            resolvePromise(v);
          },
          (e: unknown) => {
            combined.removeEventListener('abort', onAbort);
            if (timeout.aborted && !signal?.aborted) reject(new TargetError(`no answer within ${ms} ms`, true));
            else reject(e);
          },
        );
      });
    },
    close: () => target.close(),
  };
}

const DECISIONS: readonly Decision[] = ['allow', 'review', 'block'];

/** POST {message, context} as JSON; read {decision, score?, decidedBy?}. One try per input, 30 s timeout. */
export class SimpleHttpTarget implements Target {
  readonly info;

  constructor(
    readonly url: string,
    private readonly timeoutMs = 30_000,
  ) {
    this.info = {
      kind: 'http' as const,
      fingerprint: `http:POST ${url}`,
      exposes: ['decision' as const, 'score' as const],
    };
  }

  async decide(input: TargetInput, signal?: AbortSignal): Promise<TargetVerdict> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: input.content, context: input.context ?? {} }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (e) {
      throw new TargetError(`POST ${this.url}: ${(e as Error).message}`, true);
    }
    const text = await res.text();
    if (!res.ok)
      throw new TargetError(
        `POST ${this.url}: HTTP ${res.status} ${text.slice(0, 200)}`,
        res.status >= 500 || res.status === 429,
      );
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new TargetError(`POST ${this.url}: the answer is not JSON: ${text.slice(0, 200)}`, false);
    }
    const b = (body ?? {}) as { decision?: unknown; score?: unknown; decidedBy?: unknown };
    if (typeof b.decision !== 'string' || !DECISIONS.includes(b.decision as Decision)) {
      throw new TargetError(
        `POST ${this.url}: the answer has no decision (allow, review or block): ${text.slice(0, 200)}`,
        false,
      );
    }
    return {
      decision: b.decision as Decision,
      ...(typeof b.score === 'number' && Number.isFinite(b.score) ? { score: b.score } : {}),
      ...(typeof b.decidedBy === 'string' ? { decidedBy: b.decidedBy } : {}),
    };
  }

  async close(): Promise<void> {}
}
