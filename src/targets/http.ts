/**
 * An HTTP endpoint as a target: one templated request per input, the JSON answer mapped to a verdict. This file
 * makes exactly one try and classifies failures (429 with Retry-After, 5xx, timeouts, network errors are
 * retryable; other 4xx and unreadable answers are not); ResilientTarget does the retrying and the limiting.
 */

import { z } from 'zod';
import { inputBytes } from '../contracts/input-bytes.js';
import type { Target, TargetInfo, TargetInput, TargetVerdict } from '../contracts/target.js';
import { UserError } from '../util/errors.js';
import { sha256Hex } from '../util/hash.js';
import { stableStringify } from '../util/stable-stringify.js';
import { defineTargetKind } from './kind.js';
import { mapResponse } from './response.js';
import { ExposesSchema, exposesOfMapping, ResponseMappingSchema, scoreScaleOfMapping } from './response-mapping.js';
import { healthVersion, versionSuffix } from './target-version.js';
import { expandEnv, renderBody, renderString } from './template.js';
import { TransportError } from './transport-error.js';

export const HttpTargetSchema = z
  .strictObject({
    url: z.string().min(1),
    method: z.enum(['POST', 'PUT', 'GET']).default('POST'),
    /** Header values may use ${ENV_VAR}; the expanded values never reach the store or the cache key. */
    headers: z.record(z.string(), z.string()).default({}),
    /**
     * The request body. `raw`: the input's exact bytes as the whole body (with `contentType`). A mapping is sent as
     * JSON with `{{content}}`, `{{contentBase64}}`, `{{encoding}}`, `{{id}}` and `{{context.<field>}}` replaced in its
     * string values; any other string is sent after replacement, `{{content}}` as the exact bytes (filters:
     * `{{content | json}}`, `| base64`, `| url`).
     */
    body: z.union([z.string(), z.record(z.string(), z.json())]).default({ content: '{{content}}' }),
    /** The Content-Type of a `body: raw` request (a `content-type` in `headers:` wins). */
    contentType: z.string().min(1).default('message/rfc822'),
    response: ResponseMappingSchema.optional(),
    timeoutMs: z.int().positive().default(10_000),
    /** Retries per request on 429, 5xx and network errors (exponential backoff with jitter, Retry-After honoured). */
    retries: z.int().min(0).max(10).default(4),
    /** Requests in flight at once. */
    concurrency: z.int().positive().optional(),
    /** Requests per second (token bucket). */
    ratePerSecond: z.number().positive().optional(),
    /** The deployed model's version (a retrained model → a new version → no stale cached answers). */
    version: z.string().min(1).optional(),
    /** A URL fetched once (GET) at open whose body names the deployed model; its hash is the version. */
    healthUrl: z.string().min(1).optional(),
    exposes: ExposesSchema,
  })
  .refine((c) => c.version === undefined || c.healthUrl === undefined, {
    path: ['healthUrl'],
    message: 'give version or healthUrl, not both',
  });
export type HttpTargetSpec = z.output<typeof HttpTargetSchema>;

/** `body: raw`: send the input's exact bytes as the request body. */
const RAW_BODY = 'raw';

export function httpFingerprint(spec: HttpTargetSpec, version?: string): string {
  // The unexpanded templates: a rotated token does not change what the endpoint answers.
  const config = stableStringify({
    headers: spec.headers,
    body: spec.body,
    ...(spec.body === RAW_BODY && { contentType: spec.contentType }),
    response: spec.response ?? null,
  });
  return `http:${spec.method} ${spec.url}#${sha256Hex(config).slice(0, 12)}${versionSuffix(version)}`;
}

export class HttpTarget implements Target {
  readonly info: TargetInfo;

  constructor(
    readonly spec: HttpTargetSpec,
    private readonly env: NodeJS.ProcessEnv = process.env,
    version: string | undefined = spec.version,
  ) {
    this.info = {
      kind: 'http',
      fingerprint: httpFingerprint(spec, version),
      exposes: exposesOfMapping(spec.exposes, spec.response),
      scoreScale: scoreScaleOfMapping(spec.response),
    };
    // Fail early (as a user error) on a missing ${ENV} rather than on the first request.
    expandEnv(spec.url, env);
    for (const v of Object.values(spec.headers)) expandEnv(v, env);
  }

  async decide(input: TargetInput, signal?: AbortSignal): Promise<TargetVerdict> {
    const url = renderString(expandEnv(this.spec.url, this.env), { ...input, content: input.content });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.spec.headers)) headers[k] = expandEnv(v, this.env);
    let body: Buffer | string | undefined;
    if (this.spec.method !== 'GET') {
      const rendered =
        this.spec.body === RAW_BODY
          ? { body: inputBytes(input), type: this.spec.contentType }
          : renderBody(this.spec.body as string | Record<string, unknown>, input);
      body = rendered.body;
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
      throw new TransportError(
        `${this.spec.method} ${url}: cannot reach it (${cause?.code ?? cause?.message ?? err.message})`,
        true,
        'network',
      );
    }
    const text = await readText(res);
    if (res.status === 429) {
      throw new TransportError(`HTTP 429 Too Many Requests from ${url}`, true, 'throttled', retryAfterMs(res));
    }
    if (res.status >= 500) {
      throw new TransportError(
        `HTTP ${res.status} from ${url}: ${text.slice(0, 200)}`,
        true,
        'unavailable',
        retryAfterMs(res),
      );
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

/** `http:<url>` or a bare http(s) URL: POST {message, context} as JSON, read {decision, score?, decidedBy?} — what
 * `nograd reference serve` answers on /score (a URL without a path posts to /score). One try, 30 s timeout. */
function httpShorthand(text: string): z.input<typeof HttpTargetSchema> | undefined {
  let raw: string;
  if (/^https?:\/\//i.test(text)) raw = text;
  else if (text.startsWith('http:')) raw = text.slice('http:'.length);
  else return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserError(`target '${text}': '${raw}' is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UserError(`target '${text}': only http(s) URLs`);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/score';
  return {
    url: url.href,
    body: { message: '{{content}}', context: '{{context}}' },
    timeoutMs: 30_000,
    retries: 0,
  };
}

export const httpTargetKind = defineTargetKind({
  kind: 'http',
  summary: 'an HTTP endpoint: one templated request per input, the JSON answer mapped to a verdict',
  schema: HttpTargetSchema,
  shorthand: { forms: ['http:<url>', '<http(s) url>'], parse: httpShorthand },
  exposes: (c) => exposesOfMapping(c.exposes, c.response),
  open: async (c, options) => ({
    target: new HttpTarget(
      c,
      options.env,
      c.healthUrl !== undefined ? await healthVersion(expandEnv(c.healthUrl, options.env ?? process.env)) : c.version,
    ),
    limits: { concurrency: c.concurrency, ratePerSecond: c.ratePerSecond, retries: c.retries, timeoutMs: c.timeoutMs },
  }),
});
