/**
 * Webhook sink: one HTTP POST of JSON per alert, with bounded retries. Network errors, timeouts, 408, 425, 429 and
 * 5xx are retried with exponential backoff (base · 2^(attempt−1), capped) or after the server's `Retry-After`
 * (seconds or an HTTP date, capped at maxDelayMs); other 4xx fail at once. The body has a `text` line (so Slack- or
 * Mattermost-style incoming webhooks show something) and the full `alert`. URLs are never printed or stored: they
 * often carry secrets; the sink id is a hash and the label only the origin.
 */
import { createHash } from 'node:crypto';
import { type Alert, alertText } from '../alert.js';
import type { Sink } from './types.js';

export interface WebhookOptions {
  url: string;
  headers?: Record<string, string>;
  /** Total attempts per alert, first included. */
  maxAttempts?: number;
  timeoutMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Injected in tests to record delays instead of waiting them out. */
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

export type PostOutcome =
  | { ok: true; attempts: number; status: number }
  | { ok: false; attempts: number; error: string };

const RETRYABLE = new Set([408, 425, 429]);

/** Milliseconds a Retry-After header asks for (delta-seconds or HTTP-date), or null. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | null {
  if (!header) return null;
  const s = header.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : Math.max(0, t - now);
}

export function backoffMs(attempt: number, baseDelayMs: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function postJson(body: unknown, opts: WebhookOptions): Promise<PostOutcome> {
  const maxAttempts = opts.maxAttempts ?? 5;
  const base = opts.baseDelayMs ?? 500;
  const maxDelay = opts.maxDelayMs ?? 30_000;
  const sleep = opts.sleep ?? realSleep;
  const payload = JSON.stringify(body);
  let lastError = 'no attempt made';
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let retryAfter: number | null = null;
    try {
      const res = await fetch(opts.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'nograd-monitor', ...opts.headers },
        body: payload,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { ok: true, attempts: attempt, status: res.status };
      lastError = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
      if (!(RETRYABLE.has(res.status) || res.status >= 500)) return { ok: false, attempts: attempt, error: lastError };
      retryAfter = retryAfterMs(res.headers.get('retry-after'));
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      lastError =
        err.name === 'TimeoutError'
          ? `timed out after ${opts.timeoutMs ?? 10_000} ms`
          : (err.cause?.code ?? err.message);
    }
    if (attempt === maxAttempts) break;
    const delayMs = retryAfter !== null ? Math.min(retryAfter, maxDelay) : backoffMs(attempt, base, maxDelay);
    opts.onRetry?.({ attempt, delayMs, reason: lastError });
    await sleep(delayMs);
  }
  return { ok: false, attempts: maxAttempts, error: `${lastError} (gave up after ${maxAttempts} attempts)` };
}

export function webhookSink(opts: WebhookOptions): Sink {
  let origin = '?';
  try {
    origin = new URL(opts.url).origin;
  } catch {
    // validated by the caller; keep the label harmless
  }
  return {
    id: `webhook:${createHash('sha256').update(opts.url).digest('hex').slice(0, 16)}`,
    label: `webhook ${origin}`,
    dedup: true,
    async deliver(alerts: readonly Alert[]) {
      const delivered: string[] = [];
      const failed: Array<{ key: string; error: string }> = [];
      for (const alert of alerts) {
        const r = await postJson(
          { source: 'nograd', kind: 'nograd-monitor-alert', text: alertText(alert), alert },
          opts,
        );
        if (r.ok) delivered.push(alert.key);
        else failed.push({ key: alert.key, error: `webhook ${origin}: ${r.error}` });
      }
      return { delivered, failed };
    },
  };
}
