import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Tactic } from '../catalog/types.js';
import { costOf } from '../model/cost.js';
import { loadModel } from '../model/loader.js';
import { targetsComponent } from './applicability.js';
import { ModelGraph } from './graph.js';

const FILE = resolve('/virtual/applicability.yaml');

const IMAGE_TACTIC: Tactic = {
  id: 'input.image-jitter',
  name: 'image jitter',
  family: 'input-transformation',
  summary: 'jitter an image',
  requires: { write: ['live-input'] },
  targets: { kinds: ['policy'], modalities: ['image'] },
  breaks: [],
  cost: costOf({ queries: 1 }),
  costNote: 'fixture',
  baseSuccess: 0.5,
  atlas: [],
};

function graphOf(sourceModality?: string): ModelGraph {
  const modality = sourceModality ? `, modality: ${sourceModality}` : '';
  const text = `nograd: 1
system: { id: s, name: S }
components:
  - { id: src, kind: input-source, layer: application${modality} }
  - { id: pol, kind: policy, layer: application }
flows:
  - { from: src, to: pol, kind: live }
`;
  return new ModelGraph(loadModel(FILE, { overrides: { [FILE]: text } }).model);
}

describe('targetsComponent', () => {
  it('does not aim an image tactic at a policy whose live inputs are all text', () => {
    const g = graphOf('text');
    expect(targetsComponent(IMAGE_TACTIC, g.byId.get('pol')!, g)).toBe(false);
  });
  it('aims it at a policy fed by an image source', () => {
    const g = graphOf('image');
    expect(targetsComponent(IMAGE_TACTIC, g.byId.get('pol')!, g)).toBe(true);
  });
  it('assumes it may apply when no component states a modality', () => {
    const g = graphOf();
    expect(targetsComponent(IMAGE_TACTIC, g.byId.get('pol')!, g)).toBe(true);
  });
  it('respects a modality the component states itself', () => {
    const g = graphOf('image');
    expect(targetsComponent(IMAGE_TACTIC, { ...g.byId.get('pol')!, modality: 'text' }, g)).toBe(false);
  });
});
