/**
 * A local program as a target, spawned by argv (never through a shell):
 *
 * - `per-input`: one process per input. The input goes to stdin as one JSON object `{id, content, context}`; the
 *   process prints one JSON answer on stdout and exits 0.
 * - `line-protocol`: one long-lived process. Each input is one JSON line `{id, content, context}` on stdin; each
 *   answer is one JSON line on stdout. Answers that carry the request `id` are matched by it (so the program may
 *   answer out of order); answers without one are matched first-in, first-out.
 *
 * Answers are verdicts (`{decision, score?, decidedBy?}`) or mapped through `response:`. A process that crashes or
 * hangs fails the inputs it holds (retryable) and is restarted for the next one.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { Target, TargetInfo, TargetInput, TargetVerdict } from '../contracts/target.js';
import { UserError } from '../util/errors.js';
import { sha256Hex } from '../util/hash.js';
import { stableStringify } from '../util/stable-stringify.js';
import { defineTargetKind } from './kind.js';
import { mapResponse } from './response.js';
import { ExposesSchema, exposesOfMapping, ResponseMappingSchema, scoreScaleOfMapping } from './response-mapping.js';
import { TransportError } from './transport-error.js';

export const CommandTargetSchema = z.strictObject({
  /** Program and arguments; spawned directly, never through a shell. */
  argv: z.array(z.string().min(1)).min(1),
  /** per-input: one process per input (JSON on stdin → JSON on stdout); line-protocol: one process, JSON lines. */
  mode: z.enum(['per-input', 'line-protocol']).default('per-input'),
  cwd: z.string().optional(),
  env: z.record(z.string(), z.string()).default({}),
  response: ResponseMappingSchema.optional(),
  timeoutMs: z.int().positive().default(10_000),
  retries: z.int().min(0).max(10).default(2),
  concurrency: z.int().positive().optional(),
  exposes: ExposesSchema,
});
export type CommandTargetSpec = z.output<typeof CommandTargetSchema>;

export function commandFingerprint(spec: CommandTargetSpec): string {
  const config = stableStringify({ argv: spec.argv, mode: spec.mode, env: spec.env, response: spec.response ?? null });
  return `command:${spec.argv.join(' ')}#${sha256Hex(config).slice(0, 12)}`;
}

function requestLine(input: TargetInput, id: string): string {
  return `${JSON.stringify({ id, content: input.content, context: input.context ?? {} })}\n`;
}

abstract class CommandTargetBase implements Target {
  readonly info: TargetInfo;
  protected readonly cwd: string;

  constructor(
    readonly spec: CommandTargetSpec,
    baseDir: string,
  ) {
    this.info = {
      kind: 'command',
      fingerprint: commandFingerprint(spec),
      exposes: exposesOfMapping(spec.exposes, spec.response),
      scoreScale: scoreScaleOfMapping(spec.response),
    };
    this.cwd = resolve(baseDir, spec.cwd ?? '.');
  }

  protected spawnProcess(): ChildProcessWithoutNullStreams {
    const [program, ...args] = this.spec.argv as [string, ...string[]];
    return spawn(program, args, { cwd: this.cwd, env: { ...process.env, ...this.spec.env }, stdio: 'pipe' });
  }

  protected toVerdict(text: string): TargetVerdict {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new TransportError(`${this.spec.argv[0]} did not answer JSON: ${text.slice(0, 200)}`, false, 'protocol');
    }
    return mapResponse(json, this.spec.response);
  }

  abstract decide(input: TargetInput, signal?: AbortSignal): Promise<TargetVerdict>;
  abstract close(): Promise<void>;
}

/** One process per input. */
export class PerInputCommandTarget extends CommandTargetBase {
  decide(input: TargetInput, signal?: AbortSignal): Promise<TargetVerdict> {
    return new Promise((resolvePromise, reject) => {
      const child = this.spawnProcess();
      let out = '';
      let err = '';
      let settled = false;
      const finish = (f: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        f();
      };
      const onAbort = () => {
        child.kill('SIGKILL');
        finish(() => reject(new TransportError(`${this.spec.argv[0]} timed out`, true, 'timeout')));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
      });
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        if (err.length < 4000) err += d;
      });
      child.on('error', (e) =>
        finish(() => reject(new TransportError(`cannot start ${this.spec.argv[0]}: ${e.message}`, false, 'crashed'))),
      );
      child.on('close', (code, sig) =>
        finish(() => {
          if (code !== 0) {
            reject(
              new TransportError(
                `${this.spec.argv[0]} exited with ${code ?? sig}${err ? `: ${err.trim().slice(0, 300)}` : ''}`,
                false,
                'crashed',
              ),
            );
            return;
          }
          try {
            resolvePromise(this.toVerdict(out.trim()));
          } catch (e) {
            reject(e);
          }
        }),
      );
      child.stdin.on('error', () => undefined); // EPIPE when the program exits without reading: reported by 'close'.
      child.stdin.end(requestLine(input, input.id));
      if (signal?.aborted) onAbort();
    });
  }

  async close(): Promise<void> {}
}

interface Pending {
  id: string;
  resolve: (v: TargetVerdict) => void;
  reject: (e: Error) => void;
}

/** One long-lived process speaking JSON lines. */
export class LineProtocolCommandTarget extends CommandTargetBase {
  private child?: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<string, Pending>();
  private readonly order: string[] = [];
  private counter = 0;
  private stderrTail = '';
  private closed = false;
  /** Processes started (1 + restarts after crashes or hangs). */
  starts = 0;

  decide(input: TargetInput, signal?: AbortSignal): Promise<TargetVerdict> {
    const child = this.ensureProcess();
    const id = `${++this.counter}`;
    return new Promise((resolvePromise, reject) => {
      const onAbort = () => {
        if (!this.pending.has(id)) return;
        // A hung request: without ids the answers would now be off by one, so restart the process.
        if (this.child === child) this.child = undefined;
        this.failAll(new TransportError(`${this.spec.argv[0]} timed out`, true, 'timeout'));
        child.kill('SIGKILL');
      };
      this.pending.set(id, {
        id,
        resolve: (v) => {
          signal?.removeEventListener('abort', onAbort);
          resolvePromise(v);
        },
        reject: (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      });
      this.order.push(id);
      signal?.addEventListener('abort', onAbort, { once: true });
      child.stdin.write(requestLine(input, id));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const child = this.child;
    this.child = undefined;
    if (!child) return;
    this.failAll(new TransportError('target closed', false, 'crashed'));
    await new Promise<void>((r) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
      }, 2_000);
      child.once('close', () => {
        clearTimeout(timer);
        r();
      });
      child.stdin.end();
    });
  }

  private ensureProcess(): ChildProcessWithoutNullStreams {
    if (this.closed) throw new TransportError('target closed', false, 'crashed');
    if (this.child) return this.child;
    const child = this.spawnProcess();
    this.starts++;
    this.child = child;
    child.stdin.on('error', () => undefined);
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      this.stderrTail = (this.stderrTail + d).slice(-2000);
    });
    // Lines from a process we already replaced (after a hang) must not answer the new one's requests.
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (this.child === child) this.onLine(line);
    });
    child.on('error', (e) => {
      if (this.child !== child) return;
      this.child = undefined;
      this.failAll(new TransportError(`cannot start ${this.spec.argv[0]}: ${e.message}`, false, 'crashed'));
    });
    child.on('close', (code, sig) => {
      if (this.child !== child) return;
      this.child = undefined;
      const tail = this.stderrTail.trim().slice(-300);
      this.failAll(
        new TransportError(
          `${this.spec.argv[0]} exited with ${code ?? sig} while answering${tail ? `: ${tail}` : ''}`,
          true,
          'crashed',
        ),
      );
    });
    return child;
  }

  private onLine(line: string): void {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      const first = this.takePending(undefined);
      first?.reject(
        new TransportError(`${this.spec.argv[0]} did not answer JSON: ${line.slice(0, 200)}`, false, 'protocol'),
      );
      return;
    }
    const answerId = json && typeof json === 'object' ? (json as { id?: unknown }).id : undefined;
    const hasId = typeof answerId === 'string' || typeof answerId === 'number';
    // An id we no longer wait for is an answer to a request we gave up on: drop it.
    if (hasId && !this.pending.has(String(answerId))) return;
    const p = this.takePending(hasId ? String(answerId) : undefined);
    if (!p) return;
    try {
      p.resolve(mapResponse(json, this.spec.response));
    } catch (e) {
      p.reject(e as Error);
    }
  }

  private takePending(id: string | undefined): Pending | undefined {
    const key = id !== undefined && this.pending.has(id) ? id : this.order[0];
    if (key === undefined) return undefined;
    const p = this.pending.get(key);
    this.pending.delete(key);
    const at = this.order.indexOf(key);
    if (at >= 0) this.order.splice(at, 1);
    return p;
  }

  private failAll(e: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    this.order.length = 0;
    for (const p of all) p.reject(e);
  }
}

export function createCommandTarget(spec: CommandTargetSpec, baseDir: string): Target {
  return spec.mode === 'line-protocol'
    ? new LineProtocolCommandTarget(spec, baseDir)
    : new PerInputCommandTarget(spec, baseDir);
}

export const commandTargetKind = defineTargetKind({
  kind: 'command',
  summary: 'a local program: JSON {id, content, context} on stdin, JSON {decision, score?} on stdout (no shell)',
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
  exposes: (c) => exposesOfMapping(c.exposes, c.response),
  async open(c, options) {
    // A program named with a path resolves from the base directory; a bare name is looked up on PATH by spawn.
    const program = c.argv[0]!;
    if (program.includes('/')) {
      const resolved = resolve(options.baseDir, program);
      if (!existsSync(resolved)) throw new UserError(`target program '${program}' not found (looked at ${resolved})`);
      c = { ...c, argv: [resolved, ...c.argv.slice(1)] };
    }
    return {
      target: createCommandTarget(c, options.baseDir),
      limits: { concurrency: c.concurrency, retries: c.retries, timeoutMs: c.timeoutMs },
    };
  },
});
