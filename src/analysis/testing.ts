/** Test fixtures for the analysis: a small catalog and a model loaded from a string. Used by unit tests only. */
import { resolve } from 'node:path';
import type { Control, Tactic } from '../catalog/types.js';
import { costOf, defenderCostOf } from '../model/cost.js';
import { type LoadedModel, loadModel } from '../model/loader.js';
import type { AnalyzeOptions } from './analyze.js';

const tactic = (t: Partial<Tactic> & Pick<Tactic, 'id' | 'family' | 'requires' | 'targets'>): Tactic => ({
  name: t.id,
  summary: t.id,
  breaks: [],
  cost: costOf({ humanHours: 1, queries: 10 }),
  costNote: 'fixture',
  baseSuccess: 0.8,
  atlas: ['AML.T0043.003'],
  ...t,
});

export const FIXTURE_CATALOG: AnalyzeOptions['catalog'] = {
  atlasVersion: 'test',
  aidefendVersion: 'test',
  tactics: [
    tactic({
      id: 'input.confusables',
      family: 'input-transformation',
      requires: { write: ['live-input'] },
      targets: { kinds: ['feature-extraction', 'model'] },
      breaks: ['ascii', 'unicode'],
    }),
    tactic({
      id: 'access.fresh-accounts',
      family: 'access-abuse',
      requires: { write: ['account'] },
      targets: { kinds: ['account-identity'] },
      breaks: ['account age'],
    }),
    tactic({
      id: 'feedback.mass-not-spam',
      family: 'feedback-abuse',
      requires: { write: ['feedback'], accounts: 10 },
      targets: { kinds: ['feedback'] },
      breaks: ['honest'],
    }),
    tactic({
      id: 'model.gradient',
      family: 'model-level',
      requires: { write: ['live-input'], read: ['score'], knowledge: 'perfect' },
      targets: { kinds: ['model'] },
    }),
  ],
  controls: [
    {
      id: 'input-normalization',
      name: 'Input normalization',
      summary: '',
      category: 'system',
      guards: ['preprocessing'],
      counters: ['input.confusables'],
      effectiveness: 0.9,
      defenderCost: defenderCostOf({}),
      aidefend: [{ id: 'AID-H-002.002', name: 'x' }],
      atlasMitigations: [],
    },
    {
      id: 'account-reputation',
      name: 'Account reputation',
      summary: '',
      category: 'system',
      guards: ['account-identity'],
      counters: ['access.fresh-accounts'],
      effectiveness: 0.5,
      defenderCost: defenderCostOf({}),
      aidefend: [],
      atlasMitigations: [],
    },
    {
      id: 'feedback-rate-limit',
      name: 'Feedback rate limit',
      summary: '',
      category: 'system',
      guards: ['feedback'],
      counters: ['feedback.mass-not-spam'],
      effectiveness: 0.8,
      defenderCost: defenderCostOf({}),
      aidefend: [],
      atlasMitigations: [],
    },
    {
      id: 'adversarial-training',
      name: 'Adversarial training',
      summary: '',
      category: 'model-hardening',
      guards: ['model'],
      counters: ['model.gradient', 'input.confusables'],
      effectiveness: 0.3,
      defenderCost: defenderCostOf({}),
      aidefend: [],
      atlasMitigations: [],
    },
    {
      id: 'rate-limit',
      name: 'Rate limit',
      summary: '',
      category: 'system',
      guards: ['activity-monitor'],
      counters: [],
      effectiveness: 0.5,
      defenderCost: defenderCostOf({}),
      aidefend: [],
      atlasMitigations: [],
    },
    {
      id: 'drift-monitoring',
      name: 'Drift monitoring',
      summary: '',
      category: 'monitoring',
      guards: ['model'],
      counters: [],
      effectiveness: 0.3,
      defenderCost: defenderCostOf({}),
      aidefend: [],
      atlasMitigations: [],
    },
    {
      id: 'decision-logging',
      name: 'Decision logging',
      summary: '',
      category: 'monitoring',
      guards: ['logging'],
      counters: [],
      effectiveness: 0.3,
      defenderCost: defenderCostOf({}),
      aidefend: [],
      atlasMitigations: [],
    },
  ] satisfies Control[],
};

export const FIXTURE_FILE = resolve('/virtual/fixture.yaml');

export function loadFixture(yaml: string, extra: Record<string, string> = {}): LoadedModel {
  return loadModel(FIXTURE_FILE, { overrides: { [FIXTURE_FILE]: yaml, ...extra } });
}
