/**
 * Self-check of the tactic registry (TACTICS): the map, the catalog, the heuristics and the docs agree. A tactic
 * added in its own file and registered with one line is checked here without naming it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getTactic } from '../../catalog/index.js';
import { HEURISTICS, heuristicsFor } from '../oracles/heuristics/index.js';
import { EXECUTABLE_TACTICS, getTacticDefinition, TACTIC_NAMES, TACTICS } from './index.js';

const CONTENT_FAMILIES = ['input-transformation', 'layout'];
const STREAM_FAMILIES = ['access-abuse', 'automation', 'activity-shaping', 'feedback-abuse'];
const docs = readFileSync(new URL('../../../docs/tactics.md', import.meta.url), 'utf8');

/** Tactic ids of the tables in docs/tactics.md ("| `id` | …"), the page that tells users what a campaign can run. */
function documentedIds(): string[] {
  return [...docs.matchAll(/^\| `([a-z]+\.[a-z-]+)` \|/gm)].map((m) => m[1] as string);
}

describe('TACTICS registry', () => {
  it('keys equal the definitions’ ids, each id once', () => {
    for (const [key, def] of Object.entries(TACTICS)) expect(def.id, key).toBe(key);
    expect(TACTIC_NAMES).toEqual(Object.keys(TACTICS));
    expect(EXECUTABLE_TACTICS.map((t) => t.id)).toEqual(TACTIC_NAMES);
  });

  it('implements a catalog tactic of a matching family for every entry', () => {
    for (const t of Object.values(TACTICS)) {
      const c = getTactic(t.id);
      expect(c, `${t.id} is not in the catalog`).toBeDefined();
      expect(t.kind === 'stream' ? STREAM_FAMILIES : CONTENT_FAMILIES, t.id).toContain(c?.family);
    }
  });

  it('and every tactic docs/tactics.md calls executable is implemented, and documented when implemented', () => {
    expect([...new Set(documentedIds())].sort()).toEqual([...TACTIC_NAMES].sort());
  });

  it('is documented with the heuristics its definition names', () => {
    for (const m of docs.matchAll(/^\| `([a-z]+\.[a-z-]+)` \|(.*)$/gm)) {
      const named = [...(m[2] as string).matchAll(/`(heuristic\.[a-z-]+)`/g)].map((h) => h[1]);
      expect(named.sort(), m[1]).toEqual([...(getTacticDefinition(m[1] as string)?.defusedBy ?? [])].sort());
    }
  });

  it('names at least one existing heuristic that defuses each tactic, and every heuristic defuses one', () => {
    const claimed = new Set<string>();
    for (const t of Object.values(TACTICS)) {
      expect(t.defusedBy.length, t.id).toBeGreaterThan(0);
      for (const h of t.defusedBy) {
        expect(Object.hasOwn(HEURISTICS, h), `${t.id} claims unknown heuristic ${h}`).toBe(true);
        claimed.add(h);
      }
      expect(heuristicsFor(t.id).map((h) => h.id)).toEqual([...t.defusedBy]);
    }
    expect([...claimed].sort()).toEqual(Object.keys(HEURISTICS).sort());
  });

  it('declares validity needs that the oracle can use, for its defaults and for no parameters', () => {
    for (const t of Object.values(TACTICS)) {
      for (const params of [{}, t.defaults]) {
        const eq = t.validity?.(params) ?? {};
        for (const d of eq.droppable ?? []) expect(typeof d, t.id).toBe('string');
        for (const g of eq.synonyms ?? []) expect(g.length, t.id).toBeGreaterThan(1);
      }
    }
  });

  it('looks definitions up by id only (no prototype keys)', () => {
    expect(getTacticDefinition('url.numeric-ip')?.id).toBe('url.numeric-ip');
    expect(getTacticDefinition('constructor')).toBeUndefined();
    expect(getTacticDefinition('model.good-word-attack')).toBeUndefined();
  });
});
