import { describe, expect, it } from 'vitest';
import { readerView } from '../oracles/reader-view.js';
import { hasLink, pickBenignSet, pickMaliciousSeeds } from './corpus.js';
import { PHISHING_SEEDS, phishingSeed } from './phishing.js';

describe('seed samples', () => {
  it('hand-written phishing seeds parse, show a lure and link only to reserved names or documentation addresses', async () => {
    expect(PHISHING_SEEDS.length).toBe(5);
    for (const s of PHISHING_SEEDS) {
      const view = await readerView(s.content);
      expect(view.parseError, s.id).toBeUndefined();
      expect(view.visibleText.length, s.id).toBeGreaterThan(80);
      const links = [...view.bodyLinks, ...view.attachmentLinks].filter((l) => /^https?:/.test(l));
      expect(links.length, s.id).toBeGreaterThan(0);
      for (const l of links)
        expect(new URL(l).hostname, `${s.id} ${l}`).toMatch(
          /\.(example|test)$|^(192\.0\.2|198\.51\.100|203\.0\.113)\./,
        );
    }
    expect(() => phishingSeed('nope')).toThrow(/unknown phishing seed/);
  });

  it('corpus picks are deterministic per seed, respect exclusions, and malicious seeds carry links', () => {
    const a = pickMaliciousSeeds({ seed: 4, count: 5 });
    expect(pickMaliciousSeeds({ seed: 4, count: 5 })).toEqual(a);
    expect(pickMaliciousSeeds({ seed: 5, count: 5 }).map((m) => m.id)).not.toEqual(a.map((m) => m.id));
    for (const m of a) {
      expect(m.id).toMatch(/^spam-[12]\/\d+$/);
      expect(hasLink(m.content)).toBe(true);
    }
    const excluded = new Set(a.map((m) => m.id));
    expect(pickMaliciousSeeds({ seed: 4, count: 5, exclude: excluded }).some((m) => excluded.has(m.id))).toBe(false);
    const ham = pickBenignSet({ seed: 4, count: 5, groups: ['easy-ham-1'] });
    expect(ham).toHaveLength(5);
    for (const m of ham) expect(m.id).toMatch(/^easy-ham-1\//);
  });

  it('finds links in the body only, not in headers', () => {
    expect(hasLink('Subject: see http://a.example/\n\nno link here')).toBe(false);
    expect(hasLink('Subject: x\n\nvisit https://a.example/now')).toBe(true);
  });
});
