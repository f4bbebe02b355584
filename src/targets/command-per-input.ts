/**
 * A command target that spawns one process per input (argv, never a shell). The input goes in as JSON, raw bytes or
 * a temporary file (`input:`); the answer comes back as the exit code (`exitCodes:`), stdout JSON or a stdout regex
 * (`response:`). A program that cannot start, or fails every time before it ever answered, breaks the target with one
 * clear error (StartGuard) instead of failing every input with its own.
 */

import { spawn } from 'node:child_process';
import { inputBytes } from '../contracts/input-bytes.js';
import type { Decision, Target, TargetInfo, TargetInput, TargetVerdict } from '../contracts/target.js';
import { argvWithFile, jsonRequest, TempInputFiles } from './command-input.js';
import { type CommandTargetSpec, commandFingerprint, exposesOfCommand } from './command-spec.js';
import { mapAnswerText } from './response.js';
import { scoreScaleOfMapping } from './response-mapping.js';
import { backOff, lastLines, StartGuard } from './start-guard.js';
import { TransportError } from './transport-error.js';

export interface CommandProcessOptions {
  /** Working directory (resolved). */
  cwd: string;
  /** The full environment of the child. */
  env: NodeJS.ProcessEnv;
  /** The target's version (see target-version.ts), when known. */
  version?: string;
}

/** The most stdout kept from one answer: a runaway program must not fill memory. */
const MAX_STDOUT = 8 * 1024 * 1024;

export class PerInputCommandTarget implements Target {
  readonly info: TargetInfo;
  readonly guard: StartGuard;
  private readonly files: TempInputFiles;
  private everAnswered = false;
  /** Processes spawned. */
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
    this.files = new TempInputFiles(spec.fileSuffix);
  }

  async decide(input: TargetInput, signal?: AbortSignal): Promise<TargetVerdict> {
    if (this.guard.broken) throw this.guard.broken;
    if (!this.everAnswered) await backOff(this.guard.delayMs(), signal);
    if (this.guard.broken) throw this.guard.broken;
    if (this.spec.input !== 'file') {
      const stdin = this.spec.input === 'raw' ? inputBytes(input) : jsonRequest(input, input.id);
      return this.run(this.spec.argv, stdin, signal);
    }
    const path = this.files.write(input);
    try {
      return await this.run(argvWithFile(this.spec.argv, path), undefined, signal);
    } finally {
      await this.files.remove(path);
    }
  }

  async close(): Promise<void> {
    this.files.close();
  }

  private run(
    argv: readonly string[],
    stdin: string | Buffer | undefined,
    signal?: AbortSignal,
  ): Promise<TargetVerdict> {
    const [program, ...args] = argv as [string, ...string[]];
    const command = this.spec.argv[0]!;
    return new Promise((resolvePromise, reject) => {
      const child = spawn(program, args, { cwd: this.options.cwd, env: this.options.env, stdio: 'pipe' });
      this.starts++;
      const out: Buffer[] = [];
      let outBytes = 0;
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
        finish(() => reject(new TransportError(`${command} timed out`, true, 'timeout')));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      child.stdout.on('data', (d: Buffer) => {
        if (outBytes < MAX_STDOUT) out.push(d);
        outBytes += d.length;
      });
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        err = (err + d).slice(-4000);
      });
      child.on('error', (e: NodeJS.ErrnoException) => finish(() => reject(this.guard.spawnFailed(e))));
      child.on('close', (code, sig) =>
        finish(() => {
          try {
            resolvePromise(this.answer(code, sig, Buffer.concat(out).toString('utf8'), err));
          } catch (e) {
            reject(this.failed(e as TransportError, code, sig, err));
          }
        }),
      );
      child.stdin.on('error', () => undefined); // EPIPE when the program exits without reading: reported by 'close'.
      child.stdin.end(stdin);
      if (signal?.aborted) onAbort();
    });
  }

  /** The verdict from exit code and stdout (throws a TransportError when they are not an answer). */
  private answer(code: number | null, sig: NodeJS.Signals | null, stdout: string, stderr: string): TargetVerdict {
    const command = this.spec.argv[0]!;
    let decided: Decision | undefined;
    if (this.spec.exitCodes) {
      decided = code === null ? undefined : this.spec.exitCodes[String(code)];
      if (decided === undefined) {
        const known = Object.keys(this.spec.exitCodes).join(', ');
        throw new TransportError(
          `${command} exited with ${code ?? sig}, which exitCodes does not map (it maps ${known})${lastLines(stderr, 3)}`,
          false,
          code === null ? 'crashed' : 'protocol',
        );
      }
    } else if (code !== 0) {
      throw new TransportError(`${command} exited with ${code ?? sig}${lastLines(stderr, 3)}`, false, 'crashed');
    }
    const verdict = mapAnswerText(stdout.trim(), this.spec.response, decided);
    this.everAnswered = true;
    this.guard.answered();
    return verdict;
  }

  /**
   * Until the program has answered once, every failure counts towards "broken" (a wrong command fails them all) and is
   * retried (with the guard's back-off) rather than charged to the input.
   */
  private failed(e: TransportError, code: number | null, sig: NodeJS.Signals | null, stderr: string): TransportError {
    if (this.everAnswered) return e;
    const exit = code !== null ? `exit code ${code}` : `killed by ${sig}`;
    const how = e.reason === 'protocol' && code === 0 ? `${exit}, ${e.message.split('\n')[0]}` : exit;
    // Retryable until then: a retry with back-off either works or brings the target to "broken" with one message.
    return this.guard.failedStart(how, stderr) ?? new TransportError(e.message, true, e.reason);
  }
}
