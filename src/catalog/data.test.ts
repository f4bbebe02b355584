import { describe, expect, it } from 'vitest';
import { CONTROLS, getControl, getTactic, TACTICS } from './data.js';

describe('catalog data', () => {
  it('looks entries up by id', () => {
    expect(getTactic('url.redirect-chain')?.name).toBe('Redirect chain');
    expect(getControl('rate-limit')?.category).toBe('system');
    expect(getTactic('rate-limit')).toBeUndefined();
    expect(getControl('url.redirect-chain')).toBeUndefined();
  });

  it('is frozen, so no consumer can change the shared catalog', () => {
    const t = TACTICS[0]!;
    expect(() => {
      (t.cost as { money: number }).money = 1e9;
    }).toThrow(TypeError);
    expect(() => {
      (CONTROLS as unknown as unknown[]).push({});
    }).toThrow(TypeError);
    expect(Object.isFrozen(getControl('rate-limit')?.counters)).toBe(true);
  });
});
