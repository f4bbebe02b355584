/**
 * End-to-end: `nograd campaign run|show|list` through the built CLI, against the reference system in-process, the
 * reference HTTP server on 127.0.0.1, a child-process command target and a JS module target; resume after kill -9;
 * cache; calibration file; line:column errors.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli, startCli, tempDir } from '../helpers/cli.js';

/** Spam-like messages with a link: a toy filter blocks them on their words; the tactics hide the words. */
function writeSeeds(dir: string, n: number): void {
  const lines = [
    'Get FREE money now, click the link below to claim your cash prize.',
    'Lowest mortgage rates guaranteed. Click here to refinance your loan today.',
    'You are a winner! Verify your account to receive the prize money.',
    'Earn extra income from home, free investment offer, click to order.',
    'Urgent: confirm your bank password to avoid suspended account.',
    'Special promotion: free credit report, no obligation, click now.',
    'Cheap pharmacy offer, free shipping on every order, click here.',
    'Debt relief opportunity, lower your payment, approved in minutes.',
  ];
  for (let i = 0; i < n; i++) {
    const body = `${lines[i % lines.length]}\n\nhttp://offers${i}.example.com/claim?id=${i}\n\nThanks,\nThe team\n`;
    writeFileSync(
      join(dir, `seed-${i}.eml`),
      `From: promo${i}@mailer.example.com\nTo: user@example.org\nSubject: Offer ${i} for you\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\n${body}`,
    );
  }
}

const TOY_RULE = String.raw`/\b(free|money|click|cash|prize|winner|loan|mortgage|bank|password|credit|order|income|offer)\b/i`;

/** A JS module target: blocks on spam words; logs every call (so a test knows how far a run got). */
function writeModuleTarget(dir: string, delayMs: number): string {
  const file = join(dir, 'toy-filter.mjs');
  writeFileSync(
    file,
    `import { appendFileSync } from 'node:fs';
const LOG = ${JSON.stringify(join(dir, 'calls.log'))};
export default async function decide(input) {
  appendFileSync(LOG, input.id + '\\n');
  await new Promise((r) => setTimeout(r, ${delayMs}));
  const spam = ${TOY_RULE}.test(input.content);
  return { decision: spam ? 'block' : 'allow', score: spam ? 0.95 : 0.05, decidedBy: 'toy-rule' };
}
`,
  );
  return file;
}

/** A line-protocol command target: one long-lived node process, JSON lines in and out. */
function writeCommandTarget(dir: string): string {
  const file = join(dir, 'toy-filter-lines.mjs');
  writeFileSync(
    file,
    `import { createInterface } from 'node:readline';
const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const { id, content } = JSON.parse(line);
  const spam = ${TOY_RULE}.test(content);
  process.stdout.write(JSON.stringify({ id, label: spam ? 'spam' : 'ham', p: spam ? 0.9 : 0.1 }) + '\\n');
});
`,
  );
  return file;
}

const TOY_TACTICS = `tactics:
  - input.zero-width-characters
  - input.confusable-characters
  - layout.mime-reencoding
  - layout.hidden-good-words
`;

function readJson(path: string) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

describe('nograd campaign: file errors and help', () => {
  it('reports every problem in the campaign file with file:line:col and exits 2', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'bad.yaml'),
      `nograd-campaign: 1
name: bad
target:
  reference: { model: lr }
seeds: { corpus: spam, count: 3 }
tactics:
  - input.confusable-charcters
  - id: layout.hidden-good-words
    parms: { count: 3 }
repeats: 0
`,
    );
    const r = await runCli(['campaign', 'run', join(dir, 'bad.yaml'), '--store', join(dir, 's.duckdb')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:7:5: error.*unknown tactic 'input\.confusable-charcters'/);
    expect(r.stderr).toMatch(/did you mean 'input\.confusable-characters'/);
    expect(r.stderr).toMatch(/bad\.yaml:9:5: error.*unknown field 'parms'/);
    expect(r.stderr).toMatch(/bad\.yaml:10:10: error/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(existsSync(join(dir, 's.duckdb'))).toBe(false);
  });

  it('explains a missing file, an unknown run and an empty store without a stack', async () => {
    const dir = tempDir();
    const missing = await runCli(['campaign', 'run', join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read campaign file/);
    const noStore = await runCli(['campaign', 'list', '--store', join(dir, 'none.duckdb')]);
    expect(noStore.code).toBe(2);
    expect(noStore.stderr).toMatch(/no campaign store at/);
  });

  it('stops with exit 2 and says why when the target answers none of the untouched seeds', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'seeds'));
    writeSeeds(join(dir, 'seeds'), 3);
    // A port that was just free: connections are refused.
    const port = await new Promise<number>((res) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => res(p));
      });
    });
    writeFileSync(
      join(dir, 'down.yaml'),
      `nograd-campaign: 1
name: down
target:
  http: { url: 'http://127.0.0.1:${port}/score', retries: 1, timeoutMs: 1000 }
seeds: { files: [seeds] }
tactics: [input.zero-width-characters]
`,
    );
    const r = await runCli(['campaign', 'run', 'down.yaml', '--store', 's.duckdb', '--no-progress'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/interrupted: the base target failed on every untouched seed: .*127\.0\.0\.1/);
    expect(r.stderr).toMatch(/resume with: nograd campaign run down\.yaml --resume run-\S+ --store s\.duckdb/);
  });

  it('documents itself with examples and exit codes', async () => {
    const r = await runCli(['campaign', 'run', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--resume/);
    expect(r.stdout).toMatch(/Exit codes: 0/);
    const top = await runCli(['campaign', '--help']);
    expect(top.stdout).toMatch(/nograd campaign run examples\/mail-filter\/campaign\.yaml/);
  });

  it('checks the example campaign with --dry-run (components against the system model)', async () => {
    const r = await runCli(['campaign', 'run', 'examples/mail-filter/campaign.yaml', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/campaign mail-filter-evasion .* is valid/);
    expect(r.stdout).toMatch(/layout\.hidden-good-words/);
  });
});

describe('nograd campaign: module target, resume after kill -9, cache', () => {
  let dir: string;
  const campaign = (store: string) => `nograd-campaign: 1
name: toy-resume
target:
  module: { path: toy-filter.mjs }
seeds: { files: [seeds] }
${TOY_TACTICS}repeats: 4
seed: 3
concurrency: 2
examples: 2
# ${store}
`;

  beforeAll(() => {
    dir = tempDir();
    const seeds = join(dir, 'seeds');
    mkdirSync(seeds);
    writeSeeds(seeds, 6);
    writeModuleTarget(dir, 15);
    writeFileSync(join(dir, 'campaign.yaml'), campaign('x'));
  });

  it('runs to completion and measures every tactic with a Wilson interval and costs', async () => {
    const r = await runCli(
      ['campaign', 'run', 'campaign.yaml', '--store', 'ref.duckdb', '--out', 'ref.json', '--calibration', 'cal.json'],
      {
        cwd: dir,
      },
    );
    expect(r.stderr).toMatch(/started run run-/);
    expect(r.code).toBe(0);
    const res = readJson(join(dir, 'ref.json'));
    expect(res.kind).toBe('nograd-campaign-result');
    expect(res.status).toBe('completed');
    expect(res.target.kind).toBe('module');
    expect(res.baseline).toMatchObject({ k: 0, n: 24 });
    const zw = res.chains.find((c: { label: string }) => c.label === 'input.zero-width-characters');
    expect(zw.n).toBe(24);
    expect(zw.evasion.k).toBeGreaterThan(0);
    expect(zw.evasion.ci95.low).toBeLessThanOrEqual(zw.evasion.rate);
    expect(zw.evasion.ci95.high).toBeGreaterThanOrEqual(zw.evasion.rate);
    expect(zw.cost.perSuccess.queries).toBeGreaterThanOrEqual(1);
    expect(zw.cost.attemptsToFirstSuccess).toBeGreaterThanOrEqual(1);
    expect(res.examples.length).toBeGreaterThan(0);
    // The calibration file: one entry per catalog tactic id, with predicted and measured.
    const cal = readJson(join(dir, 'cal.json'));
    expect([cal.kind, cal.version]).toEqual(['nograd-calibration', 1]);
    expect(cal.runId).toBe(res.runId);
    const e = cal.tactics['input.zero-width-characters'];
    expect(e.n).toBe(24);
    expect(e.successRate).toBeCloseTo(zw.evasion.rate, 10);
    expect(e.predicted.baseSuccess).toBeGreaterThan(0);
    expect(Object.keys(e.costPerAttempt).sort()).toEqual(
      ['detectionRisk', 'humanHours', 'implementationHours', 'money', 'queries', 'timeHours'].sort(),
    );
    expect(r.stdout).toMatch(/input\.zero-width-characters/);
    // Fed back into the model: `nograd analyze --calibration` shows predicted against measured.
    const analyzed = await runCli(
      ['analyze', join(ROOT, 'examples/mail-filter/system.yaml'), '--calibration', 'cal.json'],
      { cwd: dir },
    );
    expect(analyzed.code).toBe(0);
    expect(analyzed.stdout).toMatch(/predicted vs measured/i);
    expect(analyzed.stdout).toMatch(/input\.zero-width-characters: predicted [\d.]+ .*measured [\d.]+ .*\(n=24\)/);
  });

  it('resumes a run killed with kill -9: nothing lost, nothing duplicated', async () => {
    const log = join(dir, 'calls.log');
    writeFileSync(log, '');
    const child: ChildProcess = spawn(
      process.execPath,
      [CLI, 'campaign', 'run', 'campaign.yaml', '--store', 'killed.duckdb'],
      {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1' },
        stdio: 'ignore',
      },
    );
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    // Wait until the run is well under way (calls logged by the target), then kill it without warning.
    for (let i = 0; i < 600; i++) {
      if (readFileSync(log, 'utf8').split('\n').length > 50) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    await exited;
    const callsBeforeKill = readFileSync(log, 'utf8').trim().split('\n').length;
    const ref = readJson(join(dir, 'ref.json'));
    expect(callsBeforeKill).toBeLessThan(ref.totals.attempts);

    const list = await runCli(['campaign', 'list', '--store', 'killed.duckdb', '--format', 'json'], { cwd: dir });
    const runs = JSON.parse(list.stdout);
    expect(runs).toHaveLength(1);
    expect(runs[0].status).toBe('running'); // killed: it never got to say otherwise
    const partial = await runCli(['campaign', 'show', runs[0].runId, '--store', 'killed.duckdb', '--format', 'json'], {
      cwd: dir,
    });
    expect(partial.code).toBe(0);
    const stored = JSON.parse(partial.stdout).totals.attempts;
    expect(stored).toBeLessThan(ref.totals.attempts);

    const resumed = await runCli(
      ['campaign', 'run', 'campaign.yaml', '--store', 'killed.duckdb', '--resume', '--out', 'resumed.json'],
      {
        cwd: dir,
      },
    );
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`resuming run ${runs[0].runId}`));
    const res = readJson(join(dir, 'resumed.json'));
    expect(res.runId).toBe(runs[0].runId);
    expect(res.status).toBe('completed');
    // Same plan, same seed: the resumed run measures exactly what the uninterrupted one did.
    expect(res.totals.attempts).toBe(ref.totals.attempts);
    const summary = (x: typeof ref) =>
      x.chains.map((c: { label: string; n: number; evasion: { k: number } }) => [c.label, c.n, c.evasion.k]);
    expect(summary(res)).toEqual(summary(ref));
    expect(res.baseline).toEqual(ref.baseline);
    // The resume sent only what was not stored before the kill (answers still buffered at the kill are re-sent).
    const callsAfter = readFileSync(log, 'utf8').trim().split('\n').length - callsBeforeKill;
    expect(callsAfter).toBeLessThanOrEqual(ref.totals.attempts - stored);
    expect(callsAfter).toBeGreaterThan(0);
    expect(res.totals.cached).toBe(0);
  });

  it('stops cleanly on Ctrl-C (SIGINT): attempts kept, status interrupted, exit 130 and how to resume', async () => {
    const log = join(dir, 'calls.log');
    writeFileSync(log, '');
    const child = spawn(process.execPath, [CLI, 'campaign', 'run', 'campaign.yaml', '--store', 'int.duckdb'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    for (let i = 0; i < 600; i++) {
      if (readFileSync(log, 'utf8').split('\n').length > 30) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/resume with: nograd campaign run campaign\.yaml --resume run-\S+ --store int\.duckdb/);
    const runs = JSON.parse(
      (await runCli(['campaign', 'list', '--store', 'int.duckdb', '--format', 'json'], { cwd: dir })).stdout,
    );
    expect(runs[0]).toMatchObject({ status: 'interrupted', stopReason: 'interrupted' });
    expect(runs[0].attempts).toBeGreaterThan(0);
  });

  it('answers a repeated run from the cache, and --no-cache sends everything again', async () => {
    const cached = await runCli(['campaign', 'run', 'campaign.yaml', '--store', 'ref.duckdb', '--format', 'json'], {
      cwd: dir,
    });
    expect(cached.code).toBe(0);
    const a = JSON.parse(cached.stdout);
    const ref = readJson(join(dir, 'ref.json'));
    expect(a.runId).not.toBe(ref.runId);
    expect(a.totals.cached).toBe(a.totals.attempts - a.totals.notApplicable);
    expect(a.totals.sent).toBe(0);
    expect(a.chains.map((c: { evasion: unknown }) => c.evasion)).toEqual(
      ref.chains.map((c: { evasion: unknown }) => c.evasion),
    );
    const fresh = JSON.parse(
      (
        await runCli(['campaign', 'run', 'campaign.yaml', '--store', 'ref.duckdb', '--format', 'json', '--no-cache'], {
          cwd: dir,
        })
      ).stdout,
    );
    expect(fresh.totals.cached).toBe(0);
    expect(fresh.totals.sent).toBe(ref.totals.sent);

    const list = await runCli(['campaign', 'list', '--store', 'ref.duckdb'], { cwd: dir });
    expect(list.stdout.match(/toy-resume/g)).toHaveLength(3);
    const show = await runCli(['campaign', 'show', 'latest', '--store', 'ref.duckdb'], { cwd: dir });
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/campaign toy-resume · run run-\S+ · completed/);
  });
});

describe('nograd campaign: command target (line protocol, spawned by argv)', () => {
  it('maps labels through the response mapping and measures the tactics', async () => {
    const dir = tempDir();
    const seeds = join(dir, 'seeds');
    mkdirSync(seeds);
    writeSeeds(seeds, 4);
    const script = writeCommandTarget(dir);
    writeFileSync(
      join(dir, 'campaign.yaml'),
      `nograd-campaign: 1
name: toy-command
target:
  command:
    argv: [${JSON.stringify(process.execPath)}, ${JSON.stringify(script)}]
    mode: line-protocol
    response: { label: label, labels: { spam: block, ham: allow }, score: p }
seeds: { files: [seeds] }
${TOY_TACTICS}concurrency: 3
`,
    );
    const r = await runCli(['campaign', 'run', 'campaign.yaml', '--store', 's.duckdb', '--format', 'json'], {
      cwd: dir,
    });
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.target.kind).toBe('command');
    expect(res.target.exposes).toEqual(['decision', 'score']);
    expect(res.baseline).toMatchObject({ k: 0, n: 4 });
    expect(res.chains.some((c: { evasion: { k: number } }) => c.evasion.k > 0)).toBe(true);
    expect(res.totals.errors).toBe(0);
  });
});

describe('nograd campaign: the reference system', () => {
  let server: ChildProcess | undefined;
  let url = '';
  const dir = tempDir();

  beforeAll(async () => {
    const started = await startCli(['reference', 'serve', '--port', '0'], /listening on (http:\/\/127\.0\.0\.1:\d+)/);
    server = started.child;
    url = started.match[1]!;
  });
  afterAll(() => {
    server?.kill('SIGTERM');
  });

  it('runs in-process with a hardening comparison and the benign false-positive rate', async () => {
    writeFileSync(
      join(dir, 'ref.yaml'),
      `nograd-campaign: 1
name: ref-small
target:
  reference: { model: lr }
seeds: { corpus: spam, count: 6 }
benign: { corpus: ham, count: 10 }
tactics:
  - layout.hidden-good-words
  - input.confusable-characters
  - access.account-rotation
hardening: [stripHiddenText]
seed: 7
system: ${JSON.stringify(join(ROOT, 'examples/mail-filter/system.yaml'))}
components: [html-to-text, spam-model]
baselines:
  gradient: { seeds: 3, maxFlips: 60 }
`,
    );
    const r = await runCli(
      ['campaign', 'run', 'ref.yaml', '--store', 's.duckdb', '--out', 'r.json', '--calibration', 'cal.json'],
      {
        cwd: dir,
        timeoutMs: 240_000,
      },
    );
    expect(r.code).toBe(0);
    const res = readJson(join(dir, 'r.json'));
    expect(res.target.kind).toBe('reference');
    expect(res.components).toEqual(['html-to-text', 'spam-model']);
    expect(res.defender.benign.blocked.n).toBe(10);
    expect(res.defender.hardening).toHaveLength(1);
    const h = res.defender.hardening[0];
    expect(h.switch).toBe('stripHiddenText');
    expect(h.benign.blocked.n).toBe(10);
    expect(typeof h.fprDelta).toBe('number');
    expect(res.baselines.gradient.seedsAttacked).toBeGreaterThan(0);
    expect(res.baselines.gradient.realizable.n).toBe(res.baselines.gradient.featureSpaceSuccesses);
    // A stream tactic: the group is sent in order through a fresh system, spreading the seeds over accounts.
    const rotation = res.chains.find((c: { label: string }) => c.label === 'access.account-rotation');
    expect(rotation.n).toBe(6 - res.baseline.k);
    expect(rotation.cost.accounts).toBeGreaterThan(0);
    const cal = readJson(join(dir, 'cal.json'));
    expect(Object.keys(cal.tactics).sort()).toEqual([
      'access.account-rotation',
      'input.confusable-characters',
      'layout.hidden-good-words',
    ]);
    expect(cal.components).toEqual(['html-to-text', 'spam-model']);
    expect(r.stdout).toMatch(/with stripHiddenText on/);
  }, 240_000);

  it('runs against the reference HTTP server on 127.0.0.1 and keeps the configured concurrency busy', async () => {
    writeFileSync(
      join(dir, 'http.yaml'),
      `nograd-campaign: 1
name: ref-http
target:
  http:
    url: ${url}/score
    body: { message: '{{content}}', context: '{{context}}' }
    concurrency: 4
seeds: { corpus: spam, count: 6 }
tactics:
  - layout.hidden-good-words
  - input.zero-width-characters
seed: 7
concurrency: 4
`,
    );
    const r = await runCli(['campaign', 'run', 'http.yaml', '--store', 'h.duckdb', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.target.kind).toBe('http');
    expect(res.totals.errors).toBe(0);
    expect(res.baseline.n).toBe(6);
    expect(res.resilience.base.requests).toBe(res.totals.sent);
    expect(res.resilience.base.maxInFlight).toBe(4);
    // Same seed, same messages, same system: the HTTP target measures what the in-process one does.
    const inProcess = readJson(join(dir, 'r.json'));
    expect(res.baseline).toEqual(inProcess.baseline);
    const hgw = (x: { chains: Array<{ label: string; evasion: unknown }> }) =>
      x.chains.find((c) => c.label === 'layout.hidden-good-words')?.evasion;
    expect(hgw(res)).toEqual(hgw(inProcess));
  });
});
