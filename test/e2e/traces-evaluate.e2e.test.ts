/**
 * End-to-end: planted evasive campaigns in reference traffic, `nograd traces mine`, `nograd traces evaluate` (the
 * near-miss curve and first-find ranks), label provenance (feedback-poisoned spam never expects `allow`) and a
 * suite spanning a retrain replayed on its source model — all through the built CLI.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli, tempDir } from '../helpers/cli.js';

let dir = '';
const logs = () => join(dir, 'logs');

beforeAll(async () => {
  dir = tempDir('nograd-evaluate-e2e-');
  // Eight days: the weekly retraining (day 7) falls inside, after the feedback spike (days 5 and 6).
  const r = await runCli(
    [
      'reference',
      'traffic',
      '--out',
      logs(),
      '--days',
      '8',
      '--per-day',
      '150',
      '--inject',
      'feedback-spike,evasive-campaigns',
    ],
    { timeoutMs: 400_000 },
  );
  expect(r.code, r.stderr).toBe(0);
}, 420_000);

describe('planted evasive campaigns', () => {
  it('records every planted message with its campaign and tactic, and some really get past the model', () => {
    const events = JSON.parse(readFileSync(join(logs(), 'events.json'), 'utf8'));
    const planted = events.events.filter((e: { kind: string }) => e.kind === 'evasive-campaigns');
    expect(new Set(planted.map((e: { tactic: string }) => e.tactic)).size).toBeGreaterThanOrEqual(5);
    for (const e of planted) {
      expect(e.planted.length).toBe(e.messages);
      for (const p of e.planted)
        expect(p).toMatchObject({ id: expect.stringMatching(/^msg-/), inputHash: expect.any(String) });
    }
    const delivered = planted.reduce((n: number, e: { delivered: number }) => n + e.delivered, 0);
    expect(delivered).toBeGreaterThan(0);
    expect(planted.some((e: { delivered: number; messages: number }) => e.delivered < e.messages)).toBe(true);
  });
});

describe('nograd traces evaluate', () => {
  it('scores a mined suite: the near-miss curve, first-find rank per planted campaign, miner precision', async () => {
    const suite = join(dir, 'suite.yaml');
    const mined = await runCli([
      'traces',
      'mine',
      join(logs(), 'decisions.parquet'),
      '-o',
      suite,
      '--max-per-miner',
      '500',
    ]);
    expect(mined.code, mined.stderr).toBe(0);
    const text = await runCli(['traces', 'evaluate', suite]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/ranked cases · \d+ finds/);
    expect(text.stdout).toMatch(/near-miss curve \(finds after k reviewed cases\)/);
    expect(text.stdout).toMatch(/evasive-01-zero-width\s+zero-width/);
    expect(text.stdout).toMatch(/evasion-signals\s+\d+\s+\d+\s+[\d.]+ %/);
    expect(text.stdout).toMatch(/first 100 finds within 460 reviewed: (met|not met)/);

    const json = JSON.parse((await runCli(['traces', 'evaluate', suite, '--format', 'json'])).stdout);
    expect(json).toMatchObject({ kind: 'nograd-traces-evaluation', version: 1 });
    expect(json.curve[0]).toEqual([0, 0]);
    expect(json.finds).toBeGreaterThan(0);
    expect(json.curve.at(-1)[1]).toBe(json.finds);
    // Every planted campaign whose mail got through is found, and its first find's rank is reported.
    const evasive = json.campaigns.filter((c: { name: string }) => c.name.startsWith('evasive-'));
    expect(evasive.length).toBeGreaterThanOrEqual(5);
    for (const c of evasive.filter((c: { evasions: number }) => c.evasions > 0))
      expect(c.firstFindRank, c.name).toBeGreaterThanOrEqual(1);
    const signals = json.miners.find((m: { miner: string }) => m.miner === 'evasion-signals');
    expect(signals.precision).toBeGreaterThan(0.5);

    const missing = await runCli(['traces', 'evaluate', suite, '--events', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no ground truth: .*nope\.json/);
  });
});

describe('labels with provenance and retrain boundaries', () => {
  it('never turns feedback-poisoned spam into a case expecting allow when the logs carry no ground truth', async () => {
    const mapping = join(dir, 'no-truth.yaml');
    writeFileSync(mapping, 'nograd-mapping: 1\nfields:\n  truth: null\n  campaign: null\n');
    const suite = join(dir, 'no-truth.yaml.suite.yaml');
    const r = await runCli([
      'traces',
      'mine',
      join(logs(), 'decisions.jsonl'),
      '-m',
      mapping,
      '-o',
      suite,
      '--max-per-miner',
      '500',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/contested {3}\d+ cases carry only a user report/);
    const poisoned = new Set(
      readFileSync(join(logs(), 'decisions.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
        .filter((x) => x.campaign === 'feedback-poison')
        .map((x) => x.inputHash),
    );
    const cases = parse(readFileSync(suite, 'utf8')).cases as Array<{
      expect: { decision?: string };
      provenance: { inputHash: string; label: string; contested?: { claim: string } };
    }>;
    const poisonCases = cases.filter((c) => poisoned.has(c.provenance.inputHash));
    expect(poisonCases.length).toBeGreaterThan(0);
    // Only a reviewer's (trusted) verdict could expect allow; user reports and the model's allow never do.
    for (const c of poisonCases) if (c.provenance.label !== 'reviewer') expect(c.expect.decision).not.toBe('allow');
    expect(poisonCases.some((c) => c.provenance.contested?.claim === 'ham')).toBe(true);
    expect(cases.every((c) => c.provenance.label !== 'user-report')).toBe(true);
  });

  it('records the retrain boundary in the suite and judges cases mined under the other model as retrain differences', async () => {
    const suitePath = join(dir, 'suite.yaml');
    const suite = parse(readFileSync(suitePath, 'utf8'));
    const versions = suite.generated.modelVersions as Array<{ version: string; from: string; to: string }>;
    expect(versions.length).toBe(2);
    expect((versions[0]?.to ?? '') < (versions[1]?.from ?? '')).toBe(true);
    const resultFile = join(dir, 'result.json');
    const run = await runCli(['regress', 'run', suitePath, '--target', 'reference', '--json', resultFile], {
      timeoutMs: 300_000,
    });
    expect([0, 1]).toContain(run.code);
    expect(run.stdout).toMatch(/models in the logs \(retrain boundaries\): lr-\w+ .* · lr-\w+ /);
    expect(run.stdout).toMatch(
      new RegExp(`target runs ${versions[0]?.version}; \\d+ cases mined under another logged model`),
    );
    const result = JSON.parse(readFileSync(resultFile, 'utf8'));
    const later = result.cases.filter((c: { minedUnder?: string }) => c.minedUnder === versions[1]?.version);
    expect(later.length).toBeGreaterThan(0);
    // On its source model a case mined under the retrained model is never a failure or a "fix".
    for (const c of later) expect(['pass', 'known-failure']).toContain(c.status);
    expect(result.versions).toMatchObject({ target: [versions[0]?.version] });
  }, 320_000);
});
