import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/cli.js';
import type { AttemptRecord } from './attempt.js';
import { DuckDbStore } from './store/duckdb.js';

function attempt(over: Partial<AttemptRecord>): AttemptRecord {
  return {
    key: 'r/base/seeds:s/-/0',
    runId: 'r',
    seq: 0,
    variant: 'base',
    phase: 'single',
    set: 'seeds',
    seedId: 's',
    chain: ['t'],
    repeat: 0,
    applicable: true,
    valid: true,
    invalidReasons: [],
    decision: 'allow',
    score: null,
    decidedBy: null,
    evaded: true,
    success: true,
    error: null,
    cached: false,
    queries: 1,
    wallMs: 1,
    simHours: 0,
    accounts: 0,
    money: 0,
    humanHours: 0,
    implementationHours: 0,
    inputHash: 'h',
    originalHash: 'o',
    transformed: 'caf\u00e9\u200b',
    encoding: 'binary',
    notes: [],
    createdMs: 1,
    ...over,
  };
}

describe('CampaignStore: content encodings', () => {
  it('keeps a variant’s encoding, and opens a store written before encodings existed', async () => {
    const file = join(tempDir(), 'old.duckdb');
    // A store as the previous schema wrote it: no content_encoding column, one attempt.
    const db = await DuckDBInstance.create(file);
    const c = await db.connect();
    await c.run(
      "CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR); INSERT INTO meta VALUES ('schema_version', '1')",
    );
    await c.run(`CREATE TABLE attempts (key VARCHAR PRIMARY KEY, run_id VARCHAR NOT NULL, seq INTEGER NOT NULL,
      variant VARCHAR NOT NULL, phase VARCHAR NOT NULL, sample_set VARCHAR NOT NULL, seed_id VARCHAR NOT NULL,
      chain VARCHAR NOT NULL, repeat INTEGER NOT NULL, applicable BOOLEAN NOT NULL, valid BOOLEAN,
      invalid_reasons VARCHAR NOT NULL, decision VARCHAR, score DOUBLE, decided_by VARCHAR, evaded BOOLEAN NOT NULL,
      success BOOLEAN NOT NULL, error VARCHAR, cached BOOLEAN NOT NULL, queries DOUBLE NOT NULL, wall_ms DOUBLE NOT NULL,
      sim_hours DOUBLE NOT NULL, accounts DOUBLE NOT NULL, money DOUBLE NOT NULL, human_hours DOUBLE NOT NULL,
      implementation_hours DOUBLE NOT NULL, input_hash VARCHAR, original_hash VARCHAR NOT NULL, transformed VARCHAR,
      notes VARCHAR NOT NULL, created_ms DOUBLE NOT NULL)`);
    await c.run(`INSERT INTO attempts VALUES ('old', 'r', 0, 'base', 'single', 'seeds', 's', '["t"]', 0, true, true,
      '[]', 'allow', NULL, NULL, true, true, NULL, false, 1, 1, 0, 0, 0, 0, 0, 'h', 'o', 'text', '[]', 1)`);
    c.closeSync();
    db.closeSync();

    const store = await DuckDbStore.open(file);
    try {
      await store.createRun({
        runId: 'r',
        name: 'n',
        campaignFile: 'c.yaml',
        hash: 'x',
        config: {},
        baseDir: '.',
        targetFingerprint: 'fp',
        seed: 1,
        status: 'running',
        createdMs: 1,
        nogradVersion: '0',
      });
      const w = await store.writer('r');
      w.add(attempt({ key: 'new', seq: 1 }));
      await w.close();
      const rows: AttemptRecord[] = [];
      for await (const a of store.attempts('r', { withContent: true })) rows.push(a);
      expect(rows.map((a) => [a.key, a.encoding, a.transformed])).toEqual([
        ['old', 'utf8', 'text'],
        ['new', 'binary', 'caf\u00e9\u200b'],
      ]);
    } finally {
      await store.close();
    }
  });
});
