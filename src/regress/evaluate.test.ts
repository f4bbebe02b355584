import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { row, tempDir, writeJsonl } from '../traces/testing/fixture.js';
import { evaluateSuite } from './evaluate.js';
import type { RegressionCase, Suite } from './suite.js';

const kase = (hash: string, miner: string, also: string[] = []): RegressionCase => ({
  id: `${miner}-${hash}`,
  input: 'x',
  expect: { decision: 'notAllow' },
  provenance: {
    miner,
    traceIds: [],
    times: [],
    reason: '',
    inputHash: hash,
    ...(also.length ? { also: also.map((m) => ({ miner: m, reason: '' })) } : {}),
  },
});

describe('evaluateSuite', () => {
  it('counts finds (spam that got through) in review order, first finds per campaign and miner precision', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const logs = writeJsonl(join(dir, 'd.jsonl'), [
        row({ inputHash: 'e1', truth: 'spam', decision: 'allow', campaign: 'cmp-a' }),
        row({ inputHash: 'e2', truth: 'spam', decision: 'review', reviewerOutcome: null, campaign: 'cmp-b' }),
        row({ inputHash: 'blocked', truth: 'spam', decision: 'block', score: 0.9, campaign: 'cmp-a' }),
        row({ inputHash: 'ham', truth: 'ham', decision: 'allow', score: 0.49 }),
        // No truth column value: known through events.json only.
        row({ inputHash: 'planted', decision: 'allow' }),
      ]);
      const events = join(dir, 'events.json');
      writeFileSync(
        events,
        JSON.stringify({
          events: [
            {
              kind: 'evasive-campaigns',
              campaign: 'cmp-p',
              tactic: 'zero-width',
              planted: [{ id: 'x', inputHash: 'planted' }],
            },
          ],
        }),
      );
      const suite: Suite = {
        kind: 'nograd-suite',
        version: 1,
        cases: [
          kase('ham', 'uncertain'),
          kase('e1', 'overturned'),
          kase('blocked', 'uncertain'),
          kase('planted', 'evasion-signals', ['uncertain']),
        ],
      };
      const r = await evaluateSuite(suite, { logs: [logs], events });
      expect(r.finds).toBe(2);
      expect(r.curve).toEqual([
        [0, 0],
        [2, 1],
        [4, 2],
      ]);
      expect(r.logs).toMatchObject({ rows: 5, evasionInputs: 3, uncertainInputs: 1, truthColumn: true });
      const byName = Object.fromEntries(r.campaigns.map((c) => [c.name, c]));
      expect(byName['cmp-a']).toMatchObject({ evasions: 1, finds: 1, firstFindRank: 2, firstFindShare: 0.5 });
      expect(byName['cmp-b']).toMatchObject({ evasions: 1, finds: 0, firstFindRank: null });
      expect(byName['cmp-p']).toMatchObject({ tactic: 'zero-width', firstFindRank: 4 });
      const uncertain = r.miners.find((m) => m.miner === 'uncertain');
      expect(uncertain).toMatchObject({ cases: 2, finds: 0, precision: 0, found: 3, foundFinds: 1 });
      expect(r.goals.everyCampaignWithin5Percent).toBe(false);
    } finally {
      cleanup();
    }
  });
});
