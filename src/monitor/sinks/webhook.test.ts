import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleAlert } from '../testing/alerts.js';
import { backoffMs, postJson, retryAfterMs, webhookSink } from './webhook.js';

interface Received {
  body: unknown;
  headers: IncomingMessage['headers'];
}

/** A real HTTP server on 127.0.0.1 that answers with the scripted responses in order (then 200). */
async function server(
  script: Array<{ status: number; headers?: Record<string, string> }>,
): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const srv: Server = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => {
      data += c.toString();
    });
    req.on('end', () => {
      received.push({ body: JSON.parse(data), headers: req.headers });
      const step = script[received.length - 1] ?? { status: 200 };
      res.writeHead(step.status, step.headers ?? {});
      res.end(step.status === 200 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook/s3cret`,
    received,
    close: () => new Promise((r) => srv.close(() => r())),
  };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('webhook sink', () => {
  it('retries a failing server with exponential backoff, honours Retry-After, then delivers', async () => {
    const s = await server([{ status: 503 }, { status: 429, headers: { 'Retry-After': '2' } }, { status: 200 }]);
    close = s.close;
    const delays: number[] = [];
    const sink = webhookSink({
      url: s.url,
      headers: { Authorization: 'Bearer t' },
      baseDelayMs: 100,
      sleep: async (ms) => void delays.push(ms),
    });
    const alert = sampleAlert();
    const out = await sink.deliver([alert], { inputs: [], suppressed: 0 });
    expect(out).toEqual({ delivered: [alert.key], failed: [] });
    expect(s.received).toHaveLength(3);
    expect(delays).toEqual([100, 2000]); // backoff for the 503, the server's Retry-After for the 429
    const body = s.received[2]?.body as { text: string; alert: { key: string } };
    expect(body.alert.key).toBe(alert.key);
    expect(body.text).toMatch(/^\[HIGH\] probing account:acct-7/);
    expect(s.received[0]?.headers.authorization).toBe('Bearer t');
    expect(s.received[0]?.headers['content-type']).toBe('application/json');
  });

  it('gives up after maxAttempts and does not retry a client error', async () => {
    const s = await server([{ status: 500 }, { status: 502 }, { status: 503 }, { status: 200 }]);
    close = s.close;
    const r = await postJson({ x: 1 }, { url: s.url, maxAttempts: 3, sleep: async () => {} });
    expect(r).toEqual({ ok: false, attempts: 3, error: 'HTTP 503 Service Unavailable (gave up after 3 attempts)' });
    expect(s.received).toHaveLength(3);
    await s.close();
    const s2 = await server([{ status: 404 }]);
    close = s2.close;
    const r2 = await postJson({ x: 1 }, { url: s2.url, sleep: async () => {} });
    expect(r2).toMatchObject({ ok: false, attempts: 1 });
    expect(s2.received).toHaveLength(1);
  });

  it('reports a refused connection as a failed delivery without the URL', async () => {
    const s = await server([]);
    const url = s.url;
    await s.close();
    const sink = webhookSink({ url, maxAttempts: 2, sleep: async () => {} });
    const out = await sink.deliver([sampleAlert()], { inputs: [], suppressed: 0 });
    expect(out.delivered).toEqual([]);
    expect(out.failed[0]?.error).toMatch(/ECONNREFUSED.*gave up after 2 attempts/);
    expect(out.failed[0]?.error).not.toMatch(/s3cret/);
    expect(sink.label).toMatch(/^webhook http:\/\/127\.0\.0\.1:\d+$/);
    expect(sink.id).not.toMatch(/s3cret/);
  });

  it('reads Retry-After as seconds or an HTTP date, and caps backoff', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
    expect([1, 2, 3, 10].map((a) => backoffMs(a, 500, 30_000))).toEqual([500, 1000, 2000, 30_000]);
  });
});
