/**
 * An HTTP endpoint as a target: one templated request per input, the JSON answer mapped to a verdict. This file
 * makes exactly one try and classifies failures (429 with Retry-After, 5xx, timeouts, network errors are
 * retryable; other 4xx and unreadable answers are not); ResilientTarget does the retrying and the limiting.
 */

import { sha256Hex } from '../../reference/hash.js';
import type { Target, TargetInfo, TargetInput, TargetVerdict } from '../../target/types.js';
import { exposesOf, type HttpTargetSpec, stableStringify } from '../file.js';
import { TransportError } from './resilient.js';
import { mapResponse } from './response.js';
import { expandEnv, renderBody, renderString } from './template.js';

export function httpFingerprint(spec: HttpTargetSpec): string {
  // The unexpanded templates: a rotated token does not change what the endpoint answers.
  const config = stableStringify({ headers: spec.headers, body: spec.body, response: spec.response ?? null });
  return `http:${spec.method} ${spec.url}#${sha256Hex(config).slice(0, 12)}`;
}

export class HttpTarget implements Target {
  readonly info: TargetInfo;

  constructor(
    readonly spec: HttpTargetSpec,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.info = { kind: 'http', fingerprint: httpFingerprint(spec), exposes: exposesOf({ http: spec }) };
    // Fail early (as a user error) on a missing ${ENV} rather than on the first request.
    expandEnv(spec.url, env);
    for (const v of Object.values(spec.headers)) expandEnv(v, env);
  }

  async decide(input: TargetInput, signal?: AbortSignal): Promise<TargetVerdict> {
    const url = renderString(expandEnv(this.spec.url, this.env), { ...input, content: input.content });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.spec.headers)) headers[k] = expandEnv(v, this.env);
    let body: string | undefined;
    if (this.spec.method !== 'GET') {
      const rendered = renderBody(this.spec.body as string | Record<string, unknown>, input);
      body = rendered.text;
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
        headers['content-type'] = rendered.type;
    }
    let res: Response;
    try {
      res = await fetch(url, { method: this.spec.method, headers, body, signal });
    } catch (e) {
      const err = e as Error;
      if (err.name === 'TimeoutError' || err.name === 'AbortError') {
        throw new TransportError(`timed out (${url})`, true, 'timeout');
      }
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new TransportError(`cannot reach ${url}: ${cause?.code ?? cause?.message ?? err.message}`, true, 'network');
    }
    const text = await readText(res);
    if (res.status === 429) {
      throw new TransportError(`HTTP 429 Too Many Requests from ${url}`, true, 'throttled', retryAfterMs(res));
    }
    if (res.status >= 500) {
      throw new TransportError(`HTTP ${res.status} from ${url}`, true, 'unavailable', retryAfterMs(res));
    }
    if (res.status >= 400) {
      throw new TransportError(`HTTP ${res.status} from ${url}: ${text.slice(0, 200)}`, false, 'protocol');
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new TransportError(`the answer from ${url} is not JSON: ${text.slice(0, 200)}`, false, 'protocol');
    }
    const verdict = mapResponse(json, this.spec.response);
    verdict.detail = { status: res.status };
    return verdict;
  }

  async close(): Promise<void> {}
}

async function readText(res: Response): Promise<string> {
  try {
    return await res.text();
  } catch (e) {
    throw new TransportError(`the connection broke while reading the answer: ${(e as Error).message}`, true, 'network');
  }
}

/** Retry-After as delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(res: Response, now = Date.now()): number | undefined {
  const h = res.headers.get('retry-after');
  if (!h) return undefined;
  if (/^\d+$/.test(h.trim())) return Number(h.trim()) * 1000;
  const t = Date.parse(h);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}
