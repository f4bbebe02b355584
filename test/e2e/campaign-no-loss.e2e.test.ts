/**
 * End-to-end: no silent loss. Through the built CLI against real HTTP servers on 127.0.0.1 (and the reference system
 * in-process): a throttling target's attempts are deferred and answered, not dropped; attempts a target will not
 * answer in time leave the run `incomplete` (exit 75, says why) and `--resume` finishes it without sending anything
 * twice; and attempts reported done are in the store soon after, so a `kill -9` loses (almost) nothing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli, tempDir } from '../helpers/cli.js';

const TOY_RULE = /\b(free|money|click|cash|prize|winner|loan|mortgage|bank|password|credit|order|income|offer)\b/i;

function writeSeeds(dir: string, n: number): void {
  const lines = [
    'Get FREE money now, click the link below to claim your cash prize.',
    'Lowest mortgage rates guaranteed. Click here to refinance your loan today.',
    'You are a winner! Verify your account to receive the prize money.',
    'Earn extra income from home, free investment offer, click to order.',
    'Urgent: confirm your bank password to avoid suspended account.',
  ];
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    writeFileSync(
      join(dir, `seed-${i}.eml`),
      `From: promo${i}@mailer.example.com\nTo: user@example.org\nSubject: Offer ${i}\nMIME-Version: 1.0\n` +
        `Content-Type: text/plain; charset=us-ascii\n\n${lines[i % lines.length]}\n\nhttp://offers${i}.example.com/claim\n`,
    );
  }
}

/** A toy filter over HTTP; `throttle` decides per request whether to answer 429 (and with which Retry-After). */
interface ToyServer {
  url: string;
  server: Server;
  /** Per distinct request body: how often it was answered 200 / 429. */
  ok: Map<string, number>;
  throttled: Map<string, number>;
  requests: number;
  throttle: (body: string, seen: number) => string | null;
  delayMs: number;
}

async function toyServer(): Promise<ToyServer> {
  const s: Omit<ToyServer, 'url' | 'server'> = {
    ok: new Map(),
    throttled: new Map(),
    requests: 0,
    throttle: () => null,
    delayMs: 0,
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (d: Buffer) => {
      raw += d.toString();
    });
    req.on('end', () => {
      s.requests++;
      const key = createHash('sha256').update(raw).digest('hex');
      const seen = s.throttled.get(key) ?? 0;
      const retryAfter = s.throttle(raw, seen);
      if (retryAfter !== null) {
        s.throttled.set(key, seen + 1);
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': retryAfter });
        res.end('{}');
        return;
      }
      const answer = () => {
        s.ok.set(key, (s.ok.get(key) ?? 0) + 1);
        const spam = TOY_RULE.test(JSON.parse(raw).content);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ decision: spam ? 'block' : 'allow', score: spam ? 0.95 : 0.05 }));
      };
      if (s.delayMs) setTimeout(answer, s.delayMs);
      else answer();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return Object.assign(s, { url: `http://127.0.0.1:${port}`, server }) as ToyServer;
}

const campaignFor = (url: string, extra = '') => `nograd-campaign: 1
name: no-loss
target:
  http:
    url: ${url}/score
    body: { content: '{{content}}', context: '{{context}}' }
    concurrency: 4
seeds: { files: [seeds] }
tactics: [input.zero-width-characters]
seed: 5
concurrency: 4
${extra}`;

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

describe('nograd campaign: throttling never turns into silent loss', () => {
  let dir: string;
  let srv: ToyServer;

  beforeAll(async () => {
    dir = tempDir();
    writeSeeds(join(dir, 'seeds'), 5);
    srv = await toyServer();
  });
  afterAll(() => new Promise<void>((r) => srv.server.close(() => r())));

  it('defers attempts a server throttles twice (Retry-After: 1) and completes with every attempt answered', async () => {
    srv.ok.clear();
    srv.throttled.clear();
    srv.throttle = (_body, seen) => (seen < 2 ? '1' : null);
    writeFileSync(join(dir, 'a.yaml'), campaignFor(srv.url));
    const r = await runCli(['campaign', 'run', 'a.yaml', '--store', 'a.duckdb', '--format', 'json', '--no-progress'], {
      cwd: dir,
    });
    expect(r.stderr).toMatch(/the target is throttling/);
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.status).toBe('completed');
    expect(res.totals.errors).toBe(0);
    // 5 untouched seeds + the tactic on the 5 the toy filter blocks: every one answered, each throttled twice first.
    expect(res.baseline.n).toBe(5);
    expect(res.chains.find((c: { label: string }) => c.label === 'input.zero-width-characters').n).toBe(5);
    expect(srv.ok.size).toBe(10);
    expect([...srv.ok.values()].every((n) => n === 1)).toBe(true);
    expect([...srv.throttled.values()].every((n) => n === 2)).toBe(true);
    expect(res.resilience.base.throttled).toBe(20);
    // --no-progress is quiet, not silent: the run still says how it ended.
    expect(r.stderr).toMatch(/run run-\S+ completed: 10 attempts/);
  }, 120_000);

  it('leaves attempts a server will not answer in time (Retry-After: 3600) for --resume: incomplete, exit 75', async () => {
    srv.ok.clear();
    srv.throttled.clear();
    // Seeds 1 and 3 are throttled for an hour; the others are answered at once.
    srv.throttle = (body) => (/offers[13]\./.test(body) ? '3600' : null);
    writeFileSync(join(dir, 'b.yaml'), campaignFor(srv.url, 'maxRetryAfterMs: 1000\n'));
    const r = await runCli(['campaign', 'run', 'b.yaml', '--store', 'b.duckdb', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(75);
    const res = JSON.parse(r.stdout);
    expect(res.status).toBe('incomplete');
    expect(res.stopReason).toMatch(/2 attempts got no answer .*HTTP 429.*maxRetryAfterMs/);
    expect(r.stderr).toMatch(/run run-\S+ incomplete: 2 attempts got no answer/);
    expect(r.stderr).toMatch(/resume with: nograd campaign run b\.yaml --resume run-\S+ --store b\.duckdb/);
    const list = JSON.parse(
      (await runCli(['campaign', 'list', '--store', 'b.duckdb', '--format', 'json'], { cwd: dir })).stdout,
    );
    expect(list[0]).toMatchObject({ runId: res.runId, status: 'incomplete' });
    const answeredBefore = new Map(srv.ok);
    expect(answeredBefore.size).toBe(3 + 3); // 3 untouched seeds answered, the tactic on those 3

    // The server recovers; --resume (no run id: the newest unfinished run) sends exactly what got no answer.
    srv.throttle = () => null;
    const resumed = await runCli(['campaign', 'run', 'b.yaml', '--store', 'b.duckdb', '--resume', '--format', 'json'], {
      cwd: dir,
    });
    expect(resumed.stderr).toMatch(new RegExp(`resuming run ${res.runId}`));
    expect(resumed.code).toBe(0);
    const done = JSON.parse(resumed.stdout);
    expect(done.runId).toBe(res.runId);
    expect(done.status).toBe('completed');
    expect(done.totals.errors).toBe(0);
    expect(done.baseline.n).toBe(5);
    expect(done.chains.find((c: { label: string }) => c.label === 'input.zero-width-characters').n).toBe(5);
    // Nothing answered twice: each distinct request got exactly one 200 over both runs.
    expect(srv.ok.size).toBe(10);
    expect([...srv.ok.values()].every((n) => n === 1)).toBe(true);
  }, 120_000);
});

/** Progress lines with the time the test received them. */
function watchProgress(child: ChildProcess): Array<{ at: number; done: number }> {
  const seen: Array<{ at: number; done: number }> = [];
  let buf = '';
  child.stderr?.on('data', (d: Buffer) => {
    buf += d.toString();
    const lines = buf.split('\n');
    buf = lines.pop() ?? '';
    const at = performance.now();
    for (const l of lines) {
      const m = l.match(/^progress: (\d+)\//);
      if (m) seen.push({ at, done: Number(m[1]) });
    }
  });
  return seen;
}

async function storedAttempts(dir: string, store: string): Promise<{ runId: string; attempts: number }> {
  const r = await runCli(['campaign', 'list', '--store', store, '--format', 'json'], { cwd: dir });
  const runs = JSON.parse(r.stdout);
  expect(runs).toHaveLength(1);
  return runs[0];
}

/**
 * Start a campaign, wait until progress reports `atLeast` done, kill -9 it, and return what progress reported done
 * at least `marginMs` before the kill.
 */
async function killMidway(dir: string, file: string, store: string, atLeast: number, marginMs = 200): Promise<number> {
  const child = spawn(
    process.execPath,
    [CLI, 'campaign', 'run', file, '--store', store, '--no-cache', '--progress-interval', '0.05'],
    { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const seen = watchProgress(child);
  for (let i = 0; i < 2400; i++) {
    if ((seen.at(-1)?.done ?? 0) >= atLeast) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  // Let it run on a little so some attempts are reported well before the kill.
  await new Promise((r) => setTimeout(r, marginMs + 200));
  const killedAt = performance.now();
  child.kill('SIGKILL');
  await exited;
  const early = seen.filter((s) => s.at <= killedAt - marginMs);
  expect(early.length).toBeGreaterThan(0);
  return Math.max(...early.map((s) => s.done));
}

describe('nograd campaign: attempts reported done are durable (kill -9)', () => {
  let dir: string;
  let srv: ToyServer;

  beforeAll(async () => {
    dir = tempDir();
    writeSeeds(join(dir, 'seeds'), 40);
    srv = await toyServer();
    srv.delayMs = 200;
  });
  afterAll(() => new Promise<void>((r) => srv.server.close(() => r())));

  // The design target is 200 ms (and it holds on its own); the margin is 500 ms because, run inside the whole suite on
  // a machine shared with other jobs, one commit's log write once took longer (34 stored of 35 reported at 200 ms).
  it('a slow HTTP target: what progress reported 500 ms before the kill is stored; resume sends only the rest', async () => {
    writeFileSync(join(dir, 'slow.yaml'), campaignFor(srv.url));
    const reported = await killMidway(dir, 'slow.yaml', 'slow.duckdb', 30, 500);
    expect(reported).toBeGreaterThanOrEqual(30);
    const before = await storedAttempts(dir, 'slow.duckdb');
    expect(before.attempts).toBeGreaterThanOrEqual(reported);
    const okBefore = sum(srv.ok);
    expect(before.attempts).toBeLessThan(80);

    const r = await runCli(['campaign', 'run', 'slow.yaml', '--store', 'slow.duckdb', '--resume', '--format', 'json'], {
      cwd: dir,
    });
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.status).toBe('completed');
    expect(res.totals.attempts).toBe(80);
    // Stored attempts were not sent again: the resume sent at most what the store lacked.
    expect(sum(srv.ok) - okBefore).toBeLessThanOrEqual(80 - before.attempts);
    expect((await storedAttempts(dir, 'slow.duckdb')).attempts).toBe(80);
  }, 180_000);

  // The case that lost everything before (0 stored after 320 reported): a target that never yields to the event loop.
  // The margin is 1 s rather than 200 ms only because a commit on a machine shared with other jobs can take that long.
  // 300 seeds (≈600 attempts) so that an idle machine (≈160 attempts/s) is still mid-run when the kill comes.
  it('the reference system in-process (CPU-bound): what progress reported 1 s before the kill is stored', async () => {
    writeFileSync(
      join(dir, 'ref.yaml'),
      `nograd-campaign: 1
name: no-loss-ref
target:
  reference: { model: lr }
seeds: { corpus: spam, count: 300 }
tactics: [input.zero-width-characters]
seed: 5
concurrency: 4
`,
    );
    const reported = await killMidway(dir, 'ref.yaml', 'ref.duckdb', 40, 1000);
    const before = await storedAttempts(dir, 'ref.duckdb');
    expect(before.attempts).toBeGreaterThanOrEqual(reported);
    const r = await runCli(['campaign', 'run', 'ref.yaml', '--store', 'ref.duckdb', '--resume', '--format', 'json'], {
      cwd: dir,
    });
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.status).toBe('completed');
    // Same plan, nothing lost, nothing counted twice: every seed untouched, and the tactic on every blocked one.
    expect(res.totals.errors).toBe(0);
    expect(res.baseline.n).toBe(300);
    expect(res.totals.attempts).toBe(300 + (300 - res.baseline.k));
    expect((await storedAttempts(dir, 'ref.duckdb')).attempts).toBe(res.totals.attempts);
  }, 180_000);
});
