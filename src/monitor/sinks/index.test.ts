import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/cli.js';
import { emptyState } from '../state.js';
import { sampleAlert } from '../testing/alerts.js';
import { createSink, dispatch, parseSinkSpec } from './index.js';
import type { Sink } from './types.js';

describe('sink specs', () => {
  it('parses the --sink forms and named sinks', () => {
    expect(parseSinkSpec('terminal')).toEqual({ type: 'terminal' });
    expect(parseSinkSpec('jsonl:out/alerts.jsonl')).toEqual({ type: 'jsonl', path: 'out/alerts.jsonl' });
    expect(parseSinkSpec('sarif:m.sarif')).toEqual({ type: 'sarif', path: 'm.sarif' });
    expect(parseSinkSpec('webhook:https://h.example/x?y=1')).toMatchObject({
      type: 'webhook',
      url: 'https://h.example/x?y=1',
    });
    expect(parseSinkSpec('pager', { pager: { type: 'jsonl', path: 'p.jsonl' } })).toEqual({
      type: 'jsonl',
      path: 'p.jsonl',
    });
    expect(() => parseSinkSpec('jsonl')).toThrow(/needs a file/);
    expect(() => parseSinkSpec('webhook:ftp://x')).toThrow(/needs an http\(s\) URL/);
    expect(() => parseSinkSpec('slack:#ops')).toThrow(/unknown sink 'slack:#ops'/);
  });
});

describe('dispatch with de-duplication', () => {
  it('does not re-send an alert (rule + subject + window) already delivered to a sink, and retries failed ones', async () => {
    const dir = tempDir('nograd-sinks-');
    const file = join(dir, 'alerts.jsonl');
    const printed: string[] = [];
    const jsonl = createSink({ type: 'jsonl', path: file });
    const terminal = createSink({ type: 'terminal' }, { write: (t) => void printed.push(t), useColor: false });
    let failing = true;
    const flaky: Sink = {
      id: 'flaky',
      label: 'flaky',
      dedup: true,
      async deliver(alerts) {
        return failing
          ? { delivered: [], failed: alerts.map((a) => ({ key: a.key, error: 'down' })) }
          : { delivered: alerts.map((a) => a.key), failed: [] };
      },
    };
    const a = sampleAlert();
    const b = sampleAlert({ subject: 'account:acct-8', sinks: ['flaky'] });
    const state = emptyState();

    const first = await dispatch([a, b], [jsonl, terminal], { flaky }, state, ['logs.jsonl']);
    expect(first.fresh).toHaveLength(2);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    expect(printed.join('')).toMatch(/HIGH\s+probing\s+account:acct-7/);
    expect(first.sinks.find((s) => s.sink === 'flaky')?.failed).toHaveLength(1);
    expect(state.sent[b.key]?.sinks.sort()).toEqual([jsonl.id, 'terminal'].sort());

    // same alerts again (overlapping logs): nothing new for jsonl/terminal; the flaky sink gets its retry
    failing = false;
    printed.length = 0;
    const second = await dispatch([a, b], [jsonl, terminal], { flaky }, state, ['logs.jsonl']);
    expect(second.fresh).toHaveLength(0);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    expect(printed.join('')).toMatch(/2 alerts already sent in an earlier run/);
    expect(second.sinks.find((s) => s.sink === 'flaky')).toMatchObject({ delivered: 1, skipped: 0 });
    expect(state.sent[b.key]?.sinks).toContain('flaky');

    // a new window is a new alert
    const c = sampleAlert({ window: { start: '2024-01-11T00:00:00.000Z', end: '2024-01-12T00:00:00.000Z' } });
    const third = await dispatch([a, b, c], [jsonl], {}, state, []);
    expect(third.fresh.map((x) => x.key)).toEqual([c.key]);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('without a state file sends everything every time', async () => {
    const printed: string[] = [];
    const terminal = createSink({ type: 'terminal' }, { write: (t) => void printed.push(t), useColor: false });
    await dispatch([sampleAlert()], [terminal], {}, null, []);
    const again = await dispatch([sampleAlert()], [terminal], {}, null, []);
    expect(again.fresh).toHaveLength(1);
    expect(printed).toHaveLength(2);
  });
});
