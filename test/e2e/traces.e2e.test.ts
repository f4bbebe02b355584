/** End-to-end: `nograd traces ingest` and `nograd traces mine` through the built CLI, on reference traffic logs. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli, tempDir } from '../helpers/cli.js';

let dir = '';

beforeAll(async () => {
  dir = tempDir('nograd-traces-e2e-');
  const r = await runCli(
    ['reference', 'traffic', '--out', join(dir, 'logs'), '--days', '4', '--per-day', '150', '--inject', 'all'],
    {
      timeoutMs: 180_000,
    },
  );
  expect(r.code, r.stderr).toBe(0);
}, 200_000);

describe('nograd traces ingest', () => {
  it('reads reference traffic logs (JSONL and Parquet) and summarises them', async () => {
    const r = await runCli([
      'traces',
      'ingest',
      join(dir, 'logs/decisions.jsonl'),
      join(dir, 'logs/decisions.parquet'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^decision log: 1,200 rows in 2 files · 1,200 good · 0 bad/);
    expect(r.stdout).toMatch(/time range {2}2025-01-06T\d\d:\d\d:\d\d\.\d{3}Z → 2025-01-09T/);
    const json = JSON.parse(
      (await runCli(['traces', 'ingest', join(dir, 'logs/decisions.parquet'), '--format', 'json'])).stdout,
    );
    expect(json).toMatchObject({ rows: 600, validRows: 600, badRows: 0 });
    expect(json.decisions.allow + json.decisions.block + (json.decisions.review ?? 0)).toBe(600);
  });

  it('reports every bad row with file and line, and fails with --strict', async () => {
    const good = readFileSync(join(dir, 'logs/decisions.jsonl'), 'utf8').split('\n').slice(0, 3);
    const file = join(dir, 'broken.jsonl');
    writeFileSync(
      file,
      [good[0], '{"id": "x", oops', good[1], good[2]?.replace('"decision":"', '"decision":"maybe-'), ''].join('\n'),
    );
    const r = await runCli(['traces', 'ingest', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/4 rows in 1 file · 2 good · 2 bad/);
    expect(r.stdout).toMatch(/broken\.jsonl:2: not valid JSON: '\{"id": "x", oops'/);
    expect(r.stdout).toMatch(/broken\.jsonl:4: decision 'maybe-\w+' is not one of allow, review, block/);
    const strict = await runCli(['traces', 'ingest', file, '--strict']);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/2 bad rows in 4 \(--strict\)/);
    expect(strict.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('maps other log shapes through a mapping file, and points at mistakes in it', async () => {
    const csv = join(dir, 'prod.csv');
    writeFileSync(csv, 'trace_id,event_time,verdict,p\na1,1736150400,spam,0.93\na2,1736150460,ham,0.12\n');
    const mapping = join(dir, 'mapping.yaml');
    writeFileSync(
      mapping,
      'nograd-mapping: 1\nfields:\n  id: trace_id\n  ts: { field: event_time, format: epoch-s }\n  decision: { field: verdict, values: { spam: block, ham: allow } }\n  score: p\n  threshold: { value: 0.5 }\n',
    );
    const r = await runCli(['traces', 'ingest', csv, '--mapping', mapping]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2 rows in 1 file · 2 good · 0 bad/);
    expect(r.stdout).toMatch(/decisions {3}allow 1 · block 1/);
    writeFileSync(mapping, 'nograd-mapping: 1\nfields:\n  id: trace_id\n  decison: verdict\n');
    const bad = await runCli(['traces', 'ingest', csv, '--mapping', mapping]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/mapping\.yaml:4:3.*unknown field 'decison'.*\n?.*did you mean 'decision'/);
  });

  it('explains itself in --help, with exit codes', async () => {
    const r = await runCli(['traces', 'mine', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--campaign-results <file>/);
    expect(r.stdout).toMatch(/Exit codes: 0 suite written · 2 invalid input/);
  });
});

describe('nograd traces mine', () => {
  it('mines near misses from reference traffic into a redacted suite with provenance', async () => {
    const out = join(dir, 'suite.yaml');
    const r = await runCli([
      'traces',
      'mine',
      join(dir, 'logs/decisions.parquet'),
      '-o',
      out,
      '--name',
      'reference near misses',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/uncertain +\d+ rows matched → \d+ kept/);
    expect(r.stdout).toMatch(/overturned +\d+ rows matched → \d+ kept/);
    expect(r.stdout).toMatch(/campaign-evasion +skipped: no campaign results given/);
    expect(r.stdout).toMatch(/suite: \d+ cases \(\d+ known failures\)/);
    const suite = parse(readFileSync(out, 'utf8'));
    expect([suite.kind, suite.version]).toEqual(['nograd-suite', 1]);
    expect(suite.name).toBe('reference near misses');
    expect(suite.cases.length).toBeGreaterThan(10);
    const miners = new Set(suite.cases.map((c: { provenance: { miner: string } }) => c.provenance.miner));
    expect([...miners]).toEqual(expect.arrayContaining(['uncertain', 'overturned', 'new-template']));
    for (const c of suite.cases) {
      expect(c.provenance.traceIds.length).toBeGreaterThan(0);
      expect(c.provenance.times[0]).toMatch(/^2025-01-0\dT/);
      // Redaction: no local part of a real address survives (redacted-N keeps the domain).
      for (const m of (c.input as string).matchAll(/([\w.+-]+)@[\w-]+\.[\w.-]+/g))
        expect(m[1]).toMatch(/^redacted-\d+$/);
    }
    const check = await runCli(['regress', 'check', out]);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/valid suite 'reference near misses' with \d+ cases/);
  });

  it('writes YAML to stdout (report on stderr), JSONL on request, honours --miners and custom redaction', async () => {
    const r = await runCli([
      'traces',
      'mine',
      join(dir, 'logs/decisions.jsonl'),
      '--miners',
      'uncertain',
      '--redact-pattern',
      'user-(\\d+)',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/uncertain +\d+ rows matched/);
    expect(r.stderr).not.toMatch(/overturned/);
    const suite = parse(r.stdout);
    expect(suite.cases.every((c: { provenance: { miner: string } }) => c.provenance.miner === 'uncertain')).toBe(true);
    expect(r.stdout).not.toMatch(/user-\d+/);
    const jsonl = join(dir, 'suite.jsonl');
    expect((await runCli(['traces', 'mine', join(dir, 'logs/decisions.jsonl'), '-o', jsonl])).code).toBe(0);
    const lines = readFileSync(jsonl, 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0] as string)).toMatchObject({ kind: 'nograd-suite', version: 1 });
    expect(JSON.parse(lines[1] as string).expect).toBeDefined();
  });

  it('mines campaign evasions from campaign results', async () => {
    const attempts = join(dir, 'attempts.jsonl');
    writeFileSync(
      attempts,
      `${JSON.stringify({ id: 'att-1', input: 'Subject: W1N a pr1ze\n\nclick', evaded: true, tactic: 'leetspeak', decision: 'allow', score: 0.12 })}\n` +
        `${JSON.stringify({ id: 'att-2', input: 'Subject: WIN a prize', evaded: false, tactic: 'none', decision: 'block', score: 0.98 })}\n`,
    );
    const out = join(dir, 'evasions.yaml');
    const r = await runCli([
      'traces',
      'mine',
      join(dir, 'logs/decisions.jsonl'),
      '--campaign-results',
      attempts,
      '--miners',
      'campaign-evasion',
      '-o',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/campaign-evasion +1 rows matched → 1 kept/);
    const suite = parse(readFileSync(out, 'utf8'));
    expect(suite.cases).toHaveLength(1);
    expect(suite.cases[0]).toMatchObject({
      expect: { decision: 'notAllow' },
      provenance: { miner: 'campaign-evasion', traceIds: ['att-1'], label: 'attack' },
    });
  });

  it('refuses bad options and missing inputs with exit 2 and no stack', async () => {
    const cases = [
      ['traces', 'mine', join(dir, 'nope.jsonl')],
      ['traces', 'mine', join(dir, 'logs/decisions.jsonl'), '--miners', 'uncertian'],
      ['traces', 'mine', join(dir, 'logs/decisions.jsonl'), '--band', '2'],
      ['traces', 'mine', join(dir, 'logs/decisions.jsonl'), '--miners', 'campaign-evasion'],
      ['traces', 'mine', join(dir, 'logs/decisions.jsonl'), '--redact-pattern', '(oops'],
    ];
    for (const args of cases) {
      const r = await runCli(args);
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/error: /);
      expect(r.stderr).not.toMatch(/internal error/);
    }
    expect(existsSync(join(dir, 'nope.jsonl'))).toBe(false);
  });
});
