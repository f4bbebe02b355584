/**
 * End-to-end: campaigns through the built CLI against command targets that are real child processes (small node
 * scripts written here): raw bytes on stdin with an exit-code answer, a file argument with a regex answer, a pool of
 * long-lived line-protocol processes, a command that dies at start every time, and a version change that keeps the
 * answer cache from answering for a retrained filter.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const SPAM_WORDS = String.raw`/\b(free|money|click|cash|prize|winner|loan|offer)\b/i`;

/** Spam-like seeds; one carries non-ASCII UTF-8 (its bytes must reach the filter unchanged too). */
function writeSeeds(dir: string, n: number): string[] {
  const lines = [
    'Get FREE money now, click the link below to claim your cash prize.',
    'You are a winner! Verify your account to receive the prize money — café offer.',
    'Lowest loan rates guaranteed. Click here to refinance today.',
    'Special promotion: free credit report, click now.',
  ];
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < n; i++) {
    const file = join(dir, `seed-${i}.eml`);
    writeFileSync(
      file,
      `From: promo${i}@mailer.example.com\r\nTo: user@example.org\r\nSubject: Offer ${i}\r\nMIME-Version: 1.0\r\n` +
        `Content-Type: text/plain; charset=utf-8\r\n\r\n${lines[i % lines.length]}\r\n\r\nhttp://offers${i}.example.com/claim\r\n`,
    );
    files.push(file);
  }
  return files;
}

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** A mail-filter-like command: the raw message on stdin (or in the file named by argv[2]), exit 1 = spam. */
function writeExitCodeFilter(dir: string): string {
  const file = join(dir, 'exit-filter.mjs');
  writeFileSync(
    file,
    `import { appendFileSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
const bytes = process.argv[2] ? readFileSync(process.argv[2]) : readFileSync(0);
appendFileSync(${JSON.stringify(join(dir, 'received.log'))}, createHash('sha256').update(bytes).digest('hex') + ' ' + (process.argv[2] ?? 'stdin') + '\\n');
const spam = ${SPAM_WORDS}.test(bytes.toString('utf8'));
process.stdout.write('X-Spam-Status: ' + (spam ? 'Yes, score=9.1' : 'No, score=0.4') + '\\n');
process.exit(spam ? 1 : 0);
`,
  );
  return file;
}

function campaign(dir: string, target: string, concurrency = 2): void {
  writeFileSync(
    join(dir, 'campaign.yaml'),
    `nograd-campaign: 1
name: command-e2e
target:
${target}
seeds: { files: [seeds] }
tactics: [input.zero-width-characters, input.confusable-characters]
search: { single: true }
concurrency: ${concurrency}
`,
  );
}

async function run(dir: string, ...more: string[]) {
  const r = await runCli(['campaign', 'run', 'campaign.yaml', '--store', 's.duckdb', '--no-progress', ...more], {
    cwd: dir,
    timeoutMs: 90_000,
  });
  return r;
}

describe('nograd campaign: command targets that fit real tools', () => {
  it('raw bytes on stdin, the exit code as the decision: the filter reads exactly the seed files', async () => {
    const dir = tempDir();
    const seeds = writeSeeds(join(dir, 'seeds'), 4);
    const filter = writeExitCodeFilter(dir);
    campaign(
      dir,
      `  command:
    argv: [${JSON.stringify(process.execPath)}, ${JSON.stringify(filter)}]
    input: raw
    exitCodes: { 0: allow, 1: block }`,
    );
    const r = await run(dir, '--format', 'json');
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.target.exposes).toEqual(['decision']);
    expect(res.baseline).toMatchObject({ k: 0, n: 4 });
    expect(res.totals.errors).toBe(0);
    expect(res.chains.some((c: { evasion: { k: number } }) => c.evasion.k > 0)).toBe(true);
    const received = readFileSync(join(dir, 'received.log'), 'utf8').trim().split('\n');
    expect(received.every((l) => l.endsWith(' stdin'))).toBe(true);
    const hashes = new Set(received.map((l) => l.split(' ')[0]));
    // The untouched seeds arrived byte for byte (CRLF and the UTF-8 'é' included): not JSON, not re-encoded.
    for (const f of seeds) expect(hashes.has(sha(readFileSync(f)))).toBe(true);
  });

  it('a temporary file per input (path in argv), the score read from stdout by a regex', async () => {
    const dir = tempDir();
    writeSeeds(join(dir, 'seeds'), 3);
    const filter = writeExitCodeFilter(dir);
    campaign(
      dir,
      `  command:
    argv: [${JSON.stringify(process.execPath)}, ${JSON.stringify(filter)}, '{file}']
    input: file
    fileSuffix: .eml
    exitCodes: { 0: allow, 1: block }
    response: { regex: 'X-Spam-Status: (?<decision>Yes|No), score=(?<score>[0-9.]+)', labels: { 'Yes': block, 'No': allow } }`,
    );
    const r = await run(dir, '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.target.exposes).toEqual(['decision', 'score']);
    expect(res.baseline).toMatchObject({ k: 0, n: 3 });
    const received = readFileSync(join(dir, 'received.log'), 'utf8').trim().split('\n');
    const paths = received.map((l) => l.split(' ')[1]!);
    expect(paths.every((p) => /nograd-input-[^/]+\/input-\d+\.eml$/.test(p))).toBe(true);
    // Deleted afterwards: the private directory is gone with the run.
    const dirs = new Set(paths.map((p) => p.replace(/\/input-\d+\.eml$/, '')));
    for (const d of dirs) expect(() => readdirSync(d)).toThrow(/ENOENT/);
  });

  it('a regex that is not one is refused at parse time with the file position and the key', async () => {
    const dir = tempDir();
    writeSeeds(join(dir, 'seeds'), 1);
    campaign(
      dir,
      `  command:
    argv: [${JSON.stringify(process.execPath)}, x.mjs]
    response: { regex: 'score=(?<score>[0-9' }`,
    );
    const r = await run(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/campaign\.yaml:\d+:\d+: .*regex: not a valid regular expression/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('persistent mode with concurrency 3: three long-lived processes answer the whole run', async () => {
    const dir = tempDir();
    writeSeeds(join(dir, 'seeds'), 6);
    const file = join(dir, 'lines.mjs');
    writeFileSync(
      file,
      `import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
createInterface({ input: process.stdin }).on('line', (line) => {
  const { id, content } = JSON.parse(line);
  appendFileSync(${JSON.stringify(join(dir, 'pids.log'))}, process.pid + '\\n');
  const spam = ${SPAM_WORDS}.test(content);
  process.stdout.write(JSON.stringify({ id, label: spam ? 'spam' : 'ham', p: spam ? 0.9 : 0.1 }) + '\\n');
});
`,
    );
    campaign(
      dir,
      `  command:
    argv: [${JSON.stringify(process.execPath)}, ${JSON.stringify(file)}]
    mode: line-protocol
    concurrency: 3
    response: { label: label, labels: { spam: block, ham: allow }, score: p }`,
      6,
    );
    const r = await run(dir, '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.totals.errors).toBe(0);
    expect(res.baseline).toMatchObject({ k: 0, n: 6 });
    const pids = readFileSync(join(dir, 'pids.log'), 'utf8').trim().split('\n');
    expect(pids.length).toBe(res.totals.sent);
    expect(new Set(pids).size).toBe(3);
  });

  for (const mode of ['per-input', 'line-protocol']) {
    it(`a command that dies at start every time (${mode}): the run stops with one clear message, exit 2, no hang`, async () => {
      const dir = tempDir();
      writeSeeds(join(dir, 'seeds'), 4);
      const file = join(dir, 'dies.mjs');
      writeFileSync(file, `process.stderr.write('fatal: cannot open model file spam.model\\n'); process.exit(3);\n`);
      campaign(
        dir,
        `  command:
    argv: [${JSON.stringify(process.execPath)}, ${JSON.stringify(file)}]
    mode: ${mode}
    maxFailedStarts: 4`,
      );
      const r = await run(dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/interrupted: .*keeps dying before it answers \(4 starts in a row, last: exit code 3\)/);
      expect(r.stderr).toMatch(/fatal: cannot open model file spam\.model/);
      expect(r.stderr).toMatch(/resume with: nograd campaign run/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr.match(/keeps dying/g)?.length).toBeLessThanOrEqual(2);
    });
  }

  it('a program that is not there is a user error before anything runs', async () => {
    const dir = tempDir();
    writeSeeds(join(dir, 'seeds'), 1);
    campaign(dir, '  command: { argv: [no-such-mail-filter-xyz, --score] }');
    const r = await run(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/'no-such-mail-filter-xyz' is not on PATH/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a new target version is not answered from the old version cache', async () => {
    const dir = tempDir();
    writeSeeds(join(dir, 'seeds'), 3);
    const filter = writeExitCodeFilter(dir);
    const withVersion = (v: string) =>
      campaign(
        dir,
        `  command:
    argv: [${JSON.stringify(process.execPath)}, ${JSON.stringify(filter)}]
    input: raw
    exitCodes: { 0: allow, 1: block }
    version: ${v}`,
      );
    withVersion('model-1');
    const first = await run(dir);
    expect(first.code).toBe(0);
    expect(first.stdout).not.toMatch(/answered from cache/);
    const again = await run(dir);
    expect(again.code).toBe(0);
    const hit = /answered from cache: (\d+) of (\d+) attempts \(earlier answers of target command:.*@model-1;/.exec(
      again.stdout,
    );
    expect(hit).not.toBeNull();
    expect(Number(hit![1])).toBeGreaterThan(0);
    withVersion('model-2');
    const retrained = await run(dir, '--format', 'json');
    expect(retrained.code).toBe(0);
    const res = JSON.parse(retrained.stdout);
    expect(res.target.fingerprint).toMatch(/@model-2$/);
    expect(res.totals.cached).toBe(0);
    expect(res.totals.sent).toBeGreaterThan(0);
  });
});
