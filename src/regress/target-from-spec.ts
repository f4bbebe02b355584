/**
 * `--target` strings for `nograd regress run`, kept deliberately small:
 *
 *   reference                     the in-process reference mail filter (logistic regression)
 *   reference:nb                  … with naive Bayes
 *   reference:regressed           … the deliberately regressed variant (what a regression suite must catch)
 *   reference:hardened            … with every hardening switch on
 *   reference:nb,regressed        options combine (separated by ':' or ',')
 *   http:<url>  or  <http(s) url> POST {"message", "context"} → {"decision", "score"} (what `nograd reference
 *                                 serve` answers on /score; a URL without a path posts to /score)
 *
 * The full target library (HTTP with templates and retries, commands, JS modules) lives in src/campaign/targets;
 * this covers what regression runs need until the two are folded together.
 */
import type { Decision, Target, TargetInput, TargetVerdict } from '../target/types.js';
import { TargetError } from '../target/types.js';
import { UserError } from '../util/errors.js';

export const TARGET_SPEC_HELP =
  'reference, reference:nb, reference:regressed, reference:hardened (combine: reference:nb,regressed), or http:<url>';

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

export type TargetSpec = ReferenceSpec | HttpSpec;

export function parseTargetSpec(spec: string): TargetSpec {
  const s = spec.trim();
  if (/^https?:\/\//i.test(s)) return { kind: 'http', url: httpUrl(s, spec) };
  if (s.startsWith('http:')) return { kind: 'http', url: httpUrl(s.slice('http:'.length), spec) };
  const [head, ...rest] = s.split(/[:,]/);
  if (head !== 'reference') throw new UserError(`unknown target '${spec}' (use ${TARGET_SPEC_HELP})`);
  const out: ReferenceSpec = { kind: 'reference', model: 'lr', variant: 'default', hardened: false };
  for (const token of rest.filter(Boolean)) {
    if (token === 'lr' || token === 'nb') out.model = token;
    else if (token === 'regressed' || token === 'default') out.variant = token;
    else if (token === 'hardened') out.hardened = true;
    else throw new UserError(`unknown reference target option '${token}' in '${spec}' (options: lr, nb, default, regressed, hardened)`);
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

export async function targetFromSpec(spec: string): Promise<Target> {
  const parsed = parseTargetSpec(spec);
  if (parsed.kind === 'http') return new SimpleHttpTarget(parsed.url);
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

const DECISIONS: readonly Decision[] = ['allow', 'review', 'block'];

/** POST {message, context} as JSON; read {decision, score?, decidedBy?}. One try per input, 30 s timeout. */
export class SimpleHttpTarget implements Target {
  readonly info;

  constructor(
    readonly url: string,
    private readonly timeoutMs = 30_000,
  ) {
    this.info = { kind: 'http' as const, fingerprint: `http:POST ${url}`, exposes: ['decision' as const, 'score' as const] };
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
    if (!res.ok) throw new TargetError(`POST ${this.url}: HTTP ${res.status} ${text.slice(0, 200)}`, res.status >= 500 || res.status === 429);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new TargetError(`POST ${this.url}: the answer is not JSON: ${text.slice(0, 200)}`, false);
    }
    const b = (body ?? {}) as { decision?: unknown; score?: unknown; decidedBy?: unknown };
    if (typeof b.decision !== 'string' || !DECISIONS.includes(b.decision as Decision)) {
      throw new TargetError(`POST ${this.url}: the answer has no decision (allow, review or block): ${text.slice(0, 200)}`, false);
    }
    return {
      decision: b.decision as Decision,
      ...(typeof b.score === 'number' && Number.isFinite(b.score) ? { score: b.score } : {}),
      ...(typeof b.decidedBy === 'string' ? { decidedBy: b.decidedBy } : {}),
    };
  }

  async close(): Promise<void> {}
}
