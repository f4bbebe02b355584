/**
 * A JavaScript module as a target: a file exporting a scoring function `(input) => verdict | Promise<verdict>`
 * (or an object with such a `decide` method), loaded in-process. The fingerprint hashes the file, so editing the
 * model invalidates cached answers. The function receives the input with `bytes` added: the exact bytes of the
 * content (see contracts/input-bytes.ts), so a filter that reads mail as bytes gets what was sent.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { inputBytes } from '../contracts/input-bytes.js';
import { DECISIONS, type Target, type TargetInfo, type TargetInput, type TargetVerdict } from '../contracts/target.js';
import { UserError } from '../util/errors.js';
import { sha256Hex } from '../util/hash.js';
import { defineTargetKind } from './kind.js';
import { ExposesSchema } from './response-mapping.js';
import { TransportError } from './transport-error.js';

export const ModuleTargetSchema = z.strictObject({
  /** A JS file (relative to the campaign file) exporting `(input) => verdict | Promise<verdict>`. */
  path: z.string().min(1),
  export: z.string().min(1).default('default'),
  concurrency: z.int().positive().optional(),
  exposes: ExposesSchema,
});
export type ModuleTargetSpec = z.output<typeof ModuleTargetSchema>;

/** What the module's function receives: the input plus its exact bytes. */
export type ModuleInput = TargetInput & { bytes: Buffer };

type DecideFn = (input: ModuleInput) => TargetVerdict | Promise<TargetVerdict>;

const KNOWN_DECISIONS = new Set<string>(DECISIONS);

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
    return new ModuleTarget(
      { kind: 'module', fingerprint, exposes: spec.exposes ? [...spec.exposes] : ['decision', 'score', 'decidedBy'] },
      fn,
    );
  }

  async decide(input: TargetInput): Promise<TargetVerdict> {
    let v: unknown;
    try {
      v = await this.fn({ ...input, bytes: inputBytes(input) });
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
    if (!v || typeof v !== 'object' || !KNOWN_DECISIONS.has(String((v as TargetVerdict).decision))) {
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

export const moduleTargetKind = defineTargetKind({
  kind: 'module',
  summary: 'a JS module exporting `(input) => verdict` (default export unless named)',
  schema: ModuleTargetSchema,
  shorthand: {
    forms: ['module:<file.js>[#export]'],
    parse(text) {
      if (!text.startsWith('module:')) return undefined;
      const rest = text.slice('module:'.length);
      const hash = rest.lastIndexOf('#');
      const path = hash > 0 ? rest.slice(0, hash) : rest;
      if (!path) throw new UserError(`target '${text}': give the module file after 'module:'`);
      return { path, export: hash > 0 ? rest.slice(hash + 1) || 'default' : 'default' };
    },
  },
  exposes: (c) => (c.exposes ? [...c.exposes] : ['decision', 'score', 'decidedBy']),
  open: async (c, options) => ({
    target: await ModuleTarget.load(c, options.baseDir),
    limits: { concurrency: c.concurrency, retries: 0 },
  }),
});
