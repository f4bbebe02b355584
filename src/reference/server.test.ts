/** The HTTP JSON API on a real loopback socket, over a model trained on a small corpus sample. */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningReferenceServer, startReferenceServer } from './server.js';

let cacheDir: string;
let server: RunningReferenceServer;

const SPAM =
  'From: deals@cheap.example\nSubject: FREE money offer, click here now\n\nClick here for free money! Limited time offer, order now, 100% free, remove me from the list.\n';

beforeAll(async () => {
  cacheDir = mkdtempSync(join(tmpdir(), 'nograd-srv-'));
  process.env.NOGRAD_CACHE_DIR = cacheDir;
  server = await startReferenceServer({
    sample: 300,
    maxBodyBytes: 64 * 1024,
    headersTimeoutMs: 1_000,
    requestTimeoutMs: 2_000,
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

async function call(
  method: string,
  path: string,
  body?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    ...(body !== undefined && { body, headers: { 'content-type': 'application/json' } }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('reference HTTP API', () => {
  it('binds loopback by default', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('GET /health describes the model', async () => {
    const { status, json } = await call('GET', '/health');
    expect(status).toBe(200);
    expect(json).toMatchObject({ status: 'ok', model: 'lr', variant: 'default', hardening: 'none' });
    expect(json.modelVersion).toBe(server.system.model.version);
  });

  it('POST /score returns score, decision and the deciding layer', async () => {
    const { status, json } = await call(
      'POST',
      '/score',
      JSON.stringify({
        message: SPAM,
        context: { accountId: 'a1', accountAgeDays: 30, timestamp: '2025-01-06T10:00:00Z' },
      }),
    );
    expect(status).toBe(200);
    expect(json).toMatchObject({
      decision: 'block',
      decidedBy: 'threshold-policy',
      layer: 'application',
      threshold: 0.5,
      reviewLow: 0.3,
    });
    expect(json.score as number).toBeGreaterThan(0.5);
  });

  it('POST /feedback records a report', async () => {
    const { status, json } = await call(
      'POST',
      '/feedback',
      JSON.stringify({ message: SPAM, claimed: 'not-spam', context: { accountId: 'r1' } }),
    );
    expect(status).toBe(200);
    expect(json).toEqual({ accepted: true });
    expect(server.system.snapshot().feedback.accepted).toBe(1);
  });

  it.each([
    ['POST', '/score', '{not json', 400, /not valid JSON/],
    ['POST', '/score', '[]', 400, /JSON object/],
    ['POST', '/score', '{"message": ""}', 400, /"message"/],
    ['POST', '/score', '{"message": "x", "context": {"accountAgeDays": -1}}', 400, /accountAgeDays/],
    ['POST', '/score', '{"message": "x", "context": {"timestamp": "yesterday"}}', 400, /timestamp/],
    ['POST', '/feedback', '{"message": "x", "claimed": "maybe"}', 400, /claimed/],
    ['GET', '/score', undefined, 405, /POST \/score/],
    ['GET', '/nothing', undefined, 404, /no route/],
    ['POST', '/score', JSON.stringify({ message: 'x'.repeat(70 * 1024) }), 413, /larger than/],
  ])('%s %s %s → %i with a message that says what to fix', async (method, path, body, status, error) => {
    const r = await call(method, path, body);
    expect(r.status).toBe(status);
    expect(String(r.json.error)).toMatch(error);
  });
});

/** A raw socket that sends `text` one byte every `everyMs`, and resolves with what the server answered once it closed. */
function trickle(text: string, everyMs: number): Promise<{ answer: string; bytesSent: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.on('data', (d) => {
      answer += d.toString('utf8');
    });
    socket.on('error', () => undefined); // a reset after the server gave up is the expected ending
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, bytesSent: sent });
    });
    socket.on('connect', () => {
      timer = setInterval(() => {
        if (sent >= text.length) {
          clearInterval(timer);
          reject(new Error('sent everything and the server still holds the connection'));
          return;
        }
        socket.write(text.slice(sent, sent + 1));
        sent++;
      }, everyMs);
    });
  });
}

describe('reference HTTP API against slow clients', () => {
  // The request is long enough that at one byte per 150 ms it would take far longer than the deadlines to send.
  const body = JSON.stringify({ message: SPAM });
  const head = `POST /score HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Padding: ${'p'.repeat(200)}\r\n\r\n`;

  it('closes a connection that trickles its headers', async () => {
    const { answer, bytesSent } = await trickle(head + body, 150);
    expect(bytesSent).toBeLessThan(head.length);
    // Node answers 408 Request Timeout before it closes (or just closes when it has nothing to say).
    if (answer) expect(answer).toMatch(/^HTTP\/1\.1 408/);
  }, 30_000);

  it('closes a connection that sends its headers at once and then trickles the body', async () => {
    const socket = connect(server.port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => {
      answer += d.toString('utf8');
    });
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    socket.write(head);
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < body.length) socket.write(body.slice(sent, ++sent));
    }, 150);
    await new Promise<void>((resolve) => socket.on('close', () => resolve()));
    clearInterval(timer);
    expect(sent).toBeLessThan(body.length);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  }, 30_000);
});

describe('reference HTTP API under a long stream of messages', () => {
  it('answers 5,200 messages in one bulk-detector window without an internal error', async () => {
    // More than 5,000 fingerprints inside the 24-hour window: the index's compaction used to recurse without end
    // from about the 5,014th message on (500 "Maximum call stack size exceeded", then no progress).
    const t0 = Date.parse('2025-02-03T08:00:00Z');
    const statuses = new Map<number, number>();
    const total = 5_200;
    let next = 0;
    const worker = async () => {
      while (next < total) {
        const i = next++;
        const res = await fetch(`${server.url}/score`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            message: `From: user${i}@mail.example\nSubject: note ${i}\n\nhello there number ${i}, the meeting moved to room ${i % 97} on floor ${i % 7}, see you at ${i % 12} o'clock\n`,
            context: { accountId: `acct-${i}`, accountAgeDays: 400, timestamp: t0 + i * 1000 },
          }),
        });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(Object.fromEntries(statuses)).toEqual({ 200: total });
    expect(server.system.snapshot().templates.fingerprintsInIndex).toBeGreaterThan(5_000);
  }, 300_000);
});
