import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/cli.js';
import { inputBytes } from '../contracts/input-bytes.js';
import { sha256Hex } from '../util/hash.js';
import type { AttemptRecord } from './attempt.js';
import { exportRun, parseExportJsonl, recordBytes } from './export.js';
import { loadCampaign } from './file.js';
import { contentContext, inputHashOf } from './run/attempt-builder.js';
import { splitMbox } from './samples/mbox.js';
import { DuckDbStore } from './store/duckdb.js';

const SEED = Buffer.from(
  'From: a@x\nSubject: s\nContent-Type: text/plain; charset=iso-8859-1\n\nfree caf\xe9',
  'latin1',
);

function attempt(over: Partial<AttemptRecord>): AttemptRecord {
  return {
    key: 'k',
    runId: 'r',
    seq: 0,
    variant: 'base',
    phase: 'baseline',
    set: 'seeds',
    seedId: 'seeds/a.eml',
    chain: [],
    repeat: 0,
    applicable: true,
    valid: true,
    invalidReasons: [],
    decision: 'block',
    score: 0.9,
    decidedBy: null,
    evaded: false,
    success: false,
    error: null,
    cached: false,
    queries: 1,
    wallMs: 1,
    simHours: 0,
    accounts: 0,
    money: 0,
    humanHours: 0,
    implementationHours: 0,
    inputHash: null,
    originalHash: sha256Hex(SEED),
    transformed: null,
    encoding: 'binary',
    notes: [],
    createdMs: 0,
    ...over,
  };
}

describe('exportRun', () => {
  it('re-derives content the store did not keep only when it hashes to what was sent, and counts the rest', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'seeds'));
    writeFileSync(join(dir, 'seeds/a.eml'), SEED);
    const text = `nograd-campaign: 1
name: x
target: { http: { url: 'http://127.0.0.1:1/', body: raw } }
seeds: { files: [seeds] }
tactics: [input.zero-width-characters]
`;
    const loaded = loadCampaign(join(dir, 'c.yaml'), { tacticIds: ['input.zero-width-characters'] }, {}, text);
    const config = loaded.config;
    const sent = {
      id: 'seeds/a.eml',
      content: SEED.toString('latin1'),
      encoding: 'binary' as const,
      context: contentContext(config.sender, 'seeds/a.eml', [], 0),
    };
    expect(inputBytes(sent).equals(SEED)).toBe(true);
    const store = await DuckDbStore.open(join(dir, 's.duckdb'));
    try {
      await store.createRun({
        runId: 'r',
        name: 'x',
        campaignFile: join(dir, 'c.yaml'),
        hash: loaded.hash,
        config,
        baseDir: dir,
        targetFingerprint: 'http:test',
        seed: config.seed,
        status: 'completed',
        createdMs: 0,
        nogradVersion: '0',
      });
      const w = await store.writer('r');
      w.add(attempt({ key: 'good', seq: 0, inputHash: inputHashOf(sent) }));
      // The seed file changed since (or the hash was of other bytes): never exported as if it were what was sent.
      w.add(attempt({ key: 'stale', seq: 1, repeat: 1, inputHash: 'f'.repeat(64) }));
      w.add(attempt({ key: 'failed', seq: 2, repeat: 2, error: 'HTTP 500', decision: null }));
      w.add(
        attempt({
          key: 'variant',
          seq: 3,
          chain: ['input.zero-width-characters'],
          evaded: true,
          decision: 'allow',
          transformed: 'From: a@x\nSubject: s\n\nfr\u200bee caf\xe9',
        }),
      );
      await w.close();

      let jsonl = '';
      const all = await exportRun(store, { format: 'jsonl', all: true }, (c) => {
        jsonl += c.toString();
      });
      expect(all).toMatchObject({ written: 2, rederived: 1, notReproduced: 1, unanswered: 1 });
      expect(all.notReproducedReason).toMatch(/does not reproduce byte for byte/);
      const { records } = parseExportJsonl(jsonl);
      expect(records.map((r) => [r.attemptId, r.content.source])).toEqual([
        ['good', 're-derived'],
        ['variant', 'stored'],
      ]);
      expect(recordBytes(records[0]!).equals(SEED)).toBe(true);
      expect(recordBytes(records[1]!).toString('hex')).toContain('e2808b'); // the zero-width space, as UTF-8

      const chunks: Buffer[] = [];
      const mbox = await exportRun(store, { format: 'mbox' }, (c) => chunks.push(Buffer.from(c)));
      expect(mbox).toMatchObject({ written: 1, lineEndsAdded: 1 });
      const back = splitMbox(Buffer.concat(chunks), 'x.mbox');
      expect(back[0]!.bytes.equals(Buffer.concat([recordBytes(records[1]!), Buffer.from('\n')]))).toBe(true);
    } finally {
      await store.close();
    }
  });
});
