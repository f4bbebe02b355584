import { describe, expect, it } from 'vitest';
import { searchCatalog } from './search.js';

describe('searchCatalog', () => {
  it('finds tactics by words of the name, case-insensitively and in any order', () => {
    expect(searchCatalog('LOGO blurred').tactics.map((t) => t.id)).toContain('layout.blurred-logo');
  });

  it('finds entries by ATLAS and AIDEFEND ids', () => {
    expect(searchCatalog('AML.T0046').tactics.map((t) => t.id)).toEqual([
      'activity.review-queue-flooding',
      'feedback.report-brigading',
    ]);
    expect(searchCatalog('aml.m0004').controls.map((c) => c.id)).toContain('rate-limit');
    expect(searchCatalog('AID-M-004').controls.map((c) => c.id)).toEqual(['threat-modeling']);
  });

  it('finds entries by evidence and summary text', () => {
    expect(searchCatalog('MLSEC 2020').tactics.map((t) => t.id)).toContain('input.benign-carrier-embedding');
    expect(searchCatalog('account legitimately').controls.map((c) => c.id)).toContain('account-reputation');
  });

  it('searches component kinds', () => {
    expect(searchCatalog('tokenizer', 'kinds').kinds.map((k) => k.kind)).toContain('feature-extraction');
  });

  it('limits results to one section when asked', () => {
    const r = searchCatalog('rate', 'controls');
    expect(r.controls.length).toBeGreaterThan(0);
    expect(r.tactics).toEqual([]);
    expect(r.kinds).toEqual([]);
  });

  it('finds nothing for text that is not in the catalog', () => {
    expect(searchCatalog('quantum blockchain')).toEqual({ tactics: [], controls: [], kinds: [] });
  });

  it('returns everything for an empty query', () => {
    const r = searchCatalog('  ');
    expect(r.tactics.length).toBeGreaterThan(45);
    expect(r.kinds.length).toBe(14);
  });
});
