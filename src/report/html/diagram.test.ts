import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../model/loader.js';
import type { SystemModel } from '../../model/schema.js';
import { hostileModelYaml, mailFilter, unsafeMarkup } from '../testing.js';
import { assignColumns, flowRanks, layoutDiagram, NODE_H, NODE_W, renderDiagramSvg, wrapLines } from './diagram.js';

function model(partial: Partial<SystemModel>): SystemModel {
  return {
    nograd: 1,
    system: { id: 's', name: 'S' },
    components: [],
    flows: [],
    trustBoundaries: [],
    controls: [],
    attackers: [],
    dependencies: [],
    triage: [],
    metadata: {},
    ...partial,
  };
}

describe('layout', () => {
  const { loaded } = mailFilter();
  const layout = layoutDiagram(loaded.model);

  it('stacks the funnel bands in order, off-path last', () => {
    expect(layout.bands.map((b) => b.band)).toEqual(['automation', 'access', 'activity', 'application', 'off-path']);
    const y = (id: string) => layout.nodes.get(id)?.y ?? -1;
    expect(y('inbound-mail')).toBeLessThan(y('sender-accounts'));
    expect(y('sender-accounts')).toBeLessThan(y('rate-limiter'));
    expect(y('rate-limiter')).toBeLessThan(y('mime-parser'));
    expect(y('mime-parser')).toBeLessThan(y('review-queue'));
  });

  it('orders a layer by flow topology', () => {
    const x = (id: string) => layout.nodes.get(id)?.x ?? -1;
    const chain = ['mime-parser', 'html-to-text', 'text-normalizer', 'tokenizer', 'spam-model', 'threshold-policy'];
    for (let i = 1; i < chain.length; i++) expect(x(chain[i]!)).toBeGreaterThan(x(chain[i - 1]!));
    expect(x('rate-limiter')).toBeLessThan(x('bulk-detector'));
  });

  it('never overlaps two components', () => {
    const boxes = [...layout.nodes.values()];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const overlap = a.x < b.x + NODE_W && b.x < a.x + NODE_W && a.y < b.y + NODE_H && b.y < a.y + NODE_H;
        expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
      }
    }
  });

  it('draws trust boundaries around members only', () => {
    for (const box of layout.boundaries) {
      const tb = loaded.model.trustBoundaries[box.boundary]!;
      for (const n of layout.nodes.values()) {
        const inside =
          n.x >= box.x && n.x + NODE_W <= box.x + box.width && n.y >= box.y && n.y + NODE_H <= box.y + box.height;
        if (inside) expect(tb.components, `${n.id} inside ${tb.id}`).toContain(n.id);
      }
    }
    const labelled = new Set(layout.boundaries.filter((b) => b.label).map((b) => b.boundary));
    expect(labelled.size).toBe(loaded.model.trustBoundaries.length);
  });

  it('ignores feedback flows and cycles when ranking', () => {
    const m = model({
      components: [
        { id: 'a', kind: 'input-source', layer: 'automation' },
        { id: 'b', kind: 'model', layer: 'automation' },
        { id: 'c', kind: 'policy', layer: 'automation' },
      ],
      flows: [
        { from: 'a', to: 'b', kind: 'live' },
        { from: 'b', to: 'c', kind: 'live' },
        { from: 'c', to: 'a', kind: 'live' },
        { from: 'c', to: 'b', kind: 'feedback' },
      ],
    });
    const r = flowRanks(m);
    expect([r.get('a'), r.get('b'), r.get('c')]).toEqual([0, 1, 2]);
  });

  it('wraps a long band into rows', () => {
    const comps = Array.from({ length: 13 }, (_, i) => ({
      id: `c${i}`,
      kind: 'model' as const,
      layer: 'application' as const,
    }));
    const l = layoutDiagram(model({ components: comps }), { maxPerRow: 6 });
    expect(l.bands[0]?.rows).toBe(3);
    expect(new Set([...l.nodes.values()].map((n) => n.row)).size).toBe(3);
  });

  it('assigns increasing columns near the desired ones', () => {
    expect(assignColumns([1, 1, 1], 5)).toEqual([1, 2, 3]);
    expect(assignColumns([4, 5, 6], 5)).toEqual([3, 4, 5]);
    expect(assignColumns([0, 3], 5)).toEqual([0, 3]);
  });

  it('wraps names to two lines', () => {
    expect(wrapLines('Threshold policy with review band', 160, 12, 2)).toEqual([
      'Threshold policy with',
      'review band',
    ]);
    expect(wrapLines('x'.repeat(100), 160, 12, 2)[0]?.endsWith('…')).toBe(true);
  });
});

describe('renderDiagramSvg', () => {
  it('marks entry points, controls (planned distinct) and uncountered components', () => {
    const { loaded, result } = mailFilter();
    const unc = new Map<string, number>();
    for (const a of result.attackers)
      for (const u of a.uncountered) unc.set(u.component, (unc.get(u.component) ?? 0) + 1);
    const { svg } = renderDiagramSvg(loaded.model, { uncountered: unc });
    expect(svg.match(/class="node[ "]/g)?.length).toBe(loaded.model.components.length);
    expect(svg).toContain('class="badge badge-planned"');
    expect(svg).toContain('class="badge badge-implemented"');
    expect(svg).toContain('class="entry"');
    expect(svg).toContain('node-open');
    expect(svg).toContain('edge-training');
    expect(svg).toContain('edge-feedback');
  });

  it('highlights the given paths instead of uncountered components', () => {
    const { loaded } = mailFilter();
    const { svg, layout } = renderDiagramSvg(loaded.model, {
      highlights: [{ attacker: 'spammer', label: 'x', components: ['mime-parser', 'html-to-text', 'text-normalizer'] }],
      uncountered: new Map([['spam-model', 3]]),
    });
    expect(svg.match(/node-path/g)?.length).toBe(3);
    expect(svg).not.toContain('node-open');
    expect(layout.edges.filter((e) => e.highlighted === 0)).toHaveLength(2);
  });

  it('escapes every model string', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nograd-diagram-'));
    const file = join(dir, 'evil.yaml');
    writeFileSync(file, hostileModelYaml());
    const { svg } = renderDiagramSvg(loadModel(file).model);
    expect(svg).not.toMatch(/<(script|img|iframe)\b/i);
    expect(unsafeMarkup(svg)).toEqual([]);
    expect(svg).toContain('&lt;script&gt;');
  });
});
