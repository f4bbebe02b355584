import { describe, expect, it } from 'vitest';
import { getTactic } from '../../catalog/index.js';
import { heuristicsFor } from '../oracles/heuristics/index.js';
import { RedirectRegistry } from '../oracles/redirect-registry.js';
import { phishingSeed } from '../samples/phishing.js';
import { createExecutableTactics, EXECUTABLE_TACTICS, getExecutableTactic, tacticLookup } from './index.js';
import { createRng } from './rng.js';

describe('executable tactic registry', () => {
  it('has unique ids, each a catalog tactic of the matching family', () => {
    const ids = EXECUTABLE_TACTICS.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of EXECUTABLE_TACTICS) {
      const c = getTactic(t.id);
      expect(c, t.id).toBeDefined();
      if (t.kind === 'stream')
        expect(['access-abuse', 'automation', 'activity-shaping', 'feedback-abuse']).toContain(c?.family);
      else expect(['input-transformation', 'layout']).toContain(c?.family);
    }
  });

  it('covers every family of practical tactics the issue names', () => {
    const families = new Set(EXECUTABLE_TACTICS.map((t) => getTactic(t.id)?.family));
    expect([...families].sort()).toEqual(
      ['access-abuse', 'activity-shaping', 'automation', 'feedback-abuse', 'input-transformation', 'layout'].sort(),
    );
  });

  it('names a simple heuristic that defuses every tactic', () => {
    for (const t of EXECUTABLE_TACTICS) expect(heuristicsFor(t.id).length, t.id).toBeGreaterThan(0);
  });

  it('looks tactics up by id', () => {
    expect(getExecutableTactic('input.zero-width-characters')?.kind).toBe('content');
    expect(getExecutableTactic('feedback.mass-not-spam')?.kind).toBe('stream');
    expect(getExecutableTactic('model.good-word-attack')).toBeUndefined();
  });

  it('binds URL tactics to the registry a campaign passes, leaving the shared one alone', () => {
    const registry = new RedirectRegistry();
    const t = tacticLookup(createExecutableTactics({ registry }))('url.redirect-chain');
    if (t?.kind !== 'content') throw new Error('url.redirect-chain is a content tactic');
    const out = t.apply(phishingSeed('phish/paypal-limited').content, createRng(1), { style: 'shortener', hops: 1 });
    expect(out).not.toBeNull();
    expect(registry.entries().length).toBe(1);
  });
});
