import { describe, expect, it } from 'vitest';
import { getTactic } from './data.js';
import { controlsCountering, counteredByIndex, tacticsTargeting, tacticTargets } from './relations.js';
import type { Control, Tactic } from './types.js';

const confusables = getTactic('input.confusable-characters')!;

describe('controlsCountering', () => {
  it('finds the controls that list a tactic', () => {
    const ids = controlsCountering('input.confusable-characters').map((c) => c.id);
    expect(ids).toContain('confusable-skeleton');
    expect(ids).toContain('input-normalization');
    expect(ids).not.toContain('rate-limit');
  });

  it('returns nothing for an unknown tactic', () => {
    expect(controlsCountering('input.no-such-trick')).toEqual([]);
  });

  it('derives from whatever control list it is given', () => {
    const only = { id: 'x', counters: ['a.b'] } as unknown as Control;
    expect(controlsCountering('a.b', [only])).toEqual([only]);
    expect(controlsCountering('input.confusable-characters', [only])).toEqual([]);
  });
});

describe('counteredByIndex', () => {
  it('inverts the counters lists and keeps uncountered tactics with an empty list', () => {
    const tactics = [{ id: 't.one' }, { id: 't.two' }] as unknown as Tactic[];
    const controls = [
      { id: 'c1', counters: ['t.one'] },
      { id: 'c2', counters: ['t.one', 'unknown.id'] },
    ] as unknown as Control[];
    const index = counteredByIndex(tactics, controls);
    expect(index.get('t.one')).toEqual(['c1', 'c2']);
    expect(index.get('t.two')).toEqual([]);
    expect(index.has('unknown.id')).toBe(false);
  });
});

describe('tacticTargets', () => {
  it('matches on kind, layer and modality', () => {
    expect(tacticTargets(confusables, { kind: 'preprocessing', layer: 'application', modality: 'text' })).toBe(true);
  });

  it('rejects another kind, layer or modality', () => {
    expect(tacticTargets(confusables, { kind: 'account-identity' })).toBe(false);
    expect(tacticTargets(confusables, { kind: 'preprocessing', layer: 'access' })).toBe(false);
    expect(tacticTargets(confusables, { kind: 'preprocessing', modality: 'image' })).toBe(false);
  });

  it('does not exclude a tactic when the component leaves layer or modality unstated', () => {
    expect(tacticTargets(confusables, { kind: 'feature-extraction' })).toBe(true);
  });

  it('lists tactics for a component shape', () => {
    const ids = tacticsTargeting({ kind: 'account-identity', layer: 'access' }).map((t) => t.id);
    expect(ids).toContain('access.fresh-accounts');
    expect(ids).not.toContain('input.confusable-characters');
  });
});

describe('docs/catalog.md example', () => {
  it('holds as documented', () => {
    expect(controlsCountering('layout.blurred-logo').map((c) => c.id)).toEqual([
      'logo-robust-matching',
      'ensemble-coverage',
      'adversarial-training',
    ]);
  });
});
