import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ResilientTarget, TargetDownError } from '../campaign/limits/resilient-target.js';
import { decodeContent } from '../contracts/input-bytes.js';
import type { Target, TargetError } from '../contracts/target.js';
import {
  CommandTargetSchema,
  commandFingerprint,
  createCommandTarget,
  type LineProtocolCommandTarget,
  type PerInputCommandTarget,
} from './command.js';
import { TARGET_KINDS } from './registry.js';
import type { TransportError } from './transport-error.js';

const dir = mkdtempSync(join(tmpdir(), 'nograd-command-'));

/** Real programs, spawned by argv with the running node. */
const PER_INPUT = join(dir, 'per-input.mjs');
writeFileSync(
  PER_INPUT,
  `let s = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => (s += d));
process.stdin.on('end', () => {
  const { id, content, context } = JSON.parse(s);
  if (content.includes('crash')) { process.stderr.write('boom'); process.exit(3); }
  const spam = /viagra|winner/i.test(content);
  process.stdout.write(JSON.stringify({ verdict: { label: spam ? 'spam' : 'ham', p: spam ? 0.9 : 0.1 }, id, acct: context.accountId, argv: process.argv.slice(2) }) + '\\n');
});
`,
);

const LINES = join(dir, 'lines.mjs');
writeFileSync(
  LINES,
  `import { createInterface } from 'node:readline';
const rl = createInterface({ input: process.stdin });
const held = [];
rl.on('line', (line) => {
  const { id, content } = JSON.parse(line);
  if (content === 'die') process.exit(1);
  if (content === 'hang') return;
  const answer = { id, decision: /winner/.test(content) ? 'block' : 'allow', score: content.length / 1000, pid: process.pid };
  // Answer "slow" inputs after the next one: out of order, matched by id.
  if (content.startsWith('slow')) { held.push(answer); return; }
  process.stdout.write(JSON.stringify(answer) + '\\n');
  while (held.length) process.stdout.write(JSON.stringify(held.shift()) + '\\n');
});
`,
);

const NO_IDS = join(dir, 'no-ids.mjs');
writeFileSync(
  NO_IDS,
  `import { createInterface } from 'node:readline';
createInterface({ input: process.stdin }).on('line', (line) => {
  const { content } = JSON.parse(line);
  process.stdout.write(JSON.stringify({ decision: content.includes('winner') ? 'block' : 'allow' }) + '\\n');
});
`,
);

const open: Target[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

function target(raw: Record<string, unknown>): Target {
  const t = createCommandTarget(CommandTargetSchema.parse(raw), dir);
  open.push(t);
  return t;
}

describe('command target, one process per input', () => {
  it('passes the input as JSON on stdin and maps the JSON answer', async () => {
    const t = target({
      argv: [process.execPath, PER_INPUT, '--flag', 'a b; rm -rf /'],
      response: { label: 'verdict.label', labels: { spam: 'block', ham: 'allow' }, score: 'verdict.p' },
    });
    const v = await t.decide({ id: 'm1', content: 'You are a WINNER', context: { accountId: 'acct-1' } });
    expect(v).toMatchObject({ decision: 'block', score: 0.9 });
    expect((await t.decide({ id: 'm2', content: 'lunch?' })).decision).toBe('allow');
    expect(t.info.kind).toBe('command');
  });

  it('hands arguments over verbatim: no shell ever sees them', async () => {
    const t = target({
      argv: [process.execPath, PER_INPUT, '$(echo hacked)', '`id`', '; ls'],
      response: { decision: 'argv.0', labels: { '$(echo hacked)': 'review' } },
    });
    expect((await t.decide({ id: 'm', content: 'x' })).decision).toBe('review');
  });

  it('reports a crash with its exit code and stderr, not retried once the program has answered', async () => {
    const t = target({
      argv: [process.execPath, PER_INPUT],
      response: { decision: 'verdict.label', labels: { ham: 'allow' } },
    });
    const first = (await t.decide({ id: 'c', content: 'crash first' }).catch((x) => x)) as TargetError;
    expect(first.retryable).toBe(true); // before any answer: maybe a start-up problem, retried with back-off
    expect((await t.decide({ id: 'ok', content: 'hi' })).decision).toBe('allow');
    const e = (await t.decide({ id: 'm', content: 'crash please' }).catch((x) => x)) as TargetError;
    expect(e.retryable).toBe(false);
    expect(e.message).toMatch(/exited with 3; its stderr ends with:\s+boom/);
  });

  it('reports a program that does not exist', async () => {
    const t = target({ argv: [join(dir, 'no-such-program')] });
    const e = (await t.decide({ id: 'm', content: 'x' }).catch((x) => x)) as TargetError;
    expect(e.message).toMatch(/cannot start .*no-such-program: no such program/);
    expect((e as TransportError).reason).toBe('broken');
  });
});

describe('command target, line protocol', () => {
  it('keeps one process, matches answers by id even out of order', async () => {
    const t = target({ argv: [process.execPath, LINES], mode: 'line-protocol' });
    const [slow, fast] = await Promise.all([
      t.decide({ id: 'a', content: 'slow winner' }),
      t.decide({ id: 'b', content: 'fast' }),
    ]);
    expect(slow.decision).toBe('block');
    expect(fast.decision).toBe('allow');
    expect(slow.score).toBeCloseTo(0.011);
    expect((t as LineProtocolCommandTarget).starts).toBe(1);
  });

  it('matches answers without ids first-in, first-out', async () => {
    const t = target({ argv: [process.execPath, NO_IDS], mode: 'line-protocol' });
    const vs = await Promise.all(['a', 'winner', 'b', 'winner!'].map((c, i) => t.decide({ id: `${i}`, content: c })));
    expect(vs.map((v) => v.decision)).toEqual(['allow', 'block', 'allow', 'block']);
  });

  it('restarts a crashed process and a hung one; the failed inputs are retryable', async () => {
    const t = target({ argv: [process.execPath, LINES], mode: 'line-protocol' }) as LineProtocolCommandTarget;
    const died = (await t.decide({ id: 'd', content: 'die' }).catch((x) => x)) as TargetError;
    expect(died.retryable).toBe(true);
    expect(died.message).toMatch(/exited \(exit code 1\)/);
    expect((await t.decide({ id: 'ok', content: 'fine' })).decision).toBe('allow');
    const r = new ResilientTarget(t, { concurrency: 1, retries: 0, timeoutMs: 300 });
    const hung = (await r.decide({ id: 'h', content: 'hang' }).catch((x) => x)) as TargetError;
    expect(hung.retryable).toBe(true);
    expect(hung.message).toMatch(/timed out/);
    expect((await t.decide({ id: 'ok2', content: 'winner' })).decision).toBe('block');
    expect(t.starts).toBe(3);
  });
});

/** Reports what it received: stdin or the file named in argv, as a hash and hex, with the file's mode. */
const ECHO_BYTES = join(dir, 'echo-bytes.mjs');
writeFileSync(
  ECHO_BYTES,
  `import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
const file = process.argv[2];
const bytes = file ? readFileSync(file) : readFileSync(0);
const mode = file ? (statSync(file).mode & 0o777).toString(8) : null;
const out = { decision: bytes.includes('winner') ? 'block' : 'allow', sha: createHash('sha256').update(bytes).digest('hex'), hex: bytes.toString('hex'), file, mode };
process.stdout.write(JSON.stringify(out));
`,
);

/** A filter in the style of a mail filter's command line: exit code and a status line. */
const STATUS = join(dir, 'status.mjs');
writeFileSync(
  STATUS,
  `import { readFileSync } from 'node:fs';
const text = readFileSync(0, 'latin1');
const code = Number((/exit=(\\d+)/.exec(text) ?? [])[1] ?? (text.includes('winner') ? 1 : 0));
process.stdout.write('X-Spam-Status: ' + (code === 1 ? 'Yes' : 'No') + ', score=' + (code === 1 ? '0.92' : '0.08') + ' tests=none\\n');
process.exit(code);
`,
);

/** Dies at start every time, with a reason on stderr. */
const DIES = join(dir, 'dies.mjs');
writeFileSync(DIES, `process.stderr.write('cannot load model.bin: no such file\\n'); process.exit(4);\n`);

const LATIN1 = Buffer.from('Subject: caf\xe9 \xa3100\r\n\r\nWinner \xff\x80 bytes\r\n', 'latin1');

describe('command target, input modes', () => {
  it('raw: the exact bytes of a binary input on stdin, nothing else', async () => {
    const input = decodeContent(LATIN1);
    expect(input.encoding).toBe('binary');
    const t = target({
      argv: [process.execPath, ECHO_BYTES],
      input: 'raw',
      response: { decision: 'decision', decidedBy: 'hex' },
    });
    const v = await t.decide({ id: 'b', ...input });
    expect(v.decidedBy).toBe(LATIN1.toString('hex'));
    const u = await t.decide({ id: 'u', content: 'héllo winner' });
    expect(u).toMatchObject({ decision: 'block', decidedBy: Buffer.from('héllo winner', 'utf8').toString('hex') });
  });

  it('file: the bytes in a private 0600 file whose path replaces {file}, deleted afterwards', async () => {
    const t = target({
      argv: [process.execPath, ECHO_BYTES, '{file}'],
      input: 'file',
      fileSuffix: '.eml',
      response: { decision: 'decision', decidedBy: 'hex' },
    });
    const seen: string[] = [];
    const v = await t.decide({ id: 'b', ...decodeContent(LATIN1) });
    expect(v.decidedBy).toBe(LATIN1.toString('hex'));
    // The raw answer (unmapped fields are not kept), read through a regex on the JSON text instead.
    const r = target({
      argv: [process.execPath, ECHO_BYTES, '{file}'],
      input: 'file',
      fileSuffix: '.eml',
      response: { regex: '"file":"(?<decidedBy>[^"]+)","mode":"(?<decision>\\d+)"', labels: { '600': 'allow' } },
    });
    const w = await r.decide({ id: 'x', content: 'hello' });
    seen.push(w.decidedBy!);
    expect(w.decision).toBe('allow'); // mode 600
    expect(seen[0]).toMatch(/nograd-input-.*\/input-\d+\.eml$/);
    expect(existsSync(seen[0]!)).toBe(false);
  });

  it('json: a binary input also carries its exact bytes as contentBase64 (per input and line protocol)', async () => {
    const input = decodeContent(LATIN1);
    const echo = join(dir, 'echo-json.mjs');
    writeFileSync(
      echo,
      `import { createInterface } from 'node:readline';
createInterface({ input: process.stdin }).on('line', (l) => {
  const r = JSON.parse(l);
  process.stdout.write(JSON.stringify({ id: r.id, decision: 'allow', decidedBy: r.contentBase64 ?? 'none' }) + '\\n');
});
`,
    );
    for (const mode of ['per-input', 'line-protocol']) {
      const t = target({ argv: [process.execPath, echo], mode });
      expect((await t.decide({ id: 'b', ...input })).decidedBy).toBe(LATIN1.toString('base64'));
      expect((await t.decide({ id: 'u', content: 'plain' })).decidedBy).toBe('none');
    }
  });

  it('refuses impossible combinations at parse time, naming the key', () => {
    const issue = (raw: Record<string, unknown>) => {
      const r = CommandTargetSchema.safeParse(raw);
      expect(r.success).toBe(false);
      return r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    };
    expect(issue({ argv: ['f'], input: 'file' })).toMatch(/argv: input: file needs \{file\}/);
    expect(issue({ argv: ['f', '{file}'] })).toMatch(/input: argv has \{file\}/);
    expect(issue({ argv: ['f'], mode: 'line-protocol', input: 'raw' })).toMatch(/input: line-protocol speaks JSON/);
    expect(issue({ argv: ['f'], mode: 'line-protocol', exitCodes: { 0: 'allow' } })).toMatch(/exitCodes: /);
    expect(issue({ argv: ['f'], exitCodes: { x: 'allow' } })).toMatch(/exitCodes.x: 'x' is not an exit code/);
    expect(issue({ argv: ['f'], response: { regex: 'score=(?<score>[' } })).toMatch(
      /response.regex: regex: not a valid regular expression/,
    );
    expect(issue({ argv: ['f'], response: { regex: 'spam' } })).toMatch(/response.regex: regex: name a group/);
    expect(issue({ argv: ['f'], response: { regex: '(?<decision>\\w+)', score: 'p' } })).toMatch(/drop the JSON path/);
    expect(issue({ argv: ['f'], version: '1', versionCommand: ['v'] })).toMatch(/versionCommand: give version/);
  });
});

describe('command target, answers from exit codes and regexes', () => {
  it('maps exit codes to decisions; an unknown code is a clear error, not retried', async () => {
    const t = target({ argv: [process.execPath, STATUS], input: 'raw', exitCodes: { 0: 'allow', 1: 'block' } });
    expect(t.info.exposes).toEqual(['decision']);
    expect(await t.decide({ id: 'a', content: 'lunch?' })).toEqual({ decision: 'allow' });
    expect(await t.decide({ id: 'b', content: 'you are a winner' })).toEqual({ decision: 'block' });
    const e = (await t.decide({ id: 'c', content: 'exit=7' }).catch((x) => x)) as TransportError;
    expect(e.retryable).toBe(false);
    expect(e.message).toMatch(/exited with 7, which exitCodes does not map \(it maps 0, 1\)/);
  });

  it('reads decision and score from stdout through a regex, with the exit code as the decision', async () => {
    const regex = 'X-Spam-Status: (?<decision>Yes|No), score=(?<score>[-\\d.]+)';
    const t = target({
      argv: [process.execPath, STATUS],
      input: 'raw',
      exitCodes: { 0: 'allow', 1: 'allow' },
      response: { regex, labels: { Yes: 'block', No: 'allow' } },
    });
    // The exit code decides; the regex adds the score.
    expect(await t.decide({ id: 'b', content: 'winner' })).toEqual({ decision: 'allow', score: 0.92 });
    const r = target({ argv: [process.execPath, STATUS], input: 'raw', exitCodes: { 0: 'allow', 1: 'allow' } });
    expect(await r.decide({ id: 'b', content: 'winner' })).toEqual({ decision: 'allow' });
    const s = target({
      argv: [process.execPath, ECHO_BYTES],
      input: 'raw',
      response: { regex: '"decision":"(?<decision>\\w+)"' },
    });
    expect((await s.decide({ id: 'x', content: 'a winner' })).decision).toBe('block');
    const bad = target({
      argv: [process.execPath, ECHO_BYTES],
      response: { regex: 'nomatch=(?<score>\\d)', blockAtScore: 0.5 },
    });
    const e = (await bad.decide({ id: 'x', content: 'a' }).catch((x) => x)) as TransportError;
    expect(e.message).toMatch(/does not match the regex/);
  });
});

describe('command target, crash loops and pools', () => {
  for (const mode of ['per-input', 'line-protocol'] as const) {
    it(`${mode}: a program that dies at start every time backs off, then fails every call with one clear error`, async () => {
      const t = target({ argv: [process.execPath, DIES], mode, maxFailedStarts: 3, retries: 5 });
      const r = new ResilientTarget(t, { concurrency: 1, retries: 5, baseDelayMs: 1 });
      const e = (await r.decide({ id: 'a', content: 'x' }).catch((x) => x)) as Error;
      expect(e).toBeInstanceOf(TargetDownError);
      expect(e.message).toMatch(/dies\.mjs|node/);
      expect(e.message).toMatch(/keeps dying before it answers \(3 starts in a row, last: exit code 4\)/);
      expect(e.message).toMatch(/cannot load model\.bin: no such file/);
      const starts = (t as LineProtocolCommandTarget | PerInputCommandTarget).starts;
      expect(starts).toBe(3);
      // Later calls fail at once, without starting anything.
      const again = (await t.decide({ id: 'b', content: 'y' }).catch((x) => x)) as TransportError;
      expect(again.reason).toBe('broken');
      expect((t as LineProtocolCommandTarget | PerInputCommandTarget).starts).toBe(starts);
    });
  }

  it("a failure after the program has answered is the input's, not a broken target", async () => {
    const t = target({
      argv: [process.execPath, PER_INPUT],
      maxFailedStarts: 1,
      response: { label: 'verdict.label', labels: { spam: 'block', ham: 'allow' } },
    });
    expect((await t.decide({ id: 'a', content: 'hi' })).decision).toBe('allow');
    for (let i = 0; i < 3; i++) {
      const e = (await t.decide({ id: 'c', content: 'crash' }).catch((x) => x)) as TransportError;
      expect(e.reason).toBe('crashed');
    }
  });

  it('line protocol with concurrency N runs N processes; a crash fails only the inputs that process held', async () => {
    const t = target({
      argv: [process.execPath, LINES],
      mode: 'line-protocol',
      concurrency: 3,
    }) as LineProtocolCommandTarget;
    const vs = await Promise.all(Array.from({ length: 9 }, (_, i) => t.decide({ id: `${i}`, content: `m${i}` })));
    const pids = new Set(vs.map((v) => (v as { pid?: number }).pid ?? v.decidedBy));
    expect(t.starts).toBe(3);
    expect(vs.every((v) => v.decision === 'allow')).toBe(true);
    expect(pids.size).toBeGreaterThan(0);
    const results = await Promise.allSettled([
      t.decide({ id: 'd', content: 'die' }),
      t.decide({ id: 'x', content: 'fine' }),
      t.decide({ id: 'y', content: 'fine too' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect((await t.decide({ id: 'z', content: 'after' })).decision).toBe('allow');
    expect(t.starts).toBe(4);
  });
});

describe('command target, version in the fingerprint', () => {
  it('version and versionCommand change the fingerprint; none keeps the old one', async () => {
    const base = CommandTargetSchema.parse({ argv: ['/bin/f'] });
    const plain = createCommandTarget(base, dir).info.fingerprint;
    expect(plain).toBe(commandFingerprint(base));
    expect(plain).toMatch(/^command:\/bin\/f#[0-9a-f]{12}$/);
    const v1 = createCommandTarget(base, dir, { version: 'model-2024-06' }).info.fingerprint;
    expect(v1).toBe(`${plain}@model-2024-06`);
    const verFile = join(dir, 'version.txt');
    writeFileSync(verFile, 'trained 2024-06-01 on 10k messages\n');
    const spec = {
      argv: [process.execPath, PER_INPUT],
      versionCommand: [
        process.execPath,
        '-e',
        `process.stdout.write(require('fs').readFileSync(${JSON.stringify(verFile)}))`,
      ],
    };
    const a = await TARGET_KINDS.command.open(CommandTargetSchema.parse(spec), { baseDir: dir });
    writeFileSync(verFile, 'trained 2024-07-01 on 12k messages\n');
    const b = await TARGET_KINDS.command.open(CommandTargetSchema.parse(spec), { baseDir: dir });
    open.push(a.target, b.target);
    expect(a.target.info.fingerprint).toMatch(/@sha256:[0-9a-f]{12}$/);
    expect(a.target.info.fingerprint).not.toBe(b.target.info.fingerprint);
    const failing = CommandTargetSchema.parse({
      argv: [process.execPath, PER_INPUT],
      versionCommand: [process.execPath, '-e', 'process.exit(3)'],
    });
    await expect(TARGET_KINDS.command.open(failing, { baseDir: dir })).rejects.toThrow(
      /versionCommand .* exited with 3/,
    );
    await expect(
      TARGET_KINDS.command.open(CommandTargetSchema.parse({ argv: ['no-such-filter-xyz'] }), { baseDir: dir }),
    ).rejects.toThrow(/'no-such-filter-xyz' is not on PATH/);
  });
});

describe('command target, in-flight limits', () => {
  it('line protocol writes ahead: inputs in flight = processes × pipeline; per input: one per process', async () => {
    const lines = await TARGET_KINDS.command.open(
      CommandTargetSchema.parse({ argv: [process.execPath, LINES], mode: 'line-protocol', concurrency: 3 }),
      { baseDir: dir },
    );
    const per = await TARGET_KINDS.command.open(
      CommandTargetSchema.parse({ argv: [process.execPath, PER_INPUT], concurrency: 3 }),
      { baseDir: dir },
    );
    open.push(lines.target, per.target);
    expect(lines.limits.concurrency).toBe(12);
    expect((lines.target as LineProtocolCommandTarget).size).toBe(3);
    expect(per.limits.concurrency).toBe(3);
  });
});
