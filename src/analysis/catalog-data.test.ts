/** The analysis sees the switched-on packs only; mail when none is named. */
import { describe, expect, it } from 'vitest';
import { UserError } from '../util/errors.js';
import { builtinCatalog, parsePacks } from './catalog-data.js';

describe('builtinCatalog', () => {
  it('holds only mail entries by default', () => {
    const c = builtinCatalog();
    expect(c.tactics.length).toBeGreaterThan(40);
    for (const e of [...c.tactics, ...c.controls]) expect(e.pack ?? 'mail', e.id).toBe('mail');
    expect(c.tactics.some((t) => t.id === 'automation.card-testing')).toBe(false);
  });

  it('holds exactly the named packs', () => {
    const c = builtinCatalog(['fraud', 'content-moderation']);
    expect(new Set([...c.tactics, ...c.controls].map((e) => e.pack))).toEqual(new Set(['fraud', 'content-moderation']));
    expect(c.tactics.some((t) => t.id === 'automation.card-testing')).toBe(true);
    expect(c.tactics.some((t) => t.id === 'activity.template-variation')).toBe(false);
  });
});

describe('parsePacks', () => {
  it('reads a comma-separated list', () => {
    expect(parsePacks('mail, fraud')).toEqual(['mail', 'fraud']);
  });

  it('rejects an unknown pack with a did-you-mean', () => {
    expect(() => parsePacks('fruad')).toThrow(UserError);
    expect(() => parsePacks('fruad')).toThrow(/unknown domain pack 'fruad' for --packs \(did you mean 'fraud'\?\)/);
    expect(() => parsePacks(' , ')).toThrow(/needs at least one pack/);
  });
});
