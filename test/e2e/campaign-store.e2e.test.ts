/**
 * End-to-end: a campaign store that is truncated or has flipped bytes is a user-facing error (exit 2) that names
 * the file and says what to do; it is not an internal error, nor "in use by another process".
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore as CampaignStore, storeError } from '../../src/campaign/store/duckdb.js';
import { UserError } from '../../src/util/errors.js';
import { runCli, tempDir } from '../helpers/cli.js';

let healthy: Buffer;

beforeAll(async () => {
  // A real store with enough runs that most of the file is the `runs` table, which `campaign list` reads.
  const file = join(tempDir(), 'store.duckdb');
  const store = await CampaignStore.open(file);
  await store.close();
  const db = await DuckDBInstance.create(file);
  const conn = await db.connect();
  await conn.run(`INSERT INTO runs SELECT 'run-' || i, 'name ' || i, 'c.yaml', md5(i::VARCHAR), '{"x": "' || repeat(md5(i::VARCHAR), 8) || '"}',
    '.', 'fp', 1, 'completed', NULL, i::DOUBLE, i::DOUBLE, 0, '0.1.0', NULL FROM range(20000) t(i)`);
  await conn.run('CHECKPOINT');
  conn.closeSync();
  db.closeSync();
  healthy = readFileSync(file);
}, 120_000);

describe('a damaged campaign store', () => {
  it('lists a healthy copy (the fixture is sound)', async () => {
    const file = join(tempDir(), 'ok.duckdb');
    writeFileSync(file, healthy);
    const r = await runCli(['campaign', 'list', '--store', file, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('truncated: exit 2, names the file, says it is damaged and what to do', async () => {
    const file = join(tempDir(), 'truncated.duckdb');
    writeFileSync(file, healthy.subarray(0, Math.floor(healthy.length / 2)));
    const r = await runCli(['campaign', 'list', '--store', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toMatch(/damaged \(truncated or corrupted\)/);
    expect(r.stderr).toMatch(/move it aside/);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('flipped bytes: exit 2 and "damaged", not "in use by another nograd process"', async () => {
    const file = join(tempDir(), 'flipped.duckdb');
    const bytes = Buffer.from(healthy);
    for (let k = Math.floor(bytes.length / 2); k < Math.floor(bytes.length / 2) + 64; k++)
      bytes[k] = (bytes[k] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    const r = await runCli(['campaign', 'list', '--store', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toMatch(/damaged/);
    expect(r.stderr).not.toMatch(/in use by another/);
  });
});

describe('storeError', () => {
  it('reads only DuckDB lock messages as "in use"', () => {
    const lock = storeError(
      new Error('IO Error: Could not set lock on file "s.duckdb": Conflicting lock is held in node (PID 1)'),
      's.duckdb',
    );
    expect(lock).toBeInstanceOf(UserError);
    expect((lock as Error).message).toMatch(/in use by another nograd process/);
    const checksum = storeError(
      new Error(
        'IO Error: Corrupt database file: computed checksum 1 does not match stored checksum 2 in block at location 274432',
      ),
      's.duckdb',
    );
    expect((checksum as Error).message).toMatch(/damaged/);
    const bug = new TypeError('x is undefined');
    expect(storeError(bug, 's.duckdb')).toBe(bug);
  });
});
