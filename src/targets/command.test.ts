import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ResilientTarget } from '../campaign/limits/resilient-target.js';
import type { Target, TargetError } from '../contracts/target.js';
import { CommandTargetSchema, createCommandTarget, type LineProtocolCommandTarget } from './command.js';

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

  it('reports a crash with its exit code and stderr, not retried', async () => {
    const t = target({ argv: [process.execPath, PER_INPUT] });
    const e = (await t.decide({ id: 'm', content: 'crash please' }).catch((x) => x)) as TargetError;
    expect(e.retryable).toBe(false);
    expect(e.message).toMatch(/exited with 3: boom/);
  });

  it('reports a program that does not exist', async () => {
    const t = target({ argv: [join(dir, 'no-such-program')] });
    const e = (await t.decide({ id: 'm', content: 'x' }).catch((x) => x)) as TargetError;
    expect(e.message).toMatch(/cannot start .*ENOENT/);
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
    expect(died.message).toMatch(/exited with 1/);
    expect((await t.decide({ id: 'ok', content: 'fine' })).decision).toBe('allow');
    const r = new ResilientTarget(t, { concurrency: 1, retries: 0, timeoutMs: 300 });
    const hung = (await r.decide({ id: 'h', content: 'hang' }).catch((x) => x)) as TargetError;
    expect(hung.retryable).toBe(true);
    expect(hung.message).toMatch(/timed out/);
    expect((await t.decide({ id: 'ok2', content: 'winner' })).decision).toBe('block');
    expect(t.starts).toBe(3);
  });
});
