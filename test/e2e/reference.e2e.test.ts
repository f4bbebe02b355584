/**
 * `nograd reference …` through the built CLI. Most tests train on a 300-message corpus sample in a private cache
 * directory (real parsing, real training, seconds); the last one measures the full-corpus model and asserts the
 * quality the docs print (it uses the user's cache, so it trains only once per code version).
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli, tempDir } from '../helpers/cli.js';

const SAMPLE = ['--sample', '300'];
let dir: string;
let env: NodeJS.ProcessEnv;

const SPAM = [
  'From: "Best Deals" <deals@cheap-offers.example>',
  'To: you@example.org',
  'Subject: FREE money - limited time offer!!!',
  'MIME-Version: 1.0',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<html><body><p>Click here to get FREE money now! This limited time offer ends today. 100% free, no risk, order now.',
  'To be removed from our mailing list click here.</p></body></html>',
  '',
].join('\n');

beforeAll(() => {
  dir = tempDir('nograd-ref-e2e-');
  env = { NOGRAD_CACHE_DIR: join(dir, 'cache') };
  writeFileSync(join(dir, 'spam.eml'), SPAM);
  writeFileSync(join(dir, 'empty.eml'), '  \n');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('nograd reference (CLI)', () => {
  it('--help explains the subcommands with examples and exit codes', async () => {
    const r = await runCli(['reference', '--help']);
    expect(r.code).toBe(0);
    for (const word of ['train', 'metrics', 'classify', 'serve', 'traffic', 'Examples:', 'Exit codes'])
      expect(r.stdout).toContain(word);
    const serve = await runCli(['reference', 'serve', '--help']);
    expect(serve.stdout).toContain('POST /score');
  });

  it('train prints recall, FPR and AUC, caches the model, and reloads the same version', async () => {
    const first = await runCli(['reference', 'train', '--model', 'lr', ...SAMPLE, '--format', 'json'], { env });
    expect(first.code, first.stderr).toBe(0);
    const [a] = JSON.parse(first.stdout);
    expect(a).toMatchObject({ model: 'lr', sample: 300, fromCache: false, split: { kind: 'stratified', seed: 42 } });
    expect(a.metrics.rocAuc).toBeGreaterThan(0.9);
    expect(a.metrics.spam + a.metrics.ham).toBe(60);
    const second = await runCli(['reference', 'train', '--model', 'lr', ...SAMPLE, '--format', 'json'], { env });
    const [b] = JSON.parse(second.stdout);
    expect(b.fromCache).toBe(true);
    expect(b.modelVersion).toBe(a.modelVersion);
    const text = await runCli(['reference', 'train', '--model', 'lr', ...SAMPLE], { env });
    expect(text.stdout).toMatch(/spam recall\s+ham FPR\s+ROC AUC/);
    expect(text.stdout).toContain('cached');
    expect(text.stdout).toContain('sample of 300 messages');
  });

  it('metrics reports the confusion matrix at a chosen threshold', async () => {
    const r = await runCli(
      ['reference', 'metrics', ...SAMPLE, '--threshold', '0.7', '--review-low', '0.4', '--format', 'json'],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.metrics.threshold).toBe(0.7);
    expect(m.metrics.truePositives + m.metrics.falseNegatives).toBe(m.metrics.spam);
    expect(m.fromCache).toBe(true);
    const text = await runCli(['reference', 'metrics', ...SAMPLE], { env });
    expect(text.stdout).toMatch(/ham false-positive rate\s+\d+\.\d\d %/);
    expect(text.stdout).toMatch(/ROC AUC\s+0\.9\d+|ROC AUC\s+1\.0000/);
  });

  it('classify runs one message through the funnel (file or stdin)', async () => {
    const r = await runCli(['reference', 'classify', join(dir, 'spam.eml'), ...SAMPLE], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^block {2}decided by threshold-policy \(application layer\)/);
    expect(r.stdout).toMatch(/strongest tokens: /);
    const json = await runCli(['reference', 'score', '-', ...SAMPLE, '--age', '1', '--format', 'json'], {
      env,
      input: SPAM,
    });
    expect(json.code, json.stderr).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(out).toMatchObject({ decision: 'block', decidedBy: 'threshold-policy', account: { young: true } });
    expect(out.threshold).toBeCloseTo(0.4);
  });

  it.each([
    [['reference', 'classify', 'no-such-file.eml', ...SAMPLE], /cannot read message 'no-such-file.eml': ENOENT/],
    [['reference', 'classify', 'EMPTY', ...SAMPLE], /is empty/],
    [['reference', 'train', '--harden', 'magic', ...SAMPLE], /unknown hardening switch 'magic'/],
    [['reference', 'train', '--sample', '5'], /--sample must be an integer from 20/],
    [['reference', 'metrics', '--threshold', '0.2', '--review-low', '0.5', ...SAMPLE], /--review-low/],
    [
      ['reference', 'train', '--split', 'random', ...SAMPLE],
      /--split must be one of: stratified, temporal \(got 'random'\)/,
    ],
    [['reference', 'serve', '--port', '99999'], /--port must be an integer from 0 to 65535/],
  ])('user mistakes exit 2 with a clear message and no stack: %s', async (args, message) => {
    const r = await runCli(
      args.map((a) => (a === 'EMPTY' ? join(dir, 'empty.eml') : a)),
      { env },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('serve answers POST /score on 127.0.0.1 and stops on SIGTERM', async () => {
    let child: ChildProcess | undefined;
    try {
      const started = await startCli(
        ['reference', 'serve', '--port', '0', ...SAMPLE],
        /listening on (http:\/\/127\.0\.0\.1:\d+)/,
        { env },
      );
      child = started.child;
      const url = started.match[1] as string;
      const res = await fetch(`${url}/score`, {
        method: 'POST',
        body: JSON.stringify({ message: SPAM, context: { accountId: 'e2e', accountAgeDays: 100 } }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ decision: 'block', decidedBy: 'threshold-policy', layer: 'application' });
      expect(body.score as number).toBeGreaterThan(0.5);
      const bad = await fetch(`${url}/score`, { method: 'POST', body: '{"message": 1}' });
      expect(bad.status).toBe(400);
      const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      child = undefined;
    } finally {
      child?.kill('SIGKILL');
    }
  });

  it('traffic writes JSONL + Parquet decision logs and the injected events', async () => {
    const out = join(dir, 'traffic');
    const args = [
      'reference',
      'traffic',
      '--sample',
      '600',
      '--days',
      '2',
      '--per-day',
      '60',
      '--inject',
      'probing,drift',
      '--out',
      out,
    ];
    const r = await runCli(args, { env, timeoutMs: 180_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/120 decisions over 2 days/);
    const lines = readFileSync(join(out, 'decisions.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(120);
    const records = lines.map((l) => JSON.parse(l));
    for (const rec of records) {
      expect(['allow', 'review', 'block']).toContain(rec.decision);
      expect(['spam', 'ham']).toContain(rec.truth);
      expect(rec.inputHash).toMatch(/^[0-9a-f]{64}$/);
      expect(rec.input).toContain('Subject:');
    }
    expect(records.some((rec) => rec.campaign?.startsWith('probe'))).toBe(true);
    // The Parquet file is a real Parquet file (magic bytes at both ends).
    const parquet = readFileSync(join(out, 'decisions.parquet'));
    expect(parquet.subarray(0, 4).toString()).toBe('PAR1');
    expect(parquet.subarray(-4).toString()).toBe('PAR1');
    const events = JSON.parse(readFileSync(join(out, 'events.json'), 'utf8'));
    expect(events.events.map((e: { kind: string }) => e.kind).sort()).toEqual(['drift', 'probing']);
  }, 240_000);

  it('the full-corpus models meet the quality the docs state', async () => {
    // Default cache (shared with the demo): cold, this trains on all 6,046 messages once.
    const r = await runCli(['reference', 'train', '--format', 'json'], { timeoutMs: 300_000 });
    expect(r.code, r.stderr).toBe(0);
    const byModel = Object.fromEntries(JSON.parse(r.stdout).map((e: { model: string }) => [e.model, e]));
    expect(byModel.lr.metrics.n).toBe(1209);
    expect(byModel.lr.metrics.spamRecall).toBeGreaterThan(0.95);
    expect(byModel.lr.metrics.hamFalsePositiveRate).toBeLessThan(0.015);
    expect(byModel.lr.metrics.rocAuc).toBeGreaterThan(0.995);
    expect(byModel.nb.metrics.spamRecall).toBeGreaterThan(0.95);
    expect(byModel.nb.metrics.rocAuc).toBeGreaterThan(0.99);
  }, 300_000);
});
