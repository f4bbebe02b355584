/**
 * A command target in line-protocol mode: a pool of `concurrency` long-lived processes (default 1), each speaking
 * JSON lines. Each input is one line `{id, content, context}` (plus `contentBase64` when its bytes are not UTF-8) to
 * the least-loaded process; each answer is one line on that process's stdout: JSON matched by its `id` (so a process
 * may answer out of order) or, without an id or with a `regex` mapping, first-in first-out.
 *
 * A process that crashes or hangs (the caller's timeout) fails only the inputs it holds, retryably, and its slot is
 * started again on the next input. Starts that die before answering anything are counted by a StartGuard: it backs
 * off between them and, after `maxFailedStarts` in a row, fails every call with one clear non-retryable error.
 */

import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Target, TargetInfo, TargetInput, TargetVerdict } from '../contracts/target.js';
import { jsonRequest } from './command-input.js';
import type { CommandProcessOptions } from './command-per-input.js';
import { type CommandTargetSpec, commandFingerprint, exposesOfCommand } from './command-spec.js';
import { mapAnswerText, mapResponse } from './response.js';
import { scoreScaleOfMapping } from './response-mapping.js';
import { backOff, lastLines, StartGuard } from './start-guard.js';
import { TransportError } from './transport-error.js';

interface Pending {
  resolve: (v: TargetVerdict) => void;
  reject: (e: Error) => void;
}

/** One long-lived process and the requests it holds (in the order they were written). */
interface Worker {
  child: ChildProcessWithoutNullStreams;
  pending: Map<string, Pending>;
  answered: boolean;
  stderrTail: string;
  dead: boolean;
  /** Request lines for a busy process, written together (see `send`). */
  outbox: string[];
}

export class LineProtocolCommandTarget implements Target {
  readonly info: TargetInfo;
  readonly guard: StartGuard;
  private readonly workers: Array<Worker | undefined>;
  /** Requests assigned to each slot (including those waiting for its process to start). */
  private readonly load: number[];
  private counter = 0;
  private closed = false;
  /** Processes started (the pool's first starts plus restarts after crashes or hangs). */
  starts = 0;

  constructor(
    readonly spec: CommandTargetSpec,
    private readonly options: CommandProcessOptions,
  ) {
    this.info = {
      kind: 'command',
      fingerprint: commandFingerprint(spec, options.version),
      exposes: exposesOfCommand(spec),
      scoreScale: scoreScaleOfMapping(spec.response),
    };
    this.guard = new StartGuard(spec.argv[0]!, { limit: spec.maxFailedStarts });
    const size = spec.concurrency ?? 1;
    this.workers = new Array(size).fill(undefined);
    this.load = new Array(size).fill(0);
  }

  /** Processes in the pool. */
  get size(): number {
    return this.workers.length;
  }

  async decide(input: TargetInput, signal?: AbortSignal): Promise<TargetVerdict> {
    const slot = this.leastLoaded();
    this.load[slot]!++;
    let worker: Worker;
    try {
      worker = await this.workerAt(slot, signal);
    } catch (e) {
      this.load[slot]!--;
      throw e;
    }
    const id = `${++this.counter}`;
    return new Promise((resolvePromise, reject) => {
      const onAbort = () => {
        if (!worker.pending.has(id)) return;
        // A hung request: answers without ids would now be off by one, so this process goes; only its inputs fail.
        this.retire(worker, new TransportError(`${this.spec.argv[0]} timed out`, true, 'timeout'), 'hung');
        worker.child.kill('SIGKILL');
      };
      const done = () => {
        this.load[slot]!--;
        signal?.removeEventListener('abort', onAbort);
      };
      worker.pending.set(id, {
        resolve: (v) => {
          done();
          resolvePromise(v);
        },
        reject: (e) => {
          done();
          reject(e);
        },
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.send(worker, jsonRequest(input, id));
      if (signal?.aborted) onAbort();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const live = this.workers.filter((w): w is Worker => w !== undefined);
    this.workers.fill(undefined);
    await Promise.all(
      live.map(
        (w) =>
          new Promise<void>((r) => {
            this.fail(w, new TransportError('target closed', false, 'crashed'));
            w.dead = true;
            if (w.child.exitCode !== null || w.child.signalCode !== null) return r();
            const timer = setTimeout(() => w.child.kill('SIGKILL'), 2_000);
            w.child.once('close', () => {
              clearTimeout(timer);
              r();
            });
            w.child.stdin.end();
          }),
      ),
    );
  }

  /**
   * Write one request line. An idle process gets it at once (no added latency); a busy one cannot read it before it
   * finishes what it holds anyway, so lines for it are gathered and written together a moment later: one pipe write
   * (and one wake-up of the process) for many inputs instead of one each.
   */
  private send(w: Worker, line: string): void {
    if (w.pending.size <= 1 && w.outbox.length === 0) {
      w.child.stdin.write(line);
      return;
    }
    if (w.outbox.push(line) > 1) return;
    setTimeout(() => {
      const text = w.outbox.join('');
      w.outbox.length = 0;
      if (!w.dead) w.child.stdin.write(text);
    }, 0);
  }

  private leastLoaded(): number {
    let best = 0;
    for (let i = 1; i < this.load.length; i++) if (this.load[i]! < this.load[best]!) best = i;
    return best;
  }

  private async workerAt(slot: number, signal?: AbortSignal): Promise<Worker> {
    for (;;) {
      if (this.closed) throw new TransportError('target closed', false, 'crashed');
      if (this.guard.broken) throw this.guard.broken;
      const w = this.workers[slot];
      if (w) return w;
      const wait = this.guard.delayMs();
      if (wait === 0) return this.start(slot);
      await backOff(wait, signal);
      // Another caller may have started this slot while we waited; look again.
      if (!this.workers[slot] && !this.guard.broken && !this.closed) return this.start(slot);
    }
  }

  private start(slot: number): Worker {
    const [program, ...args] = this.spec.argv as [string, ...string[]];
    const child = spawn(program, args, { cwd: this.options.cwd, env: this.options.env, stdio: 'pipe' });
    this.starts++;
    const w: Worker = { child, pending: new Map(), answered: false, stderrTail: '', dead: false, outbox: [] };
    this.workers[slot] = w;
    child.stdin.on('error', () => undefined);
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      w.stderrTail = (w.stderrTail + d).slice(-4000);
    });
    createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => {
      if (!w.dead) this.onLine(w, line);
    });
    child.on('error', (e: NodeJS.ErrnoException) => this.retire(w, this.guard.spawnFailed(e), 'spawn'));
    child.on('close', (code, sig) => {
      const exit = code !== null ? `exit code ${code}` : `killed by ${sig}`;
      this.retire(
        w,
        new TransportError(
          `${this.spec.argv[0]} exited (${exit}) while answering${lastLines(w.stderrTail, 3)}`,
          true,
          'crashed',
        ),
        exit,
      );
    });
    return w;
  }

  /**
   * Take a process out of the pool and fail what it holds. A process that never answered is a failed start: after
   * too many in a row the target is broken, and its inputs fail with that error instead.
   */
  private retire(w: Worker, error: TransportError, how: string): void {
    if (w.dead) return;
    w.dead = true;
    const slot = this.workers.indexOf(w);
    if (slot >= 0) this.workers[slot] = undefined;
    let e = error;
    if (how !== 'spawn' && !w.answered && !this.closed) e = this.guard.failedStart(how, w.stderrTail) ?? error;
    this.fail(w, e);
  }

  private fail(w: Worker, e: Error): void {
    const all = [...w.pending.values()];
    w.pending.clear();
    for (const p of all) p.reject(e);
  }

  private onLine(w: Worker, line: string): void {
    if (!line.trim()) return;
    w.answered = true;
    this.guard.answered();
    if (this.spec.response?.regex !== undefined) {
      const p = this.take(w, undefined);
      if (!p) return;
      try {
        p.resolve(mapAnswerText(line, this.spec.response));
      } catch (e) {
        p.reject(e as Error);
      }
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      this.take(w, undefined)?.reject(
        new TransportError(`${this.spec.argv[0]} did not answer JSON: ${line.slice(0, 200)}`, false, 'protocol'),
      );
      return;
    }
    const answerId = json && typeof json === 'object' ? (json as { id?: unknown }).id : undefined;
    const hasId = typeof answerId === 'string' || typeof answerId === 'number';
    // An id we no longer wait for is an answer to a request we gave up on: drop it.
    if (hasId && !w.pending.has(String(answerId))) return;
    const p = this.take(w, hasId ? String(answerId) : undefined);
    if (!p) return;
    try {
      p.resolve(mapResponse(json, this.spec.response));
    } catch (e) {
      p.reject(e as Error);
    }
  }

  /** The request with this id, or the oldest one (a Map iterates in insertion order). */
  private take(w: Worker, id: string | undefined): Pending | undefined {
    const key = id ?? w.pending.keys().next().value;
    if (key === undefined) return undefined;
    const p = w.pending.get(key);
    w.pending.delete(key);
    return p;
  }
}
