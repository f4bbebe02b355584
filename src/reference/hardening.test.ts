import { describe, expect, it } from 'vitest';
import { UserError } from '../util/errors.js';
import { describeHardening, FULL_HARDENING, NO_HARDENING, parseHardeningList } from './hardening.js';

describe('hardening switches', () => {
  it('are all off by default', () => {
    expect(parseHardeningList(undefined)).toEqual(NO_HARDENING);
    expect(describeHardening(NO_HARDENING)).toBe('none');
  });

  it('parse from a comma list, "all" or "none"', () => {
    expect(parseHardeningList('stripHiddenText, normalizeConfusables')).toEqual({
      ...NO_HARDENING,
      stripHiddenText: true,
      normalizeConfusables: true,
    });
    expect(parseHardeningList('all')).toEqual(FULL_HARDENING);
    expect(parseHardeningList('none')).toEqual(NO_HARDENING);
    expect(describeHardening(parseHardeningList('feedbackRateLimit,stripHiddenText'))).toBe(
      'stripHiddenText+feedbackRateLimit',
    );
  });

  it('reject unknown names with the list of valid ones', () => {
    expect(() => parseHardeningList('magic')).toThrow(UserError);
    expect(() => parseHardeningList('magic')).toThrow(/normalizeConfusables, stripHiddenText/);
  });
});
