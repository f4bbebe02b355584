/**
 * A JavaScript module as a target: a file exporting a scoring function `(input) => verdict | Promise<verdict>`
 * (or an object with such a `decide` method), loaded in-process. The fingerprint hashes the file, so editing the
 * model invalidates cached answers.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sha256Hex } from '../../reference/hash.js';
import type { Target, TargetInfo, TargetInput, TargetVerdict } from '../../target/types.js';
import { UserError } from '../../util/errors.js';
import { exposesOf, type ModuleTargetSpec } from '../file.js';
import { TransportError } from './resilient.js';

type DecideFn = (input: TargetInput) => TargetVerdict | Promise<TargetVerdict>;

const DECISIONS = new Set(['allow', 'review', 'block']);

export class ModuleTarget implements Target {
  private constructor(
    readonly info: TargetInfo,
    private readonly fn: DecideFn,
  ) {}

  static async load(spec: ModuleTargetSpec, baseDir: string): Promise<ModuleTarget> {
    const file = resolve(baseDir, spec.path);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new UserError(`target module '${spec.path}' not found (looked at ${file})`);
    }
    let mod: Record<string, unknown>;
    try {
      mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    } catch (e) {
      throw new UserError(`cannot load target module '${spec.path}': ${(e as Error).message}`);
    }
    const exported = mod[spec.export];
    let fn: DecideFn | undefined;
    if (typeof exported === 'function') fn = exported as DecideFn;
    else if (exported && typeof (exported as { decide?: unknown }).decide === 'function') {
      const obj = exported as { decide: DecideFn };
      fn = (input) => obj.decide(input);
    }
    if (!fn) {
      const names = Object.keys(mod).join(', ') || 'nothing';
      throw new UserError(
        `target module '${spec.path}' has no function export '${spec.export}' (it exports: ${names})`,
      );
    }
    const fingerprint = `module:${relative(baseDir, file)}:${spec.export}#${sha256Hex(text).slice(0, 12)}`;
    return new ModuleTarget({ kind: 'module', fingerprint, exposes: exposesOf({ module: spec }) }, fn);
  }

  async decide(input: TargetInput): Promise<TargetVerdict> {
    let v: unknown;
    try {
      v = await this.fn(input);
    } catch (e) {
      const err = e as { message?: string; retryable?: unknown; retryAfterMs?: number };
      const retryable = typeof err?.retryable === 'boolean' ? err.retryable : false;
      throw new TransportError(
        `target module threw: ${err?.message ?? String(e)}`,
        retryable,
        'crashed',
        err?.retryAfterMs,
      );
    }
    if (!v || typeof v !== 'object' || !DECISIONS.has(String((v as TargetVerdict).decision))) {
      throw new TransportError(
        `target module returned ${JSON.stringify(v)?.slice(0, 200)}; expected {decision: allow|review|block, score?}`,
        false,
        'protocol',
      );
    }
    const verdict = v as TargetVerdict;
    if (verdict.score !== undefined && !Number.isFinite(verdict.score)) {
      throw new TransportError(
        `target module returned a score that is not a number: ${verdict.score}`,
        false,
        'protocol',
      );
    }
    return verdict;
  }

  async close(): Promise<void> {}
}
