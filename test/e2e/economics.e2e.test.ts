/** End-to-end: attack paths, simulation, recommendations, calibration and diff through the built CLI. */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const MAIL = 'examples/mail-filter/system.yaml';

/** A copy of the mail filter with planned controls implemented (before.yaml) and as shipped (after.yaml). */
function diffPair(): string {
  const dir = tempDir();
  copyFileSync(join(ROOT, 'examples/mail-filter/attackers.yaml'), join(dir, 'attackers.yaml'));
  const text = readFileSync(join(ROOT, MAIL), 'utf8');
  writeFileSync(join(dir, 'before.yaml'), text.replaceAll('status: planned', 'status: implemented'));
  writeFileSync(join(dir, 'after.yaml'), text);
  return dir;
}

function calibrationFile(dir: string, rate: number): string {
  const file = join(dir, 'calibration.json');
  const cost = { money: 0, humanHours: 0.01, implementationHours: 1, queries: 1, timeHours: 0.01, detectionRisk: 0.01 };
  writeFileSync(
    file,
    JSON.stringify({
      'nograd-calibration': 1,
      createdAt: '2026-01-01T00:00:00Z',
      runId: 'run-1',
      campaign: 'e2e',
      target: { kind: 'reference', fingerprint: 'f' },
      evasionCondition: { when: 'label is ham', scoreBelow: null },
      components: ['spam-model'],
      tactics: {
        'input.zero-width-characters': {
          tacticId: 'input.zero-width-characters',
          configuredAs: 'input.zero-width-characters',
          n: 400,
          successes: Math.round(400 * rate),
          successRate: rate,
          ci95: { low: Math.max(0, rate - 0.04), high: Math.min(1, rate + 0.04) },
          validRate: 1,
          notApplicable: 0,
          costPerAttempt: cost,
          costPerSuccess: null,
          predicted: null,
          hardened: {},
          alternatives: [],
        },
      },
    }),
  );
  return file;
}

describe('nograd analyze: economics', () => {
  it('shows the cheapest path per attacker with its cost vector, the defender cost and ranked controls', async () => {
    const r = await runCli(['analyze', MAIL]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Attack paths \(cheapest per attacker\)/);
    expect(r.stdout).toMatch(/weights: money=1, humanHours=50/);
    expect(r.stdout).toMatch(/spammer \(evade → threshold-policy\)\n {2}today: cheapest of \d+ Pareto-optimal paths/);
    expect(r.stdout).toMatch(/cost: money [\d.]+ USD · humanHours [\d.]+ h · implementationHours/);
    expect(r.stdout).toMatch(/\[side door: feedback\]/);
    expect(r.stdout).toMatch(/Defender cost\n {2}today +\d+ controls/);
    expect(r.stdout).toMatch(/Recommended controls \(attacker cost raised per unit of defender cost\)\n {2}[+✓] /);
    expect(r.stdout).toMatch(/hardening vs \S+: model hardening alone leaves the path open/);
  });

  it('gives a poisoner with extra live-input access its side-door path (phishing-pages label-poisoner)', async () => {
    const r = await runCli(['analyze', 'examples/phishing-pages/system.yaml', '--no-recommendations']);
    const block = r.stdout.slice(r.stdout.indexOf('label-poisoner (poison → logo-model)\n  today'));
    expect(block).toMatch(/today: cheapest of \d+ Pareto-optimal paths/);
    expect(block).toMatch(/@ active-learning → logo-model \[side door: training-data\]/);
    expect(block).not.toMatch(/^ {2}today: no path/m);
  });

  it('writes the economics section into the JSON result document', async () => {
    const r = await runCli(['analyze', MAIL, '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    const e = doc.economics;
    expect([e.kind, e.version]).toEqual(['nograd-economics', 1]);
    expect(e.attackers.map((a: { attacker: string }) => a.attacker)).toEqual([
      'spammer',
      'phisher',
      'feedback-poisoner',
    ]);
    for (const a of e.attackers) {
      expect(a.today.cheapest.steps.length).toBeGreaterThan(0);
      expect(a.today.pareto[0].key).toBe(a.today.cheapest.key);
      expect(a.today.paretoSize).toBeGreaterThanOrEqual(a.today.pareto.length);
    }
    expect(e.recommendations.add[0].perAttacker).toHaveLength(3);
    expect(e.simulation).toBeUndefined();
    const none = JSON.parse((await runCli(['analyze', MAIL, '--format', 'json', '--no-economics'])).stdout);
    expect(none.economics).toBeUndefined();
  });

  it('simulates campaigns reproducibly with a seed', async () => {
    const args = ['analyze', MAIL, '--format', 'json', '--no-recommendations', '--simulate', '3000'];
    const a = await runCli([...args, '--seed', '7']);
    const b = await runCli([...args, '--seed', '7']);
    const c = await runCli([...args, '--seed', '8']);
    expect(a.stderr).toMatch(/simulating 3000 trials per attacker and scenario \(seed 7\)/);
    const sa = JSON.parse(a.stdout).economics.simulation;
    expect(sa.results.length).toBe(6);
    expect(sa).toEqual(JSON.parse(b.stdout).economics.simulation);
    expect(sa).not.toEqual(JSON.parse(c.stdout).economics.simulation);
    const spammer = sa.results.find(
      (x: { attacker: string; scenario: string }) => x.attacker === 'spammer' && x.scenario === 'today',
    );
    expect(spammer.timeHours.p90).toBeGreaterThanOrEqual(spammer.timeHours.median);
    expect(spammer.pSuccessWithinBudget).toBeGreaterThan(0);
    expect(spammer.defender.review.component).toBe('review-queue');
    const text = await runCli(['analyze', MAIL, '--no-recommendations', '--simulate', '1000']);
    expect(text.stdout).toMatch(/Simulation \(1000 trials, seed 1\)/);
    expect(text.stdout).toMatch(/time-to-success median [\d.]+ h · p90 [\d.]+ h · cost-to-success median/);
    expect(text.stdout).toMatch(/review review-queue: peak load \d+% of 200\/day/);
  });

  it('applies weights and budgets the user states', async () => {
    const r = await runCli([
      'analyze',
      MAIL,
      '--format',
      'json',
      '--no-recommendations',
      '--budget',
      'money=0.01,timeHours=0.01',
      '--weights',
      'timeHours=1000',
    ]);
    const e = JSON.parse(r.stdout).economics;
    expect(e.weights.timeHours).toBe(1000);
    expect(e.weights.money).toBe(1);
    const spammer = e.attackers[0].today.cheapest;
    expect(spammer.budget.within).toBe(false);
    expect(spammer.budget.exceeded.map((x: { dimension: string }) => x.dimension)).toContain('timeHours');
  });

  it('shows predicted against measured tactic rates from a calibration file', async () => {
    const dir = tempDir();
    const r = await runCli(['analyze', MAIL, '--no-recommendations', '--calibration', calibrationFile(dir, 0.05)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Calibration: predicted vs measured \(measured values used in the paths above\)/);
    expect(r.stdout).toMatch(
      /input\.zero-width-characters: predicted 0\.70 at spam-model · measured 0\.050 \[0\.010, 0\.090\] \(n=400\) ✗ outside CI/,
    );
  });

  it('rejects bad economics options and files with exit 2 and no stack trace', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--weights', 'mony=1'], /unknown cost dimension 'mony' in --weights \(did you mean 'money'\?\)/],
      [['--weights', 'money=-1'], /weight for 'money' must be a number ≥ 0/],
      [['--simulate', '0'], /--simulate must be an integer from 1 to/],
      [['--simulate', '10', '--seed', 'abc'], /--seed must be an integer/],
      [['--budget', 'cash=5'], /unknown budget dimension 'cash'/],
      [['--calibration', 'nope.json'], /cannot read calibration file 'nope.json'/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['analyze', MAIL, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.json'), '{"nograd-calibration": 2}');
    const bad = await runCli(['analyze', MAIL, '--calibration', join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not a nograd calibration file/);
  });

  it('documents the options with examples and exit codes', async () => {
    const r = await runCli(['analyze', '--help']);
    expect(r.stdout).toMatch(/--simulate \[trials\]/);
    expect(r.stdout).toMatch(/--seed <n>/);
    expect(r.stdout).toMatch(/--calibration <file>/);
    expect(r.stdout).toMatch(/Exit codes: 0 ok/);
  });
});

describe('nograd diff', () => {
  it('writes a pull-request comment with each attacker before and after', async () => {
    const dir = diffPair();
    const r = await runCli(['diff', 'before.yaml', 'after.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^### nograd diff: ⚠️ attacker cost fell/);
    expect(r.stdout).toMatch(/\| attacker \| cheapest before \| cheapest after \| change \|/);
    expect(r.stdout).toMatch(/\| feedback-poisoner \| \d+ \| \d+ \| 🔻 cheaper \(×0\.\d+\) \|/);
    expect(r.stdout).toMatch(/\*\*Controls:\*\* .*feedback-rate-limit-control: implemented → planned/);
    expect(r.stdout).toMatch(/\*\*Findings:\*\*/);
  });

  it('fails the CI gate when attacker cost falls, and passes when it rises', async () => {
    const dir = diffPair();
    const fell = await runCli(['diff', 'before.yaml', 'after.yaml', '--fail-on-cost-drop'], { cwd: dir });
    expect(fell.code).toBe(1);
    expect(fell.stderr).toMatch(/attacker cost fell for .*feedback-poisoner/);
    const rose = await runCli(['diff', 'after.yaml', 'before.yaml', '--fail-on-cost-drop', '--format', 'json'], {
      cwd: dir,
    });
    expect(rose.code).toBe(0);
    const d = JSON.parse(rose.stdout);
    expect(d.costFell).toBe(false);
    expect(d.attackers.find((a: { attacker: string }) => a.attacker === 'feedback-poisoner').status).toBe('dearer');
    const tolerant = await runCli(
      ['diff', 'before.yaml', 'after.yaml', '--fail-on-cost-drop', '--tolerance', '99', '--format', 'text'],
      { cwd: dir },
    );
    expect(tolerant.code).toBe(0);
    expect(tolerant.stdout).toMatch(/no attacker got cheaper/);
  });

  it('rejects bad arguments with exit 2', async () => {
    const dir = diffPair();
    expect((await runCli(['diff', 'before.yaml', 'missing.yaml'], { cwd: dir })).code).toBe(2);
    const tol = await runCli(['diff', 'before.yaml', 'after.yaml', '--tolerance', 'lots'], { cwd: dir });
    expect(tol.code).toBe(2);
    expect(tol.stderr).toMatch(/--tolerance must be a number from 0 to below 100/);
    expect((await runCli(['diff', 'before.yaml', 'after.yaml', '--format', 'html'], { cwd: dir })).code).toBe(2);
    const help = await runCli(['diff', '--help']);
    expect(help.stdout).toMatch(/--fail-on-cost-drop/);
    expect(help.stdout).toMatch(/Exit codes: 0 ok · 1 attacker cost fell/);
  });
});
