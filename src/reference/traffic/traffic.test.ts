/** Simulated production traffic: reproducible logs, events where they were injected, Parquet matching JSONL. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parquetRowCount } from './parquet.js';
import { simulateTraffic, type TrafficResult } from './simulate.js';

let dir: string;
let first: TrafficResult;

const options = (out: string) => ({
  outDir: join(dir, out),
  days: 2,
  perDay: 80,
  seed: 11,
  modelSample: 600,
  inject: ['probing', 'feedback-spike', 'drift'] as const,
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nograd-traffic-'));
  process.env.NOGRAD_CACHE_DIR = join(dir, 'cache');
  first = await simulateTraffic(options('a'));
}, 180_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('simulateTraffic', () => {
  it('writes exactly days × perDay decisions, in time order, with ground truth', () => {
    expect(first.rows).toBe(160);
    const records = readFileSync(first.files.jsonl as string, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records).toHaveLength(160);
    const times = records.map((r) => Date.parse(r.ts));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(first.truth.spam + first.truth.ham).toBe(160);
    expect(records.filter((r) => r.truth === 'spam')).toHaveLength(first.truth.spam);
  });

  it('records each injected event with its window, and tags its traffic', () => {
    expect(first.events.map((e) => e.kind).sort()).toEqual(['drift', 'feedback-spike', 'probing']);
    const records = readFileSync(first.files.jsonl as string, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const probe = first.events.find((e) => e.kind === 'probing');
    const tagged = records.filter((r) => r.campaign === probe?.campaign);
    expect(tagged.length).toBeGreaterThan(0);
    for (const r of tagged) {
      expect(Date.parse(r.ts)).toBeGreaterThanOrEqual(Date.parse(probe?.start as string));
      expect(Date.parse(r.ts)).toBeLessThanOrEqual(Date.parse(probe?.end as string));
    }
    expect(records.some((r) => r.userReport === 'not-spam')).toBe(true);
  });

  it('the Parquet log holds the same rows', async () => {
    expect(await parquetRowCount(first.files.parquet as string)).toBe(160);
  });

  it('is reproducible: the same seed gives byte-identical logs', async () => {
    const again = await simulateTraffic(options('b'));
    expect(readFileSync(again.files.jsonl as string, 'utf8')).toBe(readFileSync(first.files.jsonl as string, 'utf8'));
    expect(readFileSync(again.files.events, 'utf8')).toBe(readFileSync(first.files.events, 'utf8'));
  }, 120_000);
});
