/** The economics layer on the shipped examples and on generated models. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CalibrationFile } from '../../contracts/calibration.js';
import { loadModel } from '../../model/loader.js';
import type { SystemModel } from '../../model/schema.js';
import { analyze } from '../analyze.js';
import { analyzeAttacker, GOAL_FAMILIES, targetsComponent } from '../applicability.js';
import { builtinCatalog } from '../catalog-data.js';
import { ModelGraph } from '../graph.js';
import { ApplicabilityIndex } from './applicability-index.js';
import { trafficFacts } from './defender.js';
import { diffEconomics } from './diff.js';
import { analyzeEconomics } from './economics.js';
import { generateModel } from './generate.js';
import { simulatePath } from './simulate.js';
import { withoutControl } from './what-if.js';

const catalog = builtinCatalog();
const ROOT = resolve(import.meta.dirname, '../../..');
const mail = loadModel(resolve(ROOT, 'examples/mail-filter/system.yaml'));
const mailModel = mail.model;

/**
 * A deliberately naive applicability analysis straight from the raw model (the shape the code had before the
 * resolved model and the index): effective access by walking flows per attacker, counters by walking the live path
 * per (tactic, component). The index must give the same answer.
 */
function naiveApplicable(model: SystemModel, a: SystemModel['attackers'][number]): string[] {
  const out = (id: string, kinds: string[]) => model.flows.filter((f) => f.from === id && kinds.includes(f.kind));
  const inc = (id: string, kinds: string[]) => model.flows.filter((f) => f.to === id && kinds.includes(f.kind));
  const walk = (start: string, next: (id: string) => string[]) => {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length) for (const n of next(stack.pop()!)) if (!seen.has(n) && seen.add(n)) stack.push(n);
    return seen;
  };
  const down = (id: string, kinds: string[]) => walk(id, (x) => out(x, kinds).map((f) => f.to));
  const up = (id: string, kinds: string[]) => walk(id, (x) => inc(x, kinds).map((f) => f.from));
  const byId = new Map(model.components.map((c) => [c.id, c]));
  const acc = new Map(model.components.map((c) => [c.id, { w: new Set<string>(), r: new Set<string>(), k: 'zero' }]));
  const entries = a.access ?? [];
  for (const e of entries) {
    const x = acc.get(e.component)!;
    x.k = e.knowledge;
    for (const r of e.read) if (r !== 'none') x.r.add(r);
    for (const w of e.write) if (w !== 'none') x.w.add(w);
  }
  for (const e of entries) {
    if (e.write.includes('live-input')) for (const id of down(e.component, ['live'])) acc.get(id)!.w.add('live-input');
    if (e.write.includes('feedback'))
      for (const id of down(e.component, ['feedback', 'training'])) {
        const kind = byId.get(id)!.kind;
        if (kind === 'training-data' || kind === 'model') acc.get(id)!.w.add('training-data');
        if (kind === 'account-identity') acc.get(id)!.w.add('feedback');
      }
    if (e.write.includes('training-data'))
      for (const id of down(e.component, ['training'])) acc.get(id)!.w.add('training-data');
    for (const r of e.read.filter((x) => x !== 'none'))
      for (const id of up(e.component, ['live'])) acc.get(id)!.r.add(r === 'score' || r === 'label' ? 'decision' : r);
  }
  if (entries.some((e) => e.write.includes('account'))) for (const x of acc.values()) x.w.add('account');
  const rank = { zero: 0, limited: 1, perfect: 2 } as const;
  const rows: string[] = [];
  for (const c of model.components) {
    const x = acc.get(c.id)!;
    for (const t of catalog.tactics) {
      if (!GOAL_FAMILIES[a.goal].includes(t.family) || (a.tactics && !a.tactics.includes(t.id))) continue;
      if (!targetsComponent(t, c, new ModelGraph(model))) continue;
      if (t.requires.write.some((w) => !x.w.has(w))) continue;
      if (t.requires.read?.length && !t.requires.read.some((r) => x.r.has(r))) continue;
      if (t.requires.knowledge && rank[x.k as keyof typeof rank] < rank[t.requires.knowledge]) continue;
      const around = new Set([c.id, ...up(c.id, ['live']), ...down(c.id, ['live'])]);
      const counters = model.controls.filter(
        (k) =>
          (k.on.some((id) => around.has(id)) ||
            model.components.some((m) => around.has(m.id) && m.controls?.includes(k.id))) &&
          (k.counters ?? catalog.controls.find((cc) => cc.id === k.catalog)?.counters ?? []).includes(t.id),
      );
      const eff = (k: (typeof counters)[number]) =>
        k.effectiveness ?? catalog.controls.find((cc) => cc.id === k.catalog)?.effectiveness ?? 0.5;
      const today = counters
        .filter((k) => k.status === 'implemented')
        .reduce((p, k) => p * (1 - eff(k)), t.baseSuccess);
      const planned = counters.reduce((p, k) => p * (1 - eff(k)), t.baseSuccess);
      rows.push(`${t.id}@${c.id}:${today.toFixed(12)}/${planned.toFixed(12)}`);
    }
  }
  return rows.sort();
}

describe('ApplicabilityIndex', () => {
  it('gives the same applicability as a naive analysis of the raw model (examples and a generated model)', () => {
    const models: SystemModel[] = [
      mailModel,
      loadModel(resolve(ROOT, 'examples/abuse-funnel/system.yaml')).model,
      generateModel({ components: 120, attackers: 4, seed: 3, pipelineSize: 40, catalog }),
    ];
    for (const model of models) {
      const graph = new ModelGraph(model);
      const index = new ApplicabilityIndex(model, catalog);
      for (const a of model.attackers) {
        const findings = analyzeAttacker(a, graph, catalog);
        const fast = index.analyze(a);
        const key = (x: {
          tactic: string;
          component: string;
          successProbability: number;
          plannedSuccessProbability: number;
        }) =>
          `${x.tactic}@${x.component}:${x.successProbability.toFixed(12)}/${x.plannedSuccessProbability.toFixed(12)}`;
        expect(fast.applicable.map(key).sort()).toEqual(naiveApplicable(model, a));
        // Findings and economics read one derivation of capability.
        expect(findings.applicable.map(key).sort()).toEqual(fast.applicable.map(key).sort());
        expect(fast.uncountered.length).toBe(findings.uncountered.length);
      }
    }
  });
});

describe('attack paths', () => {
  const e = analyzeEconomics(mailModel, catalog, { recommendations: false });

  it('finds a cheapest path through the funnel per attacker, with a full cost vector and a Pareto front', () => {
    const spammer = e.attackers.find((a) => a.attacker === 'spammer')!;
    const path = spammer.today.cheapest!;
    expect(path.steps.map((s) => s.stage)).toEqual(['automation', 'access', 'activity', 'application']);
    expect(Object.keys(path.cost).sort()).toEqual(
      ['detectionRisk', 'humanHours', 'implementationHours', 'money', 'queries', 'timeHours'].sort(),
    );
    expect(spammer.today.paretoSize).toBeGreaterThan(1);
    for (const p of spammer.today.pareto) expect(p.weightedCost).toBeGreaterThanOrEqual(path.weightedCost);
  });

  it('reaches a poisoning goal only through a side door', () => {
    const poisoner = e.attackers.find((a) => a.attacker === 'feedback-poisoner')!;
    const last = poisoner.today.cheapest!.steps.at(-1)!;
    expect(last.kind).toBe('side-door');
    expect(last.sideDoor).toBe('feedback');
    expect(last.landsOn).toBe('spam-model');
  });

  it('planned controls never make the cheapest path cheaper', () => {
    for (const a of e.attackers) {
      if (a.today.cheapest && a.planned.cheapest)
        expect(a.planned.cheapest.weightedCost).toBeGreaterThanOrEqual(a.today.cheapest.weightedCost - 1e-9);
    }
  });

  it('changes the cheapest path with the weights, never the cost vectors', () => {
    const heavyTime = analyzeEconomics(mailModel, catalog, {
      recommendations: false,
      weights: { money: 0, humanHours: 0, implementationHours: 0, queries: 0, timeHours: 1, detectionRisk: 0 },
    });
    for (const a of heavyTime.attackers) {
      const front = a.today.pareto;
      const minTime = Math.min(...front.map((p) => p.cost.timeHours));
      expect(a.today.cheapest!.cost.timeHours).toBeCloseTo(minTime, 9);
    }
  });

  it('stays polynomial on a generated 2,000-component model (bounded labels)', () => {
    const model = generateModel({ components: 2000, attackers: 10, seed: 1, catalog });
    const big = analyzeEconomics(model, catalog, { recommendations: false });
    expect(big.attackers).toHaveLength(10);
    for (const a of big.attackers) expect(a.today.search.labels).toBeLessThan(200_000);
    expect(big.attackers.some((a) => a.today.cheapest !== null)).toBe(true);
  });
});

describe('simulation', () => {
  const e = analyzeEconomics(mailModel, catalog, { recommendations: false });
  const spammer = mailModel.attackers.find((a) => a.id === 'spammer')!;
  const path = e.attackers.find((a) => a.attacker === 'spammer')!.today.cheapest!;
  const run = (seed: number, trials = 20_000, budget = spammer.budget) =>
    simulatePath({
      attacker: { ...spammer, ...(budget ? { budget } : {}) },
      path,
      scenario: 'today',
      trials,
      seed,
      traffic: trafficFacts(mailModel),
      falsePositiveRate: 0.01,
    });

  it('is reproducible with a seed and differs with another', () => {
    expect(run(5, 2000)).toEqual(run(5, 2000));
    expect(run(6, 2000).timeHours.mean).not.toBe(run(5, 2000).timeHours.mean);
  });

  it('matches the analytic expectation of attempts and money', () => {
    const r = run(1);
    expect(r.attempts.mean).toBeGreaterThan(path.expectedAttempts * 0.95);
    expect(r.attempts.mean).toBeLessThan(path.expectedAttempts * 1.05);
    // Money: the analytic cost plus replaced accounts after detection (never less than the analytic cost).
    expect(r.money.mean).toBeGreaterThan(path.cost.money * 0.95);
    expect(r.succeeded).toBe(r.trials);
  });

  it('gives a lower chance of success within a smaller budget', () => {
    const rich = run(2, 5000, { money: 1e6, timeHours: 1e6 });
    const poor = run(2, 5000, { money: path.cost.money, timeHours: path.cost.timeHours / 2 });
    expect(rich.pSuccessWithinBudget).toBe(1);
    expect(poor.pSuccessWithinBudget).toBeLessThan(0.9);
    expect(poor.overBudget.timeHours).toBeGreaterThan(0.1);
  });

  it('loads the review queue and reports false positives over the campaign', () => {
    const r = run(3, 2000);
    expect(r.defender.review?.component).toBe('review-queue');
    expect(r.defender.review?.reviewHoursDuringCampaign.mean).toBeGreaterThan(0);
    // What the attacker adds is reported apart from the baseline benign review load over the same days.
    const caused = r.defender.review!.reviewHoursCausedByAttacker;
    expect(caused.mean).toBeGreaterThan(0);
    expect(caused.mean).toBeLessThan(r.defender.review!.reviewHoursDuringCampaign.mean);
    expect(r.defender.falsePositivesDuringCampaign.median).toBeCloseTo(
      r.defender.falsePositivesPerDay * (r.timeHours.median / 24),
      6,
    );
  });
});

describe('recommendations', () => {
  const e = analyzeEconomics(mailModel, catalog, {});
  const rec = e.recommendations!;

  it('ranks candidate controls by attacker cost raised per unit of defender cost', () => {
    expect(rec.add.length).toBeGreaterThan(3);
    const ranked = rec.add.filter((c) => !c.blocksSome && c.ratio !== null);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.ratio!).toBeGreaterThanOrEqual(ranked[i]!.ratio!);
    const feedback = rec.add.find((c) => c.control === 'feedback-rate-limit');
    expect(feedback?.perAttacker.find((d) => d.attacker === 'feedback-poisoner')?.delta).toBeGreaterThan(0);
  });

  it('shows what removing an existing control would cost and checks model hardening alone', () => {
    expect(rec.existing.some((c) => c.attackerCostRaised < 0)).toBe(true);
    const removed = rec.existing[0]!;
    const again = analyzeEconomics(withoutControl(mailModel, removed.control), catalog, { recommendations: false });
    const before = e.attackers.reduce((s, a) => s + (a.today.cheapest?.weightedCost ?? 0), 0);
    const after = again.attackers.reduce((s, a) => s + (a.today.cheapest?.weightedCost ?? 0), 0);
    expect(after - before).toBeCloseTo(removed.attackerCostRaised, 6);
    expect(rec.hardening.every((h) => h.added.length > 0)).toBe(true);
    expect(rec.hardening.some((h) => h.leavesOpen)).toBe(true);
  });
});

describe('calibration', () => {
  const file: CalibrationFile = {
    kind: 'nograd-calibration',
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    runId: 'r1',
    campaign: 'test',
    target: { kind: 'reference', fingerprint: 'x' },
    evasionCondition: { when: 'label is ham', scoreBelow: null },
    components: ['spam-model'],
    tactics: {
      'input.zero-width-characters': {
        tacticId: 'input.zero-width-characters',
        configuredAs: 'input.zero-width-characters',
        n: 200,
        successes: 20,
        successRate: 0.1,
        ci95: { low: 0.066, high: 0.149 },
        validRate: 1,
        notApplicable: 0,
        costPerAttempt: {
          money: 0,
          humanHours: 0.01,
          implementationHours: 1,
          queries: 1,
          timeHours: 0.01,
          detectionRisk: 0.01,
        },
        costPerSuccess: null,
        predicted: null,
        hardened: {},
        alternatives: [],
      },
    },
  };

  it('shows predicted against measured and uses the measured rate in the paths', () => {
    const before = analyzeEconomics(mailModel, catalog, { recommendations: false });
    const after = analyzeEconomics(mailModel, catalog, {
      recommendations: false,
      calibration: { file, path: 'c.json' },
    });
    const row = after.calibration!.rows[0]!;
    expect(row.tactic).toBe('input.zero-width-characters');
    expect(row.measured.successRate).toBe(0.1);
    expect(row.predicted!.successProbability).toBeGreaterThan(0.149);
    expect(row.withinCi).toBe(false);
    expect(after.calibration!.appliedToPaths).toBe(true);
    const phisher = (r: typeof before) => r.attackers.find((a) => a.attacker === 'phisher')!.today.cheapest!;
    expect(phisher(before).key).toMatch(/zero-width/);
    expect(phisher(after).key).not.toMatch(/zero-width/);
  });

  it('treats catalog rates as priors: estimates until measured, then the posterior, and judges the catalog', () => {
    const before = analyzeEconomics(mailModel, catalog, { recommendations: false });
    const zw = before.rates['input.zero-width-characters']!;
    expect(zw.basis).toBe('estimate');
    expect(zw.ci90[0]).toBeLessThan(zw.mean);
    const step = before.attackers
      .find((a) => a.attacker === 'phisher')!
      .today.cheapest!.steps.find((s) => s.tactic === 'input.zero-width-characters')!;
    expect(step.successInterval).toMatchObject({ basis: 'estimate' });
    expect(step.successInterval!.low).toBeLessThan(step.successProbability);
    expect(step.successInterval!.high).toBeGreaterThan(step.successProbability);

    const after = analyzeEconomics(mailModel, catalog, {
      recommendations: false,
      calibration: { file, path: 'c.json' },
    });
    const row = after.calibration!.rows[0]!;
    // The posterior sits between the catalog's prior and the measurement, much nearer the 200 measured attempts.
    expect(row.belief).toMatchObject({ basis: 'measured', successes: 20, attempts: 200 });
    expect(row.belief!.mean).toBeGreaterThan(0.1);
    expect(row.belief!.mean).toBeLessThan(0.12);
    expect(row.outsideBy).toBeGreaterThan(0);
    const j = after.calibration!.judgement;
    expect(j).toMatchObject({ judged: 1, outside: 1, overestimated: 1, worst: 'input.zero-width-characters' });
    expect(j.verdict).toMatch(/^miscalibrated: 1 of 1 predictions/);
    const change = j.cheapestChange!.find((c) => c.attacker === 'phisher')!;
    expect(change.predicted).toMatch(/zero-width/);
    expect(change.measured).not.toMatch(/zero-width/);
  });
});

describe('diff', () => {
  it('reports a removed control as a cost fall and implemented plans as dearer', () => {
    const side = (model: SystemModel, file: string) => {
      const loaded = { ...mail, model };
      return {
        file,
        model,
        analysis: analyze(loaded, { catalog, today: '2026-01-01' }),
        economics: analyzeEconomics(model, catalog, { recommendations: false }),
      };
    };
    const base = side(mailModel, 'before.yaml');
    const weaker = side(withoutControl(mailModel, 'bulk-detection-control'), 'after.yaml');
    const d = diffEconomics({ before: base, after: weaker });
    expect(d.costFell).toBe(true);
    expect(d.controls.removed).toEqual(['bulk-detection-control']);
    expect(d.attackers.some((a) => a.status === 'cheaper')).toBe(true);
    const planned = {
      ...mailModel,
      controls: mailModel.controls.map((c) => ({ ...c, status: 'implemented' as const })),
    };
    const stronger = diffEconomics({ before: base, after: side(planned, 'after.yaml') });
    expect(stronger.costFell).toBe(false);
    expect(stronger.attackers.every((a) => a.status === 'dearer' || a.status === 'unchanged')).toBe(true);
    // A generous tolerance lets the fall through the gate.
    expect(diffEconomics({ before: base, after: weaker, tolerance: 0.99 }).costFell).toBe(false);
  });
});

describe('side doors', () => {
  const yaml = `nograd: 1
system: { id: doors, name: Side doors }
components:
  - { id: inbox, kind: input-source, layer: automation, modality: text }
  - id: normalizer
    kind: preprocessing
    layer: application
    modality: text
    assumptions: [{ id: nfc, text: "text arrives NFC-normalized unicode" }]
  - { id: classifier, kind: model, layer: application, modality: text, paradigm: deep }
  - { id: gate, kind: policy, layer: application }
flows:
  - { from: inbox, to: normalizer }
  - { from: normalizer, to: classifier }
  - { from: classifier, to: gate }
controls:
  - { id: adv, catalog: adversarial-training, on: [classifier] }
dependencies:
  - { id: tok, name: tokenizer-lib, type: library, pinned: false, usedBy: [normalizer] }
attackers:
  - id: evader
    goal: evade
    target: gate
    tactics: [input.confusable-characters, access.malicious-dependency]
    access:
      - { component: inbox, knowledge: limited, read: [decision], write: [live-input] }
`;
  it('finds the assumption side door past model hardening and the unpinned-dependency side door', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = resolve(mkdtempSync(resolve(tmpdir(), 'nograd-doors-')), 'doors.yaml');
    writeFileSync(file, yaml);
    const model = loadModel(file).model;
    const e = analyzeEconomics(model, catalog, { recommendations: false, maxParetoReported: 1000 });
    const steps = e.attackers[0]!.today.pareto.flatMap((p) => p.steps);
    const assumption = steps.find((s) => s.sideDoor === 'assumption');
    expect(assumption?.tactic).toBe('input.confusable-characters');
    expect(assumption?.bypassed?.map((b) => b.control)).toEqual(['adv']);
    expect(assumption?.counters.map((c) => c.control)).not.toContain('adv');
    const dependency = steps.find((s) => s.sideDoor === 'dependency');
    expect(dependency?.dependency).toBe('tok');
    // Pinning the dependency closes that door.
    const pinned = analyzeEconomics(
      { ...model, dependencies: model.dependencies.map((d) => ({ ...d, pinned: true })) },
      catalog,
      { recommendations: false, maxParetoReported: 1000 },
    );
    expect(pinned.attackers[0]!.today.pareto.flatMap((p) => p.steps).some((s) => s.sideDoor === 'dependency')).toBe(
      false,
    );
  });
});
