/**
 * End-to-end: a model that brings its own knowledge — custom tactics and controls (inline and in an included file),
 * a control's effectiveness against one tactic, attacker cost overrides — through `validate`, `analyze`, `explain`,
 * `catalog --model`, `diff` and `report`; and a campaign that runs a tactic from the user's own module against a
 * real HTTP server on 127.0.0.1.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const FIXTURE = join(ROOT, 'test/fixtures/custom-knowledge');

function modelDir(): string {
  const dir = tempDir();
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

describe('a model with its own tactics, controls and costs', () => {
  const dir = modelDir();

  it('validates, and reports mistakes in its own knowledge with file:line:col and did-you-mean', async () => {
    const ok = await runCli(['validate', 'system.yaml'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/system\.yaml is valid \(2 files\)/);

    const bad = modelDir();
    const k = join(bad, 'fraud-knowledge.yaml');
    writeFileSync(
      k,
      readFileSync(k, 'utf8')
        .replace('counters: [x-acme.basket-mimicry]', 'counters: [x-acme.basket-mimicri]')
        .replace('id: x-acme.velocity-graph', 'id: velocity-graph-check'),
    );
    const r = await runCli(['validate', 'system.yaml'], { cwd: bad });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /fraud-knowledge\.yaml:\d+:\d+: error: countered tactic 'x-acme\.basket-mimicri' is not a known tactic/,
    );
    expect(r.stderr).toMatch(/did you mean 'x-acme\.basket-mimicry'/);
    expect(r.stderr).toMatch(/fraud-knowledge\.yaml:\d+:\d+: error: a model's own control id is namespaced/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('analyze: the custom tactic makes the cheapest path, priced with the attacker’s own rates', async () => {
    const r = await runCli(['analyze', 'system.yaml', '--format', 'json', '--simulate', '500'], { cwd: dir });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const a = doc.economics.attackers[0];
    expect(a.today.cheapest.key).toContain('x-acme.basket-mimicry@fraud-model');
    expect(a.weights.humanHours).toBe(15);
    const planned = a.planned.cheapest.steps.find((s: { tactic?: string }) => s.tactic === 'x-acme.basket-mimicry');
    expect(planned.counters).toEqual([
      { control: 'velocity-graph', catalog: 'x-acme.velocity-graph', effectiveness: 0.9, status: 'planned' },
    ]);
    expect(doc.economics.notes.join(' ')).toMatch(/card-fraudster pays what the model says: hours at 15 USD/);
    expect(doc.economics.simulation.results[0].assumptions.join(' ')).toMatch(/drawn once per trial/);
    const text = await runCli(['analyze', 'system.yaml'], { cwd: dir });
    expect(text.stdout).toMatch(/ranked with their hourly rate: money=1, humanHours=15, implementationHours=15/);
  });

  it('explain: a finding about the custom tactic', async () => {
    const json = JSON.parse((await runCli(['analyze', 'system.yaml', '--format', 'json'], { cwd: dir })).stdout);
    const finding = json.findings.find((f: { message: string }) => f.message.includes('x-acme.basket-mimicry'));
    expect(finding).toBeDefined();
    const r = await runCli(['explain', finding.id, '--model', 'system.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(finding.id);
    expect(r.stdout).toContain('x-acme.basket-mimicry');
  });

  it('catalog --model: the model’s own entries first, then its packs; --pack filters', async () => {
    const r = await runCli(['catalog', 'tactics', '--model', 'system.yaml'], { cwd: dir, env: { COLUMNS: '160' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/system\.yaml: packs mail; its own: 2 tactic\(s\), 1 control\(s\)/);
    const rows = r.stdout.split('\n').filter((l) => /^\S+\.\S+\s{2,}/.test(l));
    expect(rows[0]).toMatch(/^custom\.friendly-fraud-dispute\s+.*\bmodel\b/);
    expect(rows[1]).toMatch(/^x-acme\.basket-mimicry\s+.*\bmodel\b/);
    expect(rows.slice(2).every((l) => /\bmail\b/.test(l))).toBe(true);

    const json = JSON.parse(
      (await runCli(['catalog', 'controls', '--model', 'system.yaml', '--format', 'json'], { cwd: dir })).stdout,
    );
    expect(json.model.custom.controls).toEqual(['x-acme.velocity-graph']);
    expect(json.controls[0].id).toBe('x-acme.velocity-graph');
    expect(json.controls[0].aidefend).toEqual([{ id: 'AID-D-005.002', name: 'Security Monitoring & Alerting for AI' }]);

    const search = await runCli(['catalog', '--model', 'system.yaml', '--search', 'basket', '--format', 'json'], {
      cwd: dir,
    });
    expect(JSON.parse(search.stdout).tactics.map((t: { id: string }) => t.id)).toEqual(['x-acme.basket-mimicry']);

    const pack = await runCli(['catalog', 'tactics', '--pack', 'mail', '--format', 'json']);
    expect(JSON.parse(pack.stdout).packs).toEqual(['mail']);
    const badPack = await runCli(['catalog', '--pack', 'fruad']);
    expect(badPack.code).toBe(2);
    expect(badPack.stderr).toMatch(/unknown pack 'fruad'.*did you mean 'fraud'/);
  });

  it('diff: implementing the custom control makes the attacker’s cheapest path dearer', async () => {
    const after = join(dir, 'after.yaml');
    writeFileSync(
      after,
      readFileSync(join(dir, 'system.yaml'), 'utf8').replace('status: planned', 'status: implemented'),
    );
    const r = await runCli(['diff', 'system.yaml', 'after.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    const row = d.attackers.find((x: { attacker: string }) => x.attacker === 'card-fraudster');
    expect(row.after.weightedCost).toBeGreaterThan(row.before.weightedCost);
  });

  it('report: the custom tactic and its cost in the Markdown report', async () => {
    const r = await runCli(['report', 'system.yaml', '--format', 'md', '-o', 'report.md'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('x-acme.basket-mimicry');
  });
});

/** A toy payment-text filter: blocks any message with a trigger word. */
const TRIGGERS = ['free', 'winner', 'prize', 'urgent'];

describe('a campaign with a tactic from the user’s own module, against an HTTP server on 127.0.0.1', () => {
  let server: Server;
  let url = '';
  let requests = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        requests++;
        const content = String(JSON.parse(body).content ?? '');
        const blocked = new RegExp(`\\b(${TRIGGERS.join('|')})\\b`, 'i').test(content);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ decision: blocked ? 'block' : 'allow', score: blocked ? 0.9 : 0.1 }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/score`;
  });
  afterAll(() => {
    server.close();
  });

  function setUp(): string {
    const dir = modelDir();
    mkdirSync(join(dir, 'seeds'));
    for (let i = 0; i < 4; i++) {
      writeFileSync(
        join(dir, 'seeds', `seed-${i}.eml`),
        `From: promo${i}@mailer.example.com\nTo: user@example.org\nSubject: Offer ${i}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\nYou are a winner! Claim your free prize now, it is urgent.\n`,
      );
    }
    // The user's tactic: swap the filter's trigger words for synonyms, and say the swap keeps the meaning.
    writeFileSync(
      join(dir, 'respell.mjs'),
      `const SWAP = { free: 'complimentary', winner: 'lucky one', prize: 'reward', urgent: 'pressing' };
export default {
  id: 'x-acme.basket-mimicry',
  summary: 'Replace the words a filter keys on with synonyms',
  defaults: {},
  appliesTo: (input) => /\\b(free|winner|prize|urgent)\\b/i.test(input),
  apply(input, rng) {
    const swapped = input.replace(/\\b(free|winner|prize|urgent)\\b/gi, (w) => SWAP[w.toLowerCase()]);
    return [swapped, { content: swapped, note: 'every trigger word swapped', cost: { money: 0 } }];
  },
  validity: { synonyms: Object.entries(SWAP).map(([a, b]) => [a, b]) },
};
`,
    );
    return dir;
  }

  it('runs the module tactic and measures the evasion; a catalog-only tactic is said to be one', async () => {
    const dir = setUp();
    const campaign = (tactics: string) => `nograd-campaign: 1
name: user-module
target:
  http: { url: '${url}', retries: 1, timeoutMs: 2000 }
seeds: { files: [seeds] }
system: system.yaml
components: [fraud-model]
tactics:
${tactics}
seed: 5
`;
    writeFileSync(join(dir, 'bad.yaml'), campaign('  - module: ./respell.mjs\n  - custom.friendly-fraud-dispute'));
    const bad = await runCli(['campaign', 'run', 'bad.yaml', '--store', 'b.duckdb'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /bad\.yaml:10:5: error: tactic 'custom\.friendly-fraud-dispute' is not executable \(catalog only\)/,
    );
    expect(bad.stderr).not.toMatch(/unknown tactic/);

    writeFileSync(join(dir, 'c.yaml'), campaign('  - module: ./respell.mjs'));
    const before = requests;
    const r = await runCli(
      ['campaign', 'run', 'c.yaml', '--store', 's.duckdb', '--format', 'json', '--calibration', 'cal.json'],
      { cwd: dir },
    );
    expect(r.stderr).not.toMatch(/error|failed/i);
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.target.kind).toBe('http');
    expect(res.totals.errors).toBe(0);
    expect(res.baseline.n).toBe(4);
    expect(res.baseline.k).toBe(0); // every untouched seed is blocked
    const chain = res.chains.find((c: { label: string }) => c.label === 'x-acme.basket-mimicry');
    expect(chain.n).toBe(4);
    expect(chain.evasion.k).toBe(4); // every swapped message gets through, and stays valid
    expect(requests - before).toBeGreaterThanOrEqual(8);

    // The module implements the model's own tactic: what it measured calibrates the model's prediction.
    const cal = JSON.parse(readFileSync(join(dir, 'cal.json'), 'utf8'));
    expect(cal.tactics['x-acme.basket-mimicry'].n).toBe(4);
    const a = await runCli(['analyze', 'system.yaml', '--calibration', 'cal.json', '--format', 'json'], { cwd: dir });
    expect(a.code).toBe(0);
    const row = JSON.parse(a.stdout).economics.calibration.rows.find(
      (x: { tactic: string }) => x.tactic === 'x-acme.basket-mimicry',
    );
    expect(row.predicted.baseSuccess).toBe(0.5);
    expect(row.n).toBe(4);
  });
});
