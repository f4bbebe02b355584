import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../campaign/limits/circuit-breaker.js';
import { ResilientTarget, TargetDownError } from '../campaign/limits/resilient-target.js';
import { RetryBudget } from '../campaign/limits/retry-budget.js';
import { TargetError } from '../contracts/target.js';
import { HttpTarget, HttpTargetSchema, httpTargetKind } from './http.js';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => {
      s.closeAllConnections();
      return new Promise((r) => s.close(r));
    }),
  );
});

/** A real HTTP server on 127.0.0.1 that records what it received and how many requests were in flight. */
async function serve(handler: Handler) {
  const log = {
    requests: 0,
    inFlight: 0,
    maxInFlight: 0,
    bodies: [] as string[],
    headers: [] as IncomingMessage['headers'][],
  };
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => {
      body += d;
    });
    req.on('end', () => {
      log.requests++;
      log.inFlight++;
      log.maxInFlight = Math.max(log.maxInFlight, log.inFlight);
      log.bodies.push(body);
      log.headers.push(req.headers);
      res.on('close', () => {
        log.inFlight--;
      });
      handler(req, body, res);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/decide`;
  return { url, log };
}

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
}

function spec(url: string, extra: Record<string, unknown> = {}) {
  return HttpTargetSchema.parse({ url, ...extra });
}

const input = (i: number) => ({
  id: `m${i}`,
  content: `Subject: hi ${i}\n\n"quoted" body ${i}`,
  context: { accountId: `a${i}` },
});

describe('HttpTarget', () => {
  it('sends the templated body and maps labels and scores to a verdict', async () => {
    const { url, log } = await serve((_req, body, res) => {
      const b = JSON.parse(body) as { message: string; account: string };
      json(res, 200, { result: { label: b.message.includes('spam') ? 'spam' : 'ham', p: 0.25 } });
    });
    const t = new HttpTarget(
      spec(url, {
        headers: { authorization: 'Bearer ${NOGRAD_TEST_TOKEN}' },
        body: { message: '{{content}}', account: '{{context.accountId}}', meta: { id: '{{id}}' } },
        response: { label: '$.result.label', labels: { spam: 'block', ham: 'allow' }, score: 'result.p' },
      }),
      { NOGRAD_TEST_TOKEN: 's3cret' },
    );
    const v = await t.decide(input(1));
    expect(v).toMatchObject({ decision: 'allow', score: 0.25 });
    const sent = JSON.parse(log.bodies[0]!) as Record<string, unknown>;
    expect(sent).toEqual({ message: input(1).content, account: 'a1', meta: { id: 'm1' } });
    expect(log.headers[0]!.authorization).toBe('Bearer s3cret');
    expect(log.headers[0]!['content-type']).toBe('application/json');
    expect((await t.decide({ id: 'x', content: 'buy spam now' })).decision).toBe('block');
    // The secret never reaches the fingerprint (the cache key).
    expect(t.info.fingerprint).not.toContain('s3cret');
    expect(t.info.exposes).toEqual(['decision', 'score']);
  });

  it('classifies failures: 429 and 503 retryable with Retry-After, 400 and bad JSON not', async () => {
    const { url } = await serve((req, _b, res) => {
      if (req.url?.endsWith('429')) json(res, 429, {}, { 'retry-after': '3' });
      else if (req.url?.endsWith('503')) json(res, 503, {});
      else if (req.url?.endsWith('400')) json(res, 400, { error: 'bad field' });
      else {
        res.writeHead(200);
        res.end('<html>not json</html>');
      }
    });
    const err = async (suffix: string) => {
      const t = new HttpTarget(spec(`${url}/${suffix}`));
      return (await t.decide(input(1)).catch((e) => e)) as TargetError;
    };
    const e429 = await err('429');
    expect(e429).toBeInstanceOf(TargetError);
    expect([e429.retryable, e429.retryAfterMs]).toEqual([true, 3000]);
    const e503 = await err('503');
    expect([e503.retryable, e503.retryAfterMs]).toEqual([true, undefined]);
    const e400 = await err('400');
    expect(e400.retryable).toBe(false);
    expect(e400.message).toMatch(/HTTP 400.*bad field/);
    const html = await err('ok');
    expect(html.retryable).toBe(false);
    expect(html.message).toMatch(/not JSON/);
  });

  it('retries a 429 only after its Retry-After, for every request (one server says wait, everybody waits)', async () => {
    let throttleUntil = 0;
    let early = 0;
    let first = true;
    const { url, log } = await serve((_req, _b, res) => {
      const now = Date.now();
      if (first) {
        first = false;
        throttleUntil = now + 1000;
        json(res, 429, {}, { 'retry-after': '1' });
        return;
      }
      if (now < throttleUntil) {
        early++;
        json(res, 429, {}, { 'retry-after': '1' });
        return;
      }
      json(res, 200, { decision: 'block', score: 0.9 });
    });
    const t = new ResilientTarget(new HttpTarget(spec(url)), { concurrency: 1, retries: 3, rng: () => 0.5 });
    const first3 = await t.decide(input(0));
    expect(first3.decision).toBe('block');
    // Later requests queued behind the pause do not arrive early either.
    const rest = await Promise.all([1, 2, 3].map((i) => t.decide(input(i))));
    expect(rest.every((v) => v.decision === 'block')).toBe(true);
    expect(early).toBe(0);
    expect(log.requests).toBe(5);
    expect(t.stats()).toMatchObject({ requests: 4, retries: 1, throttled: 1, failures: 0 });
  });

  it('keeps at most `concurrency` requests in flight, and uses them', async () => {
    const { url, log } = await serve((_req, _b, res) => {
      setTimeout(() => json(res, 200, { decision: 'allow' }), 30);
    });
    const t = new ResilientTarget(new HttpTarget(spec(url)), { concurrency: 3, retries: 0 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => t.decide(input(i))));
    expect(log.maxInFlight).toBe(3);
    expect(t.stats().maxInFlight).toBe(3);
  });

  it('does not storm a failing server: the retry budget caps retries at a fraction of traffic', async () => {
    const { url, log } = await serve((_req, _b, res) => json(res, 503, {}));
    const t = new ResilientTarget(new HttpTarget(spec(url)), {
      concurrency: 4,
      retries: 4,
      baseDelayMs: 1,
      maxDelayMs: 2,
      retryBudget: new RetryBudget(0.1, 5),
      // A breaker that never trips, to see the budget alone.
      breaker: new CircuitBreaker(1_000_000),
    });
    const results = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => t.decide(input(i))));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    // A naive client would send 40 × (1 + 4) = 200 requests; the budget allows 40 + 5 + 0.1·40.
    expect(log.requests).toBeLessThanOrEqual(40 + 5 + 4);
    expect(t.stats().retryBudgetRefused).toBeGreaterThan(0);
  });

  it('opens the circuit on a dead server and finally declares it down', async () => {
    const { url, log } = await serve((_req, _b, res) => json(res, 503, {}));
    const t = new ResilientTarget(new HttpTarget(spec(url)), {
      concurrency: 2,
      retries: 10,
      baseDelayMs: 1,
      maxDelayMs: 2,
      retryBudget: new RetryBudget(1, 1000),
      breaker: new CircuitBreaker(5, 20, 2),
    });
    const err = await t.decide(input(1)).catch((e) => e);
    expect(err).toBeInstanceOf(TargetDownError);
    expect(log.requests).toBe(10);
    // Once down, nothing more is sent.
    await expect(t.decide(input(2))).rejects.toBeInstanceOf(TargetDownError);
    expect(log.requests).toBe(10);
  });

  it('times out a hanging request (retryable) and succeeds on the retry', async () => {
    let n = 0;
    const { url } = await serve((_req, _b, res) => {
      n++;
      if (n === 1) return; // never answers
      json(res, 200, { decision: 'review' });
    });
    const t = new ResilientTarget(new HttpTarget(spec(url)), {
      concurrency: 1,
      retries: 1,
      timeoutMs: 200,
      baseDelayMs: 1,
    });
    const v = await t.decide(input(1));
    expect(v.decision).toBe('review');
    expect(t.stats()).toMatchObject({ timeouts: 1, retries: 1 });
  });

  it('reports an unreachable endpoint as a retryable network error', async () => {
    const { url } = await serve((_r, _b, res) => json(res, 200, {}));
    await new Promise((r) => servers.pop()!.close(r));
    const e = (await new HttpTarget(spec(url)).decide(input(1)).catch((x) => x)) as TargetError;
    expect(e.retryable).toBe(true);
    expect(e.message).toMatch(/cannot reach/);
  });

  it('sends raw text bodies with filters', async () => {
    const { url, log } = await serve((_r, _b, res) => json(res, 200, { decision: 'allow' }));
    const t = new HttpTarget(spec(url, { body: 'msg={{content | base64}}&acct={{context.accountId | url}}' }));
    await t.decide({ id: 'x', content: 'héllo', context: { accountId: 'a b' } });
    expect(log.bodies[0]).toBe(`msg=${Buffer.from('héllo').toString('base64')}&acct=a%20b`);
    expect(log.headers[0]!['content-type']).toMatch(/text\/plain/);
  });

  it('fails early on a missing environment variable', () => {
    expect(() => new HttpTarget(spec('http://127.0.0.1:1/${NOGRAD_NOT_SET_XYZ}'), {})).toThrow(
      /NOGRAD_NOT_SET_XYZ is not set/,
    );
  });

  it('sends the exact bytes of a binary input: body raw, {{content}} in a string body, {{contentBase64}}', async () => {
    const received: Array<{ bytes: Buffer; type: string | undefined }> = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (d: Buffer) => chunks.push(d));
      req.on('end', () => {
        received.push({ bytes: Buffer.concat(chunks), type: req.headers['content-type'] });
        json(res, 200, { decision: 'allow' });
      });
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    // Latin-1 bytes (not UTF-8) plus a zero-width space a tactic inserted (written as its UTF-8 bytes).
    const bytes = Buffer.from([0x53, 0x3a, 0x20, 0xe9, 0x0a, 0x0a, 0x63, 0x61, 0x66, 0xe9]);
    const binary = { id: 'b', content: `${bytes.toString('latin1')}\u200b`, encoding: 'binary' as const };
    const exact = Buffer.concat([bytes, Buffer.from('\u200b', 'utf8')]);

    await new HttpTarget(spec(url, { body: 'raw' })).decide(binary);
    expect(received[0]!.bytes.equals(exact)).toBe(true);
    expect(received[0]!.type).toBe('message/rfc822');

    await new HttpTarget(spec(url, { body: 'raw', contentType: 'application/octet-stream' })).decide(binary);
    expect(received[1]!.type).toBe('application/octet-stream');

    await new HttpTarget(spec(url, { body: '<<{{content}}>>{{id}}' })).decide(binary);
    expect(received[2]!.bytes.equals(Buffer.concat([Buffer.from('<<'), exact, Buffer.from('>>b')]))).toBe(true);

    await new HttpTarget(
      spec(url, { body: { b64: '{{contentBase64}}', enc: '{{encoding}}', f: '{{content | base64}}' } }),
    ).decide(binary);
    const sent = JSON.parse(received[3]!.bytes.toString('utf8')) as { b64: string; enc: string; f: string };
    expect(Buffer.from(sent.b64, 'base64').equals(exact)).toBe(true);
    expect(sent.f).toBe(sent.b64);
    expect(sent.enc).toBe('binary');

    // A UTF-8 input's bytes are its UTF-8 encoding, as before.
    await new HttpTarget(spec(url, { body: 'raw' })).decide({ id: 'u', content: 'café' });
    expect(received[4]!.bytes.equals(Buffer.from('café', 'utf8'))).toBe(true);
  });
});

describe('http target, version in the fingerprint', () => {
  it('healthUrl: the hash of what it answers at open; version: as given; neither: the old fingerprint', async () => {
    let model = 'spam-model v1';
    const { url } = await serve((req, _body, res) => {
      if (req.url === '/health') return json(res, 200, { model });
      json(res, 200, { decision: 'allow' });
    });
    const health = url.replace('/decide', '/health');
    const plain = new HttpTarget(spec(url)).info.fingerprint;
    expect(plain).toMatch(/^http:POST \S+#[0-9a-f]{12}$/);
    expect(new HttpTarget(spec(url, { version: '2024-06' })).info.fingerprint).toBe(`${plain}@2024-06`);
    const open = () => httpTargetKind.open(spec(url, { healthUrl: health }), { baseDir: '.' });
    const a = (await open()).target.info.fingerprint;
    expect(a).toMatch(new RegExp(`^${plain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}@health:[0-9a-f]{16}$`));
    expect((await open()).target.info.fingerprint).toBe(a);
    model = 'spam-model v2 (retrained)';
    expect((await open()).target.info.fingerprint).not.toBe(a);
    await expect(
      httpTargetKind.open(spec(url, { healthUrl: url.replace(/:\d+\//, ':1/') }), { baseDir: '.' }),
    ).rejects.toThrow(/healthUrl .*cannot reach it/);
    expect(HttpTargetSchema.safeParse({ url, version: '1', healthUrl: health }).success).toBe(false);
  });
});
