/**
 * A target's version, for the answer cache: a retrained filter answers differently, so its cached answers must not
 * be reused. The version is a user-given string, the output of a version command (run once at open), or the hash of
 * a health endpoint's answer (fetched once at open); it becomes part of `info.fingerprint`. Without one the
 * fingerprint stays what it was (configuration only).
 */
import { spawn } from 'node:child_process';
import { UserError } from '../util/errors.js';
import { sha256Hex } from '../util/hash.js';

/** The fingerprint suffix for a version: short readable versions as they are, anything else as a hash. */
export function versionSuffix(version: string | undefined): string {
  if (version === undefined) return '';
  const v = version.trim();
  return /^[\w.+:-]{1,40}$/.test(v) ? `@${v}` : `@sha256:${sha256Hex(v).slice(0, 12)}`;
}

/** Run `argv` (no shell) and return its trimmed stdout: the target's version. A failure is the user's to fix. */
export function runVersionCommand(
  argv: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<string> {
  const [program, ...args] = argv as [string, ...string[]];
  const what = `versionCommand [${argv.join(', ')}]`;
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new UserError(`${what} gave no answer within ${(options.timeoutMs ?? 30_000) / 1000} s`));
    }, options.timeoutMs ?? 30_000);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err = (err + d).slice(-1000);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new UserError(`${what} cannot start: ${e.code === 'ENOENT' ? 'no such program' : e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const text = Buffer.concat(out).toString('utf8').trim();
      if (code !== 0) {
        reject(
          new UserError(`${what} exited with ${code ?? signal}${err.trim() ? `: ${err.trim().slice(-300)}` : ''}`),
        );
      } else if (!text) reject(new UserError(`${what} printed nothing: its stdout is the version`));
      else resolve(text);
    });
  });
}

/** GET `url` once and hash its body (a health or model-info endpoint that names the deployed model). */
export async function healthVersion(url: string, timeoutMs = 30_000): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause;
    throw new UserError(`healthUrl ${url}: cannot reach it (${cause?.code ?? (e as Error).message})`);
  }
  const body = await res.text().catch(() => '');
  if (!res.ok) throw new UserError(`healthUrl ${url}: HTTP ${res.status}${body ? `: ${body.slice(0, 200)}` : ''}`);
  return `health:${sha256Hex(body).slice(0, 16)}`;
}
