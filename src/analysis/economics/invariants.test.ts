/**
 * Soundness invariants of the economics analysis, checked by fast-check over small generated models:
 * (a) more access or budget never removes a path nor raises the cheapest cost;
 * (b) adding a control never lowers an attacker's cheapest cost, removing one never raises it;
 * (c) an applicable tactic (what findings are made of) at a component that can influence the attacker's target is
 *     one the economics sees too.
 * Plus the regressions the invariants were written for (a poisoner with extra live-input access lost its path).
 */
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../model/loader.js';
import type { AttackerT, ControlT, SystemModel } from '../../model/schema.js';
import { analyzeAttacker } from '../applicability.js';
import { builtinCatalog } from '../catalog-data.js';
import { ModelGraph } from '../graph.js';
import { economicsContext } from './context.js';
import { analyzeEconomics } from './economics.js';
import { generateModel } from './generate.js';
import { attackerRoute, relevantComponents } from './route.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const catalog = builtinCatalog();
const EPS = 1e-9;

/** Small generated models: one or two pipelines of 24 components, three attackers. */
const modelArb = fc
  .record({ seed: fc.integer({ min: 1, max: 10_000 }), share: fc.integer({ min: 0, max: 4 }) })
  .map(({ seed, share }) =>
    generateModel({ components: 40, attackers: 3, seed, pipelineSize: 24, controlShare: share / 10, catalog }),
  );

function cheapest(model: SystemModel): Map<string, number | null> {
  const r = analyzeEconomics(model, catalog, { recommendations: false });
  const out = new Map<string, number | null>();
  for (const a of r.attackers) {
    out.set(`${a.attacker}/today`, a.today.cheapest?.weightedCost ?? null);
    out.set(`${a.attacker}/planned`, a.planned.cheapest?.weightedCost ?? null);
  }
  return out;
}

/** Every attacker/scenario: `after` has a path where `before` had one, at no higher cost (or the reverse). */
function expectNoDearer(before: Map<string, number | null>, after: Map<string, number | null>): void {
  for (const [key, b] of before) {
    if (b === null) continue;
    const a = after.get(key);
    expect(a, `${key} lost its path`).not.toBeNull();
    expect(a!, key).toBeLessThanOrEqual(b * (1 + EPS) + EPS);
  }
}

function withAttacker(model: SystemModel, i: number, f: (a: AttackerT) => AttackerT): SystemModel {
  return { ...model, attackers: model.attackers.map((a, j) => (j === i ? f(a) : a)) };
}

const RUNS = { numRuns: 40 };

describe('economics invariants (generated models)', () => {
  it('(a) more access to a feedback, training-data or read channel never removes a path nor raises the cheapest cost', () => {
    fc.assert(
      fc.property(
        modelArb,
        fc.nat(),
        fc.nat(),
        fc.constantFrom('feedback', 'training-data', 'read'),
        (model, ai, ci, kind) => {
          const i = ai % model.attackers.length;
          const comp = model.components[ci % model.components.length]!;
          const more = withAttacker(model, i, (a) => ({
            ...a,
            access: [
              ...(a.access ?? []),
              kind === 'read'
                ? { component: comp.id, knowledge: 'limited', read: ['score'], write: [] }
                : { component: comp.id, knowledge: 'limited', read: [], write: [kind] },
            ],
          }));
          expectNoDearer(cheapest(model), cheapest(more));
        },
      ),
      RUNS,
    );
  });

  it('(a) more budget never removes a path nor raises the cheapest cost', () => {
    fc.assert(
      fc.property(modelArb, fc.nat(), fc.integer({ min: 2, max: 10 }), (model, ai, factor) => {
        const i = ai % model.attackers.length;
        const richer = withAttacker(model, i, (a) => ({
          ...a,
          budget: Object.fromEntries(Object.entries(a.budget ?? {}).map(([k, v]) => [k, (v as number) * factor])),
        }));
        expectNoDearer(cheapest(model), cheapest(richer));
      }),
      RUNS,
    );
  });

  it('(a) extra live-input or account access upstream of the target never removes a path nor raises the cheapest cost', () => {
    fc.assert(
      fc.property(
        modelArb,
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        fc.constantFrom('live-input', 'account'),
        (model, ai, ci, strip, kind) => {
          // Optionally strip the attacker to its poison channels first (the shape of the label-poisoner bug).
          const base = model.attackers[ai % model.attackers.length]!;
          const attacker: AttackerT = strip
            ? {
                ...base,
                access: (base.access ?? []).filter(
                  (x) => !x.write.includes('live-input') && !x.write.includes('account'),
                ),
              }
            : base;
          const upstream = [...new ModelGraph(model).upstream(attacker.target, ['live'])].sort();
          fc.pre(upstream.length > 0);
          const more: AttackerT = {
            ...attacker,
            access: [
              ...(attacker.access ?? []),
              { component: upstream[ci % upstream.length]!, knowledge: 'limited', read: [], write: [kind] },
            ],
          };
          expectNoDearer(cheapest({ ...model, attackers: [attacker] }), cheapest({ ...model, attackers: [more] }));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('(b) adding a control never lowers a cheapest cost; removing one never raises it', () => {
    fc.assert(
      fc.property(
        modelArb,
        fc.nat(),
        fc.nat(),
        fc.constantFrom<ControlT['status']>('implemented', 'planned'),
        (model, ki, ci, status) => {
          const ctl = catalog.controls[ki % catalog.controls.length]!;
          const comp = model.components[ci % model.components.length]!;
          const added: SystemModel = {
            ...model,
            controls: [...model.controls, { id: 'prop-added', catalog: ctl.id, on: [comp.id], status }],
          };
          const base = cheapest(model);
          const withIt = cheapest(added);
          // Adding: every path of the bigger model is no cheaper, i.e. the smaller model is "no dearer" than it.
          expectNoDearer(withIt, base);
          if (model.controls.length > 0) {
            const k = ki % model.controls.length;
            const removed = { ...model, controls: model.controls.filter((_, j) => j !== k) };
            expectNoDearer(base, cheapest(removed));
          }
        },
      ),
      RUNS,
    );
  });

  it('(c) an applicable tactic at a component that can influence the target is seen by the economics', () => {
    fc.assert(
      fc.property(modelArb, (model) => {
        const ctx = economicsContext(model, catalog);
        const graph = new ModelGraph(model);
        for (const a of model.attackers) {
          const route = attackerRoute(a, ctx.graph);
          const seen = new Set(
            ctx.index.analyze(a, relevantComponents(ctx.graph, route)).applicable.map((x) => x.component),
          );
          // Components whose output reaches the target over live, feedback or training flows.
          const influences = graph.upstream(a.target, ['live', 'feedback', 'training']);
          influences.add(a.target);
          const onRoute = new Set(route.components);
          for (const x of analyzeAttacker(a, graph, catalog).applicable) {
            // Live tactics act on items, so they count where the attacker's items pass (the route); poison counts
            // wherever it can flow to the target.
            const poison = ['feedback', 'training-data', 'dependency'].includes(
              graph.byId.get(x.component)?.kind ?? '',
            );
            if (onRoute.has(x.component) || (poison && influences.has(x.component))) {
              expect(seen.has(x.component), `${a.id}: ${x.tactic}@${x.component}`).toBe(true);
            }
          }
        }
      }),
      RUNS,
    );
  });
});

describe('regressions: extra access must not block a poisoner', () => {
  it('phishing-pages: label-poisoner (live input at submissions and triage, training data at active-learning) has a path', () => {
    const { model } = loadModel(resolve(ROOT, 'examples/phishing-pages/system.yaml'));
    const r = analyzeEconomics(model, catalog, { recommendations: false });
    const lp = r.attackers.find((a) => a.attacker === 'label-poisoner')!;
    for (const s of ['today', 'planned'] as const) {
      expect(lp[s].blocked, s).toBeUndefined();
      expect(
        lp[s].cheapest?.steps.some((st) => st.component === 'active-learning' && st.landsOn === 'logo-model'),
      ).toBe(true);
    }
  });

  /** A chargeback model retrained on dispute outcomes; an activity monitor guards checkout. */
  function disputeModel(access: NonNullable<AttackerT['access']>): SystemModel {
    return {
      system: { name: 'payments' },
      components: [
        { id: 'checkout', kind: 'input', layer: 'automation' },
        { id: 'txn-monitor', kind: 'activity-monitor', layer: 'activity' },
        { id: 'chargeback-model', kind: 'model', layer: 'application' },
        { id: 'disputes', kind: 'feedback' },
      ],
      flows: [
        { from: 'checkout', to: 'txn-monitor', kind: 'live' },
        { from: 'txn-monitor', to: 'chargeback-model', kind: 'live' },
        { from: 'disputes', to: 'chargeback-model', kind: 'feedback' },
      ],
      controls: [],
      dependencies: [],
      attackers: [
        {
          id: 'dispute-abuser',
          goal: 'poison',
          target: 'chargeback-model',
          tactics: ['feedback.label-flipping-reports'],
          access,
        },
      ],
    } as unknown as SystemModel;
  }

  it('dispute-abuser: feedback at the chargeback component gives a path, and so does feedback plus live input at checkout', () => {
    const feedback = {
      component: 'disputes',
      knowledge: 'limited',
      read: ['delayed-outcome'],
      write: ['feedback'],
    } as const;
    const alone = analyzeEconomics(
      disputeModel([{ ...feedback, read: [...feedback.read], write: [...feedback.write] }]),
      catalog,
      {
        recommendations: false,
      },
    ).attackers[0]!;
    expect(alone.today.cheapest?.key).toBe(
      'application:feedback.label-flipping-reports@disputes[feedback]→chargeback-model',
    );
    const more = analyzeEconomics(
      disputeModel([
        { ...feedback, read: [...feedback.read], write: [...feedback.write] },
        { component: 'checkout', knowledge: 'limited', read: [], write: ['live-input'] },
      ]),
      catalog,
      { recommendations: false },
    ).attackers[0]!;
    expect(more.route).toContain('txn-monitor');
    expect(more.today.blocked).toBeUndefined();
    expect(more.today.cheapest?.key).toBe(alone.today.cheapest?.key);
    expect(more.today.cheapest?.weightedCost).toBeCloseTo(alone.today.cheapest!.weightedCost, 9);
  });
});

describe('a blocked stage names what each candidate tactic misses', () => {
  it('an evader stopped by an activity monitor: observable output, knowledge, account access and accounts budget', () => {
    const model = {
      system: { name: 'payments' },
      components: [
        { id: 'checkout', kind: 'input', layer: 'automation' },
        { id: 'txn-monitor', kind: 'activity-monitor', layer: 'activity' },
        { id: 'chargeback-model', kind: 'model', layer: 'application' },
      ],
      flows: [
        { from: 'checkout', to: 'txn-monitor', kind: 'live' },
        { from: 'txn-monitor', to: 'chargeback-model', kind: 'live' },
      ],
      controls: [],
      dependencies: [],
      attackers: [
        {
          id: 'fraudster',
          goal: 'evade',
          target: 'chargeback-model',
          budget: { accounts: 2 },
          tactics: ['activity.low-and-slow', 'activity.sender-fanout', 'input.zero-width-characters'],
          access: [{ component: 'checkout', knowledge: 'zero', read: [], write: ['live-input'] }],
        },
      ],
    } as unknown as SystemModel;
    const blocked = analyzeEconomics(model, catalog, { recommendations: false }).attackers[0]!.today.blocked;
    expect(blocked?.stage).toBe('activity');
    expect(blocked?.reason).toContain(
      'activity.low-and-slow@txn-monitor needs read decision|delayed-outcome, knowledge limited',
    );
    expect(blocked?.reason).toContain(
      'activity.sender-fanout@txn-monitor needs write account, knowledge limited, accounts 20 > 2',
    );
  });
});
