import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, parseInstant, windowStart } from './window.js';

describe('windows', () => {
  it('parses durations and rejects nonsense with a hint', () => {
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('6h')).toBe(21_600_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('all')).toBeNull();
    expect(parseDuration(undefined)).toBeNull();
    expect(() => parseDuration('1 day')).toThrow(/cannot read duration '1 day'/);
    expect(() => parseDuration('5s')).toThrow(/at least 1m/);
    expect(formatDuration(86_400_000)).toBe('1d');
    expect(formatDuration(5_400_000)).toBe('90m');
  });

  it('parses ISO instants, dates as midnight UTC', () => {
    expect(parseInstant('2024-05-01', '--until')).toBe(Date.UTC(2024, 4, 1));
    expect(parseInstant('2024-05-01T12:00:00+02:00', '--until')).toBe(Date.UTC(2024, 4, 1, 10));
    expect(() => parseInstant('yesterday', '--until')).toThrow(/--until: 'yesterday' is not an ISO-8601 time/);
  });

  it('aligns windows to UTC days', () => {
    expect(windowStart(Date.UTC(2024, 4, 1, 23, 59), 86_400_000)).toBe(Date.UTC(2024, 4, 1));
  });
});
