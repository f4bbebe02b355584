/** Incremental what-if gives exactly what a full re-analysis of the changed model gives. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_COST_WEIGHTS } from '../../model/cost.js';
import type { SystemModel } from '../../model/schema.js';
import { builtinCatalog } from '../catalog-data.js';
import { generateModel } from './generate.js';
import {
  cheapestPaths,
  cheapestPathsAfter,
  whatIfBase,
  withControl,
  withImplemented,
  withoutControl,
} from './what-if.js';

const catalog = builtinCatalog();

function keys(m: Map<string, { key: string; weightedCost: number } | null>): Record<string, string> {
  return Object.fromEntries([...m].map(([id, p]) => [id, p ? `${p.key} @ ${p.weightedCost}` : 'blocked']));
}

describe('cheapestPathsAfter', () => {
  const model: SystemModel = generateModel({ components: 400, attackers: 10, seed: 5, pipelineSize: 50, catalog });
  const base = whatIfBase(model, catalog, DEFAULT_COST_WEIGHTS);

  it('reuses the base only where the change cannot reach: same paths as a full re-analysis', () => {
    const changes: Array<{ m: SystemModel; ids: string[] }> = [];
    for (const ctl of model.controls.slice(0, 25)) {
      changes.push({ m: withoutControl(model, ctl.id), ids: [ctl.id] });
      if (ctl.status === 'planned') changes.push({ m: withImplemented(model, ctl.id), ids: [ctl.id] });
    }
    const comps = model.components.filter((_, i) => i % 37 === 3);
    for (const [i, c] of comps.entries()) {
      const cat = catalog.controls.find((k) => k.guards.includes(c.kind));
      if (!cat) continue;
      const id = `what-if-${i}`;
      changes.push({ m: withControl(model, { id, catalog: cat.id, on: [c.id], status: 'implemented' }), ids: [id] });
    }
    expect(changes.length).toBeGreaterThan(20);
    let reused = 0;
    for (const { m, ids } of changes) {
      const incremental = cheapestPathsAfter(base, m, ids).cheapest;
      const full = cheapestPaths(m, catalog, DEFAULT_COST_WEIGHTS).cheapest;
      expect(keys(incremental)).toEqual(keys(full));
      for (const [id, p] of incremental) if (p === base.cheapest.get(id)) reused++;
    }
    // The point of it: most (attacker, change) pairs are not recomputed.
    expect(reused).toBeGreaterThan(0);
  });

  it('sees a change that reaches an attacker (removing every control changes some path)', () => {
    const bare = { ...model, controls: [] };
    const after = cheapestPathsAfter(
      base,
      bare,
      model.controls.map((c) => c.id),
    ).cheapest;
    expect(keys(after)).toEqual(keys(cheapestPaths(bare, catalog, DEFAULT_COST_WEIGHTS).cheapest));
    expect(keys(after)).not.toEqual(keys(base.cheapest));
  });
});
