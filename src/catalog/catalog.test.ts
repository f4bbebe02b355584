/** Integrity of the catalog data: ids, counts, references, coverage and value ranges. */
import { describe, expect, it } from 'vitest';
import { COST_DIMENSIONS, DEFENDER_COST_DIMENSIONS } from '../model/cost.js';
import { Component } from '../model/schema.js';
import { COMPONENT_KINDS, KNOWLEDGE_LEVELS, LAYERS, READ_ACCESS, WRITE_ACCESS } from '../model/vocabulary.js';
import {
  CONTROL_CATEGORIES,
  CONTROLS,
  counteredByIndex,
  FAMILY_INFO,
  KIND_INFO,
  MODALITIES,
  TACTIC_FAMILIES,
  TACTICS,
} from './index.js';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const tacticIds = new Set(TACTICS.map((t) => t.id));
const controlIds = new Set(CONTROLS.map((c) => c.id));

describe('tactics', () => {
  it('has at least 45 tactics with unique ids', () => {
    expect(TACTICS.length).toBeGreaterThanOrEqual(45);
    expect(tacticIds.size).toBe(TACTICS.length);
  });

  it('uses ids of the form <family prefix>.<kebab-name>', () => {
    for (const t of TACTICS) {
      const [prefix, name, ...rest] = t.id.split('.');
      expect(rest, t.id).toEqual([]);
      expect(FAMILY_INFO[t.family].idPrefixes, t.id).toContain(prefix);
      expect(name ?? '', t.id).toMatch(KEBAB);
    }
  });

  it('covers all seven families', () => {
    expect(TACTIC_FAMILIES).toHaveLength(7);
    for (const f of TACTIC_FAMILIES)
      expect(
        TACTICS.some((t) => t.family === f),
        f,
      ).toBe(true);
  });

  it('states requirements and targets in the model vocabulary', () => {
    for (const t of TACTICS) {
      expect(t.requires.write.length, t.id).toBeGreaterThan(0);
      for (const w of t.requires.write) expect(WRITE_ACCESS, t.id).toContain(w);
      expect(t.requires.write, t.id).not.toContain('none');
      if (t.requires.read) {
        expect(t.requires.read.length, t.id).toBeGreaterThan(0);
        for (const r of t.requires.read) expect(READ_ACCESS, t.id).toContain(r);
        expect(t.requires.read, `${t.id}: omit read instead of listing none`).not.toContain('none');
      }
      if (t.requires.knowledge) expect(KNOWLEDGE_LEVELS).toContain(t.requires.knowledge);
      if (t.requires.accounts !== undefined)
        expect(Number.isInteger(t.requires.accounts) && t.requires.accounts > 0).toBe(true);
      expect(t.targets.kinds.length, t.id).toBeGreaterThan(0);
      for (const k of t.targets.kinds) expect(COMPONENT_KINDS, t.id).toContain(k);
      for (const l of t.targets.layers ?? []) expect(LAYERS, t.id).toContain(l);
      for (const m of t.targets.modalities ?? []) expect(MODALITIES, t.id).toContain(m);
    }
  });

  it('has non-negative cost vectors, a detection risk and success probability in [0, 1], and a cost note', () => {
    for (const t of TACTICS) {
      expect(Object.keys(t.cost).sort(), t.id).toEqual([...COST_DIMENSIONS].sort());
      for (const d of COST_DIMENSIONS) {
        expect(Number.isFinite(t.cost[d]) && t.cost[d] >= 0, `${t.id}.${d}`).toBe(true);
      }
      expect(t.cost.detectionRisk, t.id).toBeLessThanOrEqual(1);
      expect(t.baseSuccess, t.id).toBeGreaterThan(0);
      expect(t.baseSuccess, t.id).toBeLessThanOrEqual(1);
      expect(t.costNote.length, t.id).toBeGreaterThan(20);
    }
  });

  it('has lower-case, non-empty breaks keywords and a summary', () => {
    for (const t of TACTICS) {
      expect(t.breaks.length, t.id).toBeGreaterThan(0);
      for (const k of t.breaks) {
        expect(k, t.id).toBe(k.toLowerCase());
        expect(k.trim().length, t.id).toBeGreaterThanOrEqual(3);
      }
      expect(t.summary.length, t.id).toBeGreaterThan(40);
    }
  });

  it('records RG Table II: 11 strategies whose counts sum to 147 over 100 pages', () => {
    const counts = TACTICS.flatMap((t) => {
      const m = /RG Table II: seen on (\d+) of 100/.exec(t.evidence ?? '');
      return m ? [Number(m[1])] : [];
    });
    expect(counts.sort((a, b) => b - a)).toEqual([25, 23, 20, 16, 13, 12, 11, 10, 8, 6, 3]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(147);
  });

  it('includes the practical tricks the paper and its case studies name', () => {
    for (const id of [
      'layout.blurred-logo',
      'layout.cropped-logo',
      'layout.stretched-logo',
      'layout.company-name-style',
      'layout.brand-name-removal',
      'layout.no-visual-logo',
      'layout.background-patterns',
      'layout.stacked-forms',
      'layout.login-obfuscation',
      'layout.masking',
      'layout.form-as-image',
      'layout.hidden-good-words',
      'input.confusable-characters',
      'input.zero-width-characters',
      'layout.mime-reencoding',
      'url.redirect-chain',
      'access.fresh-accounts',
      'access.aged-account-purchase',
      'activity.low-and-slow',
      'activity.template-variation',
      'feedback.mass-not-spam',
      'layout.benign-template-wrapping',
      'input.encode-decode-on-load',
      'input.benign-carrier-embedding',
      'feedback.public-source-poisoning',
      'access.poisoned-dataset',
      'access.malicious-dependency',
    ]) {
      expect(tacticIds.has(id), id).toBe(true);
    }
  });
});

describe('controls', () => {
  it('has at least 30 controls with unique kebab-case ids', () => {
    expect(CONTROLS.length).toBeGreaterThanOrEqual(30);
    expect(controlIds.size).toBe(CONTROLS.length);
    for (const c of CONTROLS) expect(c.id).toMatch(KEBAB);
  });

  it('counters only tactics that exist, and enables only controls that exist', () => {
    for (const c of CONTROLS) {
      for (const id of c.counters) expect(tacticIds.has(id), `${c.id} counters ${id}`).toBe(true);
      expect(new Set(c.counters).size, `${c.id} lists a tactic twice`).toBe(c.counters.length);
      for (const id of c.enables ?? []) {
        expect(controlIds.has(id), `${c.id} enables ${id}`).toBe(true);
        expect(id).not.toBe(c.id);
      }
    }
  });

  it('counters every practical (non model-level) tactic with at least one control', () => {
    const index = counteredByIndex();
    const uncountered = TACTICS.filter((t) => t.family !== 'model-level' && (index.get(t.id) ?? []).length === 0);
    expect(uncountered.map((t) => t.id)).toEqual([]);
  });

  it('gives a control that counters nothing something to enable', () => {
    for (const c of CONTROLS.filter((x) => x.counters.length === 0)) {
      expect(c.enables?.length ?? 0, c.id).toBeGreaterThan(0);
    }
  });

  it('uses the model vocabulary and sane defaults', () => {
    for (const c of CONTROLS) {
      expect(CONTROL_CATEGORIES).toContain(c.category);
      if (c.layer) expect(LAYERS).toContain(c.layer);
      expect(c.guards.length, c.id).toBeGreaterThan(0);
      for (const k of c.guards) expect(COMPONENT_KINDS, c.id).toContain(k);
      expect(c.effectiveness).toBeGreaterThanOrEqual(0);
      expect(c.effectiveness).toBeLessThanOrEqual(1);
      if (c.counters.length > 0) expect(c.effectiveness, c.id).toBeGreaterThan(0);
      expect(Object.keys(c.defenderCost).sort(), c.id).toEqual([...DEFENDER_COST_DIMENSIONS].sort());
      for (const d of DEFENDER_COST_DIMENSIONS) expect(c.defenderCost[d] >= 0, `${c.id}.${d}`).toBe(true);
      expect(c.defenderCost.falsePositiveRate).toBeLessThanOrEqual(1);
    }
  });

  it('says so in the summary when a framework has no fitting entry', () => {
    for (const c of CONTROLS) {
      if (c.aidefend.length === 0) expect(c.summary, c.id).toContain('AIDEFEND');
      if (c.atlasMitigations.length === 0) expect(c.summary, c.id).toContain('ATLAS');
    }
  });

  it('covers the operational topics a threat model of an ML system needs', () => {
    const topics: Record<string, string> = {
      'threat modeling': 'threat-modeling',
      'dependency mapping': 'dependency-mapping',
      'feature-pipeline integrity': 'feature-pipeline-integrity',
      'input normalization': 'input-normalization',
      'posture baselines': 'posture-baseline',
      'operational metrics': 'operational-metrics',
      'drift monitoring': 'drift-monitoring',
      'security alerting': 'security-alerting',
      'rate limits': 'rate-limit',
      'account reputation': 'account-reputation',
      'human review': 'human-review',
      'feedback-loop hygiene': 'feedback-hygiene',
      'adversarial robustness training': 'adversarial-training',
    };
    for (const [topic, id] of Object.entries(topics)) expect(controlIds.has(id), topic).toBe(true);
  });

  it('includes the controls the reference mail-filter example instantiates', () => {
    for (const id of [
      'signup-challenge',
      'account-reputation',
      'rate-limit',
      'template-clustering',
      'nested-encoding-decoding',
      'hidden-text-stripping',
      'confusable-skeleton',
      'human-review',
      'feedback-rate-limit',
      'decision-logging',
    ]) {
      expect(controlIds.has(id), id).toBe(true);
    }
  });
});

describe('component kinds and modalities', () => {
  it('describes every component kind with typical assumptions', () => {
    expect(Object.keys(KIND_INFO).sort()).toEqual([...COMPONENT_KINDS].sort());
    for (const k of COMPONENT_KINDS) {
      expect(KIND_INFO[k].kind).toBe(k);
      expect(KIND_INFO[k].description.length).toBeGreaterThan(20);
      expect(KIND_INFO[k].typicalAssumptions.length).toBeGreaterThan(0);
    }
  });

  it('keeps MODALITIES identical to the schema’s component modality enum', () => {
    const modality = Component.shape.modality.unwrap();
    expect([...modality.options].sort()).toEqual([...MODALITIES].sort());
  });
});
