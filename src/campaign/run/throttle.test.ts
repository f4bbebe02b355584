import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { TargetError } from '../../contracts/target.js';
import { HttpTarget, HttpTargetSchema } from '../../targets/http.js';
import { TransportError } from '../../targets/transport-error.js';
import { ResilientTarget } from '../limits/resilient-target.js';
import { deferWhileThrottled, ThrottledOutError, throttleBackoffMs } from './throttle.js';

const throttled = (after?: number) => new TransportError('HTTP 429 Too Many Requests', true, 'throttled', after);

describe('deferWhileThrottled', () => {
  it('waits what the server asks, as often as it asks, then returns the answer', async () => {
    const waits: number[] = [];
    let calls = 0;
    const v = await deferWhileThrottled(
      async () => {
        calls++;
        if (calls <= 2) throw throttled(1000);
        return 'ok';
      },
      10_000,
      async (ms) => {
        waits.push(ms);
      },
    );
    expect(v).toBe('ok');
    expect(waits).toEqual([1000, 1000]);
  });

  it('backs off without a Retry-After, and gives up past the cap with a resumable error', async () => {
    const waits: number[] = [];
    const err = await deferWhileThrottled(
      async () => {
        throw throttled();
      },
      2_000,
      async (ms) => {
        waits.push(ms);
      },
    ).catch((e) => e);
    expect(waits).toEqual([throttleBackoffMs(0), throttleBackoffMs(1)]);
    expect(err).toBeInstanceOf(ThrottledOutError);
    expect(err.retryable).toBe(true);
    expect(err.message).toMatch(/maxRetryAfterMs \(2 s\), left for --resume/);
  });

  it('never waits at all for a Retry-After beyond the cap, and passes other failures through', async () => {
    const waits: number[] = [];
    const wait = async (ms: number) => {
      waits.push(ms);
    };
    await expect(deferWhileThrottled(() => Promise.reject(throttled(3_600_000)), 1000, wait)).rejects.toBeInstanceOf(
      ThrottledOutError,
    );
    const other = new TargetError('HTTP 400', false);
    await expect(deferWhileThrottled(() => Promise.reject(other), 1000, wait)).rejects.toBe(other);
    expect(waits).toEqual([]);
  });
});

describe('ResilientTarget and a long Retry-After', () => {
  const servers: Server[] = [];
  afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

  async function serve(status: number, retryAfter: string): Promise<{ url: string; hits: () => number }> {
    let n = 0;
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        n++;
        res.writeHead(status, { 'content-type': 'application/json', 'retry-after': retryAfter });
        res.end('{}');
      });
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, hits: () => n };
  }

  const spec = (url: string) => HttpTargetSchema.parse({ url });

  it('deferThrottled: a 429 comes straight back to the caller, and nobody else is paused', async () => {
    const { url, hits } = await serve(429, '3600');
    const t = new ResilientTarget(new HttpTarget(spec(url)), {
      concurrency: 2,
      retries: 2,
      deferThrottled: true,
      maxRetryAfterMs: 1000,
    });
    const errs = await Promise.all([1, 2, 3].map((i) => t.decide({ id: `m${i}`, content: 'x' }).catch((e) => e)));
    expect(errs.every((e) => e instanceof TransportError && e.reason === 'throttled')).toBe(true);
    // One request each (no retry inside), all three sent: the hour-long Retry-After parked nothing.
    expect(hits()).toBe(3);
    expect(t.stats()).toMatchObject({ throttled: 3, retries: 0, breakerOpens: 0, retryBudgetRefused: 0 });
  });

  it('without deferral, a Retry-After beyond maxRetryAfterMs fails the request and pauses the others at most that long', async () => {
    const { url, hits } = await serve(503, '3600');
    const t = new ResilientTarget(new HttpTarget(spec(url)), { concurrency: 1, retries: 2, maxRetryAfterMs: 200 });
    await expect(t.decide({ id: 'a', content: 'x' })).rejects.toBeInstanceOf(TargetError);
    // The next request is sent (after at most the 200 ms cap), not an hour later: the test would time out.
    await expect(t.decide({ id: 'b', content: 'x' })).rejects.toBeInstanceOf(TargetError);
    expect(hits()).toBe(2);
  }, 10_000);
});
