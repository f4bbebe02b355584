/** The resolved model: effective access along flows, controls on each component, one object per model. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from './loader.js';
import { resolveModel } from './resolved.js';

const FILE = resolve('/virtual/resolved.yaml');
const TEXT = `nograd: 1
system: { id: s, name: S }
components:
  - { id: inbox, kind: input-source, layer: automation }
  - { id: clf, kind: model, layer: application, controls: [norm] }
  - { id: pol, kind: policy, layer: application }
  - { id: fb, kind: feedback }
  - { id: train, kind: training-data }
  - { id: side, kind: logging }
flows:
  - { from: inbox, to: clf, kind: live }
  - { from: clf, to: pol, kind: live }
  - { from: fb, to: train, kind: feedback }
  - { from: train, to: clf, kind: training }
controls:
  - { id: norm, catalog: input-normalization, on: [inbox] }
  - { id: rl, catalog: rate-limit, on: [pol], status: planned }
attackers:
  - id: a
    goal: evade
    target: pol
    access:
      - { component: inbox, knowledge: limited, read: [none], write: [live-input] }
      - { component: pol, knowledge: zero, read: [score], write: [none] }
      - { component: fb, knowledge: zero, read: [none], write: [feedback] }
`;
const loaded = loadModel(FILE, { overrides: { [FILE]: TEXT } });

describe('resolveModel', () => {
  it('is attached by the loader and computed once per model object', () => {
    expect(loaded.resolved).toBe(resolveModel(loaded.model));
  });

  it('propagates live input downstream, feedback into training, and outcomes upstream', () => {
    const access = loaded.resolved.accessOf(loaded.model.attackers[0]!);
    expect([...access.at('clf')!.write]).toContain('live-input');
    expect(access.at('clf')!.writeVia.get('live-input')).toBe('inbox');
    expect([...access.at('pol')!.write]).toContain('live-input');
    expect([...access.at('train')!.write]).toContain('training-data');
    expect([...access.at('clf')!.write]).toContain('training-data');
    expect(access.at('side')!.write.size).toBe(0);
    // A score seen at the policy tells pass/fail upstream: "decision" at the model and the inbox.
    expect([...access.at('inbox')!.read]).toEqual(['decision']);
    expect([...access.at('pol')!.read]).toEqual(['score']);
  });

  it('lists the controls on a component from both directions, with their status', () => {
    const r = loaded.resolved;
    expect(r.controls('inbox').map((c) => c.id)).toEqual(['norm']);
    expect(r.controls('clf').map((c) => c.id)).toEqual(['norm']);
    expect(r.controls('pol', 'implemented')).toEqual([]);
    expect(r.controls('pol', 'planned').map((c) => c.id)).toEqual(['rl']);
    expect([...r.guardedComponents('norm')]).toEqual(['inbox', 'clf']);
    expect(r.flowsOf('training').map((f) => f.to)).toEqual(['clf']);
  });
});
