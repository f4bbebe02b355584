/**
 * One contract, two stores: the DuckDB file and a real PostgreSQL server (started by the test on 127.0.0.1) answer
 * the same operations with the same rows — and writing an attempt twice (a redelivered job) stores it once.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/cli.js';
import { type PostgresServer, startPostgres } from '../../../test/helpers/services.js';
import type { AttemptRecord } from '../attempt.js';
import { openStore } from '../store.js';
import type { CampaignStore } from './types.js';

function attempt(runId: string, i: number, extra: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    key: `${runId}/base/seeds:s${i}/-/0`,
    runId,
    seq: i,
    variant: 'base',
    phase: 'baseline',
    set: 'seeds',
    seedId: `s${i}`,
    chain: [],
    repeat: 0,
    applicable: true,
    valid: true,
    invalidReasons: [],
    decision: i % 2 ? 'allow' : 'block',
    score: i / 10,
    decidedBy: 'model',
    evaded: i % 2 === 1,
    success: i % 2 === 1,
    error: null,
    cached: false,
    queries: 1,
    wallMs: 2.5,
    simHours: 0,
    accounts: 0,
    money: 0,
    humanHours: 0,
    implementationHours: 0,
    inputHash: `h${i}`,
    originalHash: `o${i}`,
    transformed: i % 2 ? `content ${i}` : null,
    notes: ['n'],
    createdMs: 1000 + i,
    encoding: 'utf8',
    ...extra,
  };
}

let pg: PostgresServer;
beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);
afterAll(async () => {
  await pg?.stop();
});

describe.each(['duckdb', 'postgres'] as const)('%s store', (kind) => {
  let store: CampaignStore;
  beforeAll(async () => {
    store = await openStore(kind === 'duckdb' ? join(tempDir(), 'c.duckdb') : pg.url);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('keeps runs, attempts (once per key), results and the cache', async () => {
    const runId = `run-${kind}`;
    const run = {
      runId,
      name: 'n',
      campaignFile: '/x/c.yaml',
      hash: 'abc',
      config: { seed: 3 },
      baseDir: '/x',
      targetFingerprint: 'fp',
      seed: 3,
      status: 'running' as const,
      createdMs: 5,
      nogradVersion: '0.1.0',
    };
    await store.createRun(run);
    await store.createRun(run); // a redelivered first step: nothing changes
    const w = await store.writer(runId);
    w.addMany(
      [attempt(runId, 0), attempt(runId, 1)],
      [{ targetFingerprint: 'fp', inputHash: 'h0', verdict: { decision: 'block' } }],
    );
    await w.flush();
    // The same attempts again (a redelivered job) and one failed attempt.
    w.addMany([attempt(runId, 1), attempt(runId, 2, { error: 'boom', decision: null })]);
    await w.close();
    const rows = [];
    for await (const a of store.attempts(runId, { withContent: true })) rows.push(a);
    expect(rows.map((a) => a.seedId)).toEqual(['s0', 's1', 's2']);
    expect(rows[1]).toEqual(attempt(runId, 1));
    expect((await store.getRun(runId))?.attempts).toBe(3);
    expect(await store.storedKeys([attempt(runId, 1).key, 'nope'])).toEqual(new Set([attempt(runId, 1).key]));
    expect((await store.successes(runId, 10)).map((a) => a.seedId)).toEqual(['s1']);
    expect(await store.deleteErrored(runId)).toBe(1);
    expect(await store.attemptKeys(runId)).toEqual([attempt(runId, 0).key, attempt(runId, 1).key]);
    expect((await store.cacheLookup('fp', ['h0', 'h9'])).get('h0')).toEqual({ decision: 'block' });
    expect(await store.cacheSize('fp')).toBe(1);
    await store.setStatus(runId, 'completed');
    await store.saveResult(runId, { kind: 'x', n: 1 });
    expect(await store.getResult(runId)).toEqual({ kind: 'x', n: 1 });
    const listed = await store.listRuns();
    expect(listed.map((r) => [r.runId, r.status, r.attempts])).toEqual([[runId, 'completed', 2]]);
    expect(listed[0]?.config).toEqual({ seed: 3 });
  });
});

describe('postgres store', () => {
  it('names the server in a clear error when it cannot connect', async () => {
    await expect(openStore('postgres://nobody:secret@127.0.0.1:1/none')).rejects.toThrow(
      /cannot open the campaign store postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none/,
    );
  });
});
