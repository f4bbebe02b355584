import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCalibration } from '../contracts/calibration.js';
import { buildCalibration } from './calibration.js';
import type { CampaignResult } from './result.js';
import { runCampaignFile } from './session.js';

/** A real module target on disk: blocks on spam words, so hiding the words gets through. */
function setup(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nograd-session-'));
  mkdirSync(join(dir, 'seeds'));
  const bodies = [
    'Get FREE money now, click the link to claim your cash.',
    'Lowest mortgage rates, click here to refinance your loan.',
    'You are a winner, verify your account to receive the money.',
    'Free credit report, no obligation, click now to order.',
    'Earn income from home with this free investment offer.',
  ];
  for (const [i, b] of bodies.entries()) {
    writeFileSync(
      join(dir, 'seeds', `s${i}.eml`),
      `From: a${i}@mailer.example.com\nTo: u@example.org\nSubject: Offer ${i}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\n${b}\n\nhttp://offers${i}.example.com/x\n`,
    );
  }
  writeFileSync(
    join(dir, 'toy.mjs'),
    `export default function decide(input) {
  const spam = /\\b(free|money|click|cash|loan|mortgage|winner|credit|income|offer|order)\\b/i.test(input.content);
  return { decision: spam ? 'block' : 'allow', score: spam ? 0.9 : 0.1 };
}
`,
  );
  return dir;
}

const text = (extra = '') => `nograd-campaign: 1
name: session-test
target:
  module: { path: toy.mjs }
seeds: { files: [seeds] }
tactics:
  - input.zero-width-characters
  - input.confusable-characters
  - layout.mime-reencoding
search: { single: true, compositions: { depth: 2 } }
repeats: 2
seed: 5
${extra}`;

async function run(dir: string, name: string, yaml: string, concurrency?: number): Promise<CampaignResult> {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, yaml);
  let result: CampaignResult | undefined;
  for await (const e of runCampaignFile(file, {
    store: join(dir, `${name}.duckdb`),
    ...(concurrency ? { concurrency } : {}),
  })) {
    if (e.type === 'done') result = e.result;
  }
  if (!result) throw new Error('no result');
  return result;
}

const outcome = (r: CampaignResult) =>
  r.chains.map((c) => [c.label, c.n, c.evasion.k, c.notApplicable, c.cost.attemptsToFirstSuccess]);

describe('runCampaignFile', () => {
  it('gives the same measurements at any concurrency (the seed decides, not the scheduling)', async () => {
    const dir = setup();
    const one = await run(dir, 'c1', text(), 1);
    const many = await run(dir, 'c6', text(), 6);
    expect(one.status).toBe('completed');
    expect(one.baseline).toMatchObject({ k: 0, n: 10 });
    expect(one.chains.length).toBe(6); // 3 singles + 3 pairs
    expect(outcome(many)).toEqual(outcome(one));
    expect(one.chains.some((c) => c.evasion.k > 0)).toBe(true);
  });

  it('stops at the query budget with what it measured so far', async () => {
    const dir = setup();
    const r = await run(dir, 'budget', text('budgets: { queries: 25 }\n'));
    expect(r.status).toBe('stopped');
    expect(r.stopReason).toMatch(/budget reached: queries \(25\)/);
    expect(r.totals.queries).toBeLessThanOrEqual(25);
    expect(r.totals.attempts).toBeGreaterThan(10);
  });

  it('writes a calibration file that reads back valid, one entry per catalog id', async () => {
    const dir = setup();
    const r = await run(dir, 'cal', text());
    const cal = buildCalibration(r);
    const path = join(dir, 'cal.json');
    writeFileSync(path, JSON.stringify(cal));
    const back = readCalibration(path);
    expect(Object.keys(back.tactics).sort()).toEqual([
      'input.confusable-characters',
      'input.zero-width-characters',
      'layout.mime-reencoding',
    ]);
    const zw = r.chains.find((c) => c.label === 'input.zero-width-characters')!;
    expect(back.tactics['input.zero-width-characters']).toMatchObject({ n: zw.n, successes: zw.evasion.k });
    writeFileSync(path, JSON.stringify({ ...cal, 'nograd-calibration': 9 }));
    expect(() => readCalibration(path)).toThrow(/not a nograd calibration file/);
  });
});
