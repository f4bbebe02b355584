import { describe, expect, it } from 'vitest';
import { INJECTION_KINDS } from '../reference/traffic/options.js';
import { parseEvents } from './events.js';

describe('events.json', () => {
  it('reads every kind reference traffic writes, planted evasive campaigns included', () => {
    const events = parseEvents(
      INJECTION_KINDS.map((kind) => ({
        kind,
        start: '2025-01-02T00:00:00Z',
        end: '2025-01-02T06:00:00Z',
        accounts: [],
      })),
    );
    expect(events.map((e) => e.kind)).toEqual([...INJECTION_KINDS]);
  });

  it('names an unknown kind', () => {
    expect(() => parseEvents([{ kind: 'meteor-strike', start: 0, end: 1 }])).toThrow(/events.json: invalid events/);
  });
});
