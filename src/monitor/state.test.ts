import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/cli.js';
import { emptyState, MAX_SENT, readState, writeState } from './state.js';

describe('state file', () => {
  it('starts empty when missing and round-trips', () => {
    const dir = tempDir('nograd-state-');
    const file = join(dir, 'state.json');
    expect(readState(file)).toEqual(emptyState());
    const s = emptyState();
    s.sent['r|s|w'] = { at: '2024-01-02T00:00:00.000Z', windowEnd: '2024-01-02T00:00:00.000Z', sinks: ['terminal'] };
    s.persistence = { windows: [1, 2], met: { r: { s: [2] } } };
    writeState(file, s, new Date(5));
    expect(readState(file)).toEqual({ ...s, updatedAt: new Date(5).toISOString() });
  });

  it('prunes the oldest delivery records', () => {
    const dir = tempDir('nograd-state-');
    const file = join(dir, 'state.json');
    const s = emptyState();
    for (let i = 0; i < MAX_SENT + 10; i++)
      s.sent[`k${i}`] = { at: 'x', windowEnd: new Date(i * 1000).toISOString(), sinks: [] };
    writeState(file, s);
    const back = readState(file);
    expect(Object.keys(back.sent)).toHaveLength(MAX_SENT);
    expect(back.sent.k0).toBeUndefined();
    expect(back.sent[`k${MAX_SENT + 9}`]).toBeDefined();
  });

  it('rejects a file that is not a state file', () => {
    const dir = tempDir('nograd-state-');
    const file = join(dir, 'state.json');
    writeFileSync(file, '{"kind":"other"}');
    expect(() => readState(file)).toThrow(/not a nograd monitor state file.*delete it to start afresh/);
    writeFileSync(file, '{oops');
    expect(() => readState(file)).toThrow(/cannot read state file/);
  });
});
