/** The HTTP JSON API on a real loopback socket, over a model trained on a small corpus sample. */
import { mkdtempSync, rmSync } from 'node:fs';
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
  server = await startReferenceServer({ sample: 300, maxBodyBytes: 64 * 1024 });
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
