import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mineSuite } from '../../regress/mine-suite.js';
import { row, tempDir, writeJsonl } from '../testing/fixture.js';

const dirs: Array<() => void> = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d();
});

function setup(attempts: object[]) {
  const { dir, cleanup } = tempDir();
  dirs.push(cleanup);
  const logs = writeJsonl(join(dir, 'decisions.jsonl'), [row(), row()]);
  const results = writeJsonl(join(dir, 'attempts.jsonl'), attempts);
  return { logs, results, dir };
}

describe('miner: campaign-evasion', () => {
  it('fires on attempts that evaded, becoming cases that expect the input to be stopped', async () => {
    const { logs, results, dir } = setup([
      { id: 'a1', input: 'Subject: fr€e m0ney', evaded: true, tactic: 'homoglyphs', decision: 'allow', score: 0.2 },
      { id: 'a2', input: 'Subject: free money', evaded: false, tactic: 'none', decision: 'block', score: 0.99 },
    ]);
    const r = await mineSuite([logs], {
      miners: ['campaign-evasion'],
      campaignResults: [results],
      store: { threads: 1, directory: dir },
    });
    expect(r.mining.miners[0]).toMatchObject({ name: 'campaign-evasion', matched: 1, kept: 1 });
    const [c] = r.suite.cases;
    expect(c?.input).toBe('Subject: fr€e m0ney');
    expect(c?.expect).toEqual({ decision: 'notAllow' });
    expect(c?.provenance?.label).toBe('attack');
    expect(c?.provenance?.reason).toBe('evaded with homoglyphs (decided allow, score 0.200)');
    expect(c?.knownFailure).toMatch(/it evaded in an attack campaign, but the system decided allow/);
  });

  it('does not fire when no attempt evaded', async () => {
    const { logs, results, dir } = setup([
      { id: 'a1', input: 'x', evaded: false, tactic: 't', decision: 'block', score: 0.9 },
    ]);
    const r = await mineSuite([logs], {
      miners: ['campaign-evasion'],
      campaignResults: [results],
      store: { threads: 1, directory: dir },
    });
    expect(r.mining.candidates).toEqual([]);
    expect(r.suite.cases).toEqual([]);
  });

  it('is skipped (not an error) when mining every miner without campaign results', async () => {
    const { logs, dir } = setup([]);
    const r = await mineSuite([logs], { store: { threads: 1, directory: dir } });
    expect(r.mining.miners.find((m) => m.name === 'campaign-evasion')?.skipped).toBe('no campaign results given');
  });
});
