/**
 * A model's own knowledge: the `catalog:` section (packs, custom tactics and controls, inline or included), its
 * checks with positions and did-you-mean, and how the analysis and the economics use it — a custom tactic makes a
 * path, a custom control stops it, cost overrides change which path is cheapest.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTROLS, TACTICS } from '../catalog/data.js';
import { ModelLoadError } from '../model/diagnostics.js';
import { type LoadedModel, loadModel } from '../model/loader.js';
import { applicabilityIndex } from './applicability-index.js';
import { builtinCatalog } from './catalog-data.js';
import { analyzeEconomics } from './economics/economics.js';
import { checkModelCatalog, modelCatalog, packOf, withCatalogChecks } from './model-catalog.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DIR = resolve(ROOT, 'test/fixtures/custom-knowledge');
const MAIN = resolve(DIR, 'system.yaml');
const INCLUDED = resolve(DIR, 'fraud-knowledge.yaml');
const mainText = readFileSync(MAIN, 'utf8');
const includedText = readFileSync(INCLUDED, 'utf8');

function load(main = mainText, included = includedText): LoadedModel {
  return loadModel(MAIN, withCatalogChecks({ overrides: { [MAIN]: main, [INCLUDED]: included } }));
}

function problems(main: string, included = includedText): string[] {
  try {
    load(main, included);
  } catch (e) {
    if (!(e instanceof ModelLoadError)) throw e;
    return e.diagnostics.map(
      (d) => `${d.file.split('/').pop()}:${d.line}:${d.col} ${d.code} ${d.message} | ${d.hint ?? ''}`,
    );
  }
  return [];
}

function economics(loaded: LoadedModel) {
  return analyzeEconomics(loaded.model, modelCatalog(loaded.model), { recommendations: false });
}

describe('the model catalog view', () => {
  it('is the mail pack when a model names no packs, and the same view for every such model', () => {
    const plain = modelCatalog({});
    expect(plain.tactics.map((t) => t.id)).toEqual(TACTICS.filter((t) => packOf(t) === 'mail').map((t) => t.id));
    expect(plain.controls.map((c) => c.id)).toEqual(CONTROLS.filter((c) => packOf(c) === 'mail').map((c) => c.id));
    expect(modelCatalog({ catalog: { packs: ['mail'], tactics: [], controls: [] } })).toBe(plain);
    expect(builtinCatalog()).toBe(plain);
  });

  it('adds the model’s own tactics and controls, from the model and from an included file', () => {
    const loaded = load();
    const cat = modelCatalog(loaded.model);
    expect(cat.extras.customTactics).toEqual(new Set(['custom.friendly-fraud-dispute', 'x-acme.basket-mimicry']));
    expect(cat.extras.customControls).toEqual(new Set(['x-acme.velocity-graph']));
    const mimicry = cat.tactics.find((t) => t.id === 'x-acme.basket-mimicry')!;
    // A range counts with its mean in the path search; the range itself is kept for the simulation.
    expect(mimicry.cost.money).toBeCloseTo(3, 10);
    expect(cat.costSpread?.get('x-acme.basket-mimicry')).toEqual({ money: { min: 1, mode: 2, max: 6 } });
    expect(mimicry.baseSuccess).toBe(0.5);
    expect(mimicry.evidence).toContain('red-team test of 2025-11');
    expect(cat.counterEffectiveness?.get('x-acme.velocity-graph')?.get('x-acme.basket-mimicry')).toBe(0.9);
    // Positions point into the file that defined the entry.
    const at = loaded.positionOf(['catalog', 'tactics', 1, 'id']);
    expect(at.file).toBe(INCLUDED);
    expect(at.line).toBe(4);
  });

  it('adds a custom tactic to a built-in control it names under counteredBy (without touching the built-in)', () => {
    const main = mainText.replace(
      'atlas: [AML.T0020]',
      'atlas: [AML.T0020]\n      counteredBy: [{ control: feedback-hygiene, effectiveness: 0.4 }]',
    );
    const cat = modelCatalog(load(main).model);
    const c = cat.controls.find((x) => x.id === 'feedback-hygiene')!;
    expect(c.counters).toContain('custom.friendly-fraud-dispute');
    expect(CONTROLS.find((x) => x.id === 'feedback-hygiene')!.counters).not.toContain('custom.friendly-fraud-dispute');
  });
});

describe('checks of the model’s own knowledge', () => {
  it('requires namespaced ids, and says so when an id is a built-in one', () => {
    const out = problems(
      mainText
        .replace('id: custom.friendly-fraud-dispute', 'id: friendly-fraud-dispute')
        .replace('catalog: x-acme.velocity-graph', 'catalog: x-acme.velocity-graph'),
      includedText
        .replace('id: x-acme.velocity-graph', 'id: rate-limit')
        .replace(
          'counteredBy:\n        - { control: x-acme.velocity-graph, effectiveness: 0.9 }',
          'counteredBy:\n        - { control: rate-limit, effectiveness: 0.9 }',
        ),
    );
    expect(out.join('\n')).toMatch(
      /system\.yaml:12:11 custom-id a model's own tactic id is namespaced.*custom\.friendly-fraud-dispute/,
    );
    expect(out.join('\n')).toMatch(
      /fraud-knowledge\.yaml:\d+:11 custom-id 'rate-limit' is a built-in control.*custom\.rate-limit/,
    );
  });

  it('rejects a duplicate id across the model and its includes, with the first definition', () => {
    const out = problems(mainText.replace('id: custom.friendly-fraud-dispute', 'id: x-acme.basket-mimicry'));
    expect(out.join('\n')).toMatch(
      /fraud-knowledge\.yaml:4:11 duplicate-id duplicate custom tactic id 'x-acme\.basket-mimicry' \| first defined at .*system\.yaml:12:11/,
    );
  });

  it('checks references with did-you-mean: countered tactics, countering controls, model controls, attackers', () => {
    const out = problems(
      mainText
        .replace('catalog: x-acme.velocity-graph', 'catalog: x-acme.velocity-grap')
        .replace('accountPrice: 4', 'accountPrice: 4\n      tactics: { access.fresh-acounts: { money: 1 } }'),
      includedText.replace('counters: [x-acme.basket-mimicry]', 'counters: [x-acme.basket-mimicri]'),
    );
    const text = out.join('\n');
    expect(text).toMatch(
      /catalog control 'x-acme\.velocity-grap' is not a known control \| did you mean 'x-acme\.velocity-graph'/,
    );
    expect(text).toMatch(
      /countered tactic 'x-acme\.basket-mimicri' is not a known tactic \| did you mean 'x-acme\.basket-mimicry'/,
    );
    expect(text).toMatch(
      /tactic 'access\.fresh-acounts' is not a known tactic \| did you mean 'access\.fresh-accounts'/,
    );
  });

  it('checks ATLAS and AIDEFEND ids against the pinned releases', () => {
    const out = problems(
      mainText.replace('atlas: [AML.T0020]', 'atlas: [AML.T0021, AML.T9999]'),
      includedText.replace('aidefend: [AID-D-005.002]', 'aidefend: [AID-D-005.0002]'),
    ).join('\n');
    expect(out).toMatch(/'AML\.T9999' is not an ATLAS technique id of release 5\.6\.0/);
    expect(out).not.toMatch(/AML\.T0021'/);
    expect(out).toMatch(/'AID-D-005\.0002' is not an AIDEFEND id.*did you mean 'AID-D-005\.002'/);
  });

  it('names the pack to switch on when a reference is to a pack the model leaves off', () => {
    const out = problems(mainText.replace('packs: [mail]', 'packs: [fraud]')).join('\n');
    expect(out).toMatch(/catalog control 'account-reputation' belongs to the 'mail' pack.*packs: \[fraud, mail\]/);
  });

  it('rejects effectivenessAgainst a tactic the control does not counter', () => {
    const out = problems(
      mainText.replace(
        'effectivenessAgainst: { access.fresh-accounts: 0.8 }',
        'effectivenessAgainst: { input.confusable-characters: 0.8 }',
      ),
    ).join('\n');
    expect(out).toMatch(/not-countered control 'device-reputation' does not counter 'input\.confusable-characters'/);
  });

  it('checks shapes with positions and did-you-mean: ranges, unknown fields, families', () => {
    const out = problems(
      mainText,
      includedText
        .replace('money: { min: 1, mode: 2, max: 6 }', 'money: { min: 6, max: 1 }')
        .replace('family: input-transformation', 'family: input-transformaton')
        .replace('success: {', 'sucess: {'),
    ).join('\n');
    expect(out).toMatch(/a range needs min ≤ mode ≤ max/);
    expect(out).toMatch(/'input-transformaton' is not allowed for 'family'.*did you mean 'input-transformation'/);
    expect(out).toMatch(/fraud-knowledge\.yaml:\d+:\d+ unknown-field unknown field 'sucess'.*did you mean 'success'/);
  });

  it('runs as a loader check only when asked (the model layer alone cannot see the catalog)', () => {
    expect(() =>
      loadModel(MAIN, {
        overrides: { [MAIN]: mainText.replace('id: custom.friendly', 'id: friendly'), [INCLUDED]: includedText },
      }),
    ).not.toThrow();
    expect(checkModelCatalog).toBeTypeOf('function');
  });
});

describe('custom knowledge in the analysis and the economics', () => {
  it('a custom tactic makes the cheapest path; the custom control, implemented, stops most of it', () => {
    const loaded = load();
    const today = economics(loaded).attackers[0]!.today.cheapest!;
    expect(today.key).toContain('x-acme.basket-mimicry@fraud-model');
    const step = today.steps.find((s) => s.tactic === 'x-acme.basket-mimicry')!;
    expect(step.successProbability).toBe(0.5);
    expect(step.costSpread).toEqual({ money: { min: 1, mode: 2, max: 6 } });

    const implemented = load(mainText.replace('status: planned', 'status: implemented'));
    const after = economics(implemented).attackers[0]!.today.cheapest!;
    const countered = after.steps.find((s) => s.tactic === 'x-acme.basket-mimicry');
    // Either the path moved elsewhere, or the same step now meets the control at its per-tactic 0.9.
    if (countered) {
      expect(countered.counters.map((c) => [c.control, c.effectiveness])).toEqual([['velocity-graph', 0.9]]);
      expect(countered.successProbability).toBeCloseTo(0.05, 10);
    }
    expect(after.weightedCost).toBeGreaterThan(today.weightedCost);
  });

  it('a control’s effectiveness against one tactic in this system overrides its default for that tactic only', () => {
    const loaded = load(
      mainText.replace(
        'costs:\n      hourlyRate: 15\n      accountPrice: 4',
        'tactics: [access.fresh-accounts, access.account-rotation]',
      ),
    );
    const index = applicabilityIndex(loaded.model, modelCatalog(loaded.model));
    const applicable = index.analyze(loaded.model.attackers[0]!).applicable;
    const at = (tactic: string) =>
      applicable
        .find((a) => a.tactic === tactic && a.component === 'device-check')
        ?.counteredBy.find((c) => c.control === 'device-reputation')?.effectiveness;
    expect(at('access.fresh-accounts')).toBe(0.8);
    expect(at('access.account-rotation')).toBe(0.5);
  });

  it('cost overrides change the cheapest path: hourly rate, account price, a tactic’s own cost', () => {
    const noCosts = load(mainText.replace('    costs:\n      hourlyRate: 15\n      accountPrice: 4\n', ''));
    const base = economics(noCosts).attackers[0]!;
    expect(base.weights).toBeUndefined();
    const withRate = economics(load()).attackers[0]!;
    expect(withRate.weights?.humanHours).toBe(15);
    expect(withRate.today.cheapest!.key).not.toBe(base.today.cheapest!.key);

    // The cheapest step's own tactic made dear in this system: the path moves off it.
    const first = base.today.cheapest!.steps[0]!.tactic!;
    const dear = load(
      mainText.replace(
        '      hourlyRate: 15\n      accountPrice: 4',
        `      tactics: { ${first}: { money: { min: 500, max: 1500 } } }`,
      ),
    );
    const moved = economics(dear).attackers[0]!;
    expect(moved.today.cheapest!.key).not.toContain(`${first}@`);

    // An account price raises every account-consuming step's money to at least the price per account.
    const accounts = load(mainText.replace('hourlyRate: 15\n      accountPrice: 4', 'accountPrice: 40'));
    const a = economics(accounts).attackers[0]!;
    for (const p of a.today.pareto)
      for (const s of p.steps) if (s.accountsPerAttempt > 0) expect(s.costPerAttempt.money).toBeGreaterThanOrEqual(40);
  });

  it('an attacker who works by hand cannot use a tactic that needs automation', () => {
    const needs = includedText.replace('knowledge: zero }', 'knowledge: zero, automation: true }');
    const byHand = load(mainText.replace('gainPerSuccess: 200', 'gainPerSuccess: 200\n    automation: false'), needs);
    const key = economics(byHand).attackers[0]!.today.cheapest?.key ?? '';
    expect(key).not.toContain('x-acme.basket-mimicry');
    expect(economics(load(mainText, needs)).attackers[0]!.today.cheapest!.key).toContain('x-acme.basket-mimicry');
  });

  it('simulates ranged costs by drawing once per trial (seeded: the same seed, the same numbers)', () => {
    const loaded = load();
    const run = () =>
      analyzeEconomics(loaded.model, modelCatalog(loaded.model), {
        recommendations: false,
        simulate: { trials: 500, seed: 3 },
      }).simulation!.results[0]!;
    const r = run();
    expect(r.assumptions.join(' ')).toContain('drawn once per trial');
    expect(run().money).toEqual(r.money);
  });
});
