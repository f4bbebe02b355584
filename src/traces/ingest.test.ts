import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../util/errors.js';
import { ingestTraces, serialOnRefusal } from './ingest.js';
import { type FileScan, selectFileSql } from './ingest-sql.js';
import { identityMapping, resolveMapping } from './mapping.js';
import { DECISION_LOG_SCHEMA } from './record-schema.js';
import { row, tempDir, writeJsonl, writeParquet } from './testing/fixture.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A log of another shape: its own column names, epoch-ms times, spam/ham verdicts. */
const OTHER_LOG_FIELDS = {
  id: 'trace',
  ts: { field: 'when', format: 'epoch-ms' },
  decision: { field: 'verdict', values: { spam: 'block', ham: 'allow' } },
  score: 'p',
} as const;

function dir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

async function ingest(paths: string[], opts: Parameters<typeof ingestTraces>[1] = {}) {
  const r = await ingestTraces(paths, { ...opts, store: { threads: 1 } });
  cleanups.push(() => r.store.close());
  return r;
}

describe('ingestTraces', () => {
  it('counts and reports every bad JSONL row with file, line and reason, and keeps the good ones', async () => {
    const d = dir();
    const file = join(d, 'a.jsonl');
    const good = row();
    const lines = [
      JSON.stringify(good),
      '{not json',
      JSON.stringify({ ...row(), score: 'high' }),
      '',
      JSON.stringify({ ...row(), decision: 'quarantine' }),
      JSON.stringify({ ...row(), id: undefined }),
      '[1,2]',
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const { store, summary } = await ingest([file]);
    expect(summary).toMatchObject({ rows: 6, validRows: 1, badRows: 5 });
    expect(summary.badSamples.map((b) => [b.line, b.field, b.kind])).toEqual([
      [2, 'line', 'not valid JSON'],
      [3, 'score', 'is a JSON string, not a number'],
      [5, 'decision', 'is not one of allow, tag, review, block (translate it under fields.decision.values)'],
      [6, 'id', 'missing'],
      [7, 'line', 'not a JSON object'],
    ]);
    expect(summary.badSamples[1]?.message).toBe('score \'"high"\' is a JSON string, not a number');
    expect(summary.badSamples.every((b) => b.file === file)).toBe(true);
    const ids = await store.rows<{ id: string }>('SELECT id FROM decisions');
    expect(ids).toEqual([{ id: good.id }]);
  });

  it('fails with --strict semantics when a row is bad', async () => {
    const d = dir();
    const file = join(d, 'a.jsonl');
    writeFileSync(file, `${JSON.stringify(row())}\n{oops\n`);
    await expect(ingestTraces([file], { strict: true, store: { threads: 1 } })).rejects.toThrow(
      /1 bad row in 2 \(--strict\):\n.*a\.jsonl:2: not valid JSON/,
    );
  });

  it('reads gzip JSONL, CSV and Parquet from a directory, through a mapping', async () => {
    const d = dir();
    const rows = [row({ decision: 'block', score: 0.9 }), row()];
    writeFileSync(join(d, 'one.jsonl.gz'), gzipSync(rows.map((r) => JSON.stringify(r)).join('\n')));
    writeFileSync(
      join(d, 'two.csv'),
      'trace,when,verdict,p,thr,model,acct\nc1,1736150400000,spam,0.91,0.5,m2,u9\nc2,1736150460000,ham,0.10,0.5,m2,u9\nc3,1736150520000,maybe,0.2,0.5,m2,u9\n',
    );
    const csvMapping = resolveMapping({
      fields: {
        ...OTHER_LOG_FIELDS,
        threshold: 'thr',
        modelVersion: 'model',
        account: 'acct',
      },
    });
    const jsonl = await ingest([join(d, 'one.jsonl.gz')]);
    expect(jsonl.summary).toMatchObject({ rows: 2, badRows: 0, decisions: { allow: 1, block: 1 } });
    const csv = await ingest([join(d, 'two.csv')], { mapping: csvMapping });
    expect(csv.summary).toMatchObject({ rows: 3, validRows: 2, badRows: 1 });
    expect(csv.summary.badSamples[0]).toMatchObject({ line: 4, field: 'decision' });
    expect(csv.summary.timeRange?.from).toBe('2025-01-06T08:00:00.000Z');
    // Parquet written by DuckDB itself from the JSONL rows.
    const parquet = join(d, 'three.parquet');
    await jsonl.store.run(
      `COPY (SELECT * EXCLUDE (_file_index, _line, _row) FROM decisions) TO '${parquet}' (FORMAT parquet)`,
    );
    const pq = await ingest([parquet]);
    expect(pq.summary).toMatchObject({ rows: 2, validRows: 2, modelVersions: [{ version: 'm1', rows: 2 }] });
    // Read through a view instead of copied: the same rows and summary.
    const viewed = await ingest([parquet], { materialize: false });
    expect(viewed.summary).toEqual(pq.summary);
    expect(await viewed.store.rows('SELECT id FROM decisions ORDER BY id')).toEqual(
      await pq.store.rows('SELECT id FROM decisions ORDER BY id'),
    );
  });

  it('reads Parquet in place: bad rows reported by row number and left out, hashes filled from the input', async () => {
    const d = dir();
    const rows = [
      row({ inputHash: undefined, input: 'hello' }),
      { ...row(), decision: 'quarantine' },
      { ...row(), id: null },
      row({ decision: 'block', score: 0.9 }),
    ];
    const file = await writeParquet(join(d, 'mixed.parquet'), rows);
    const inPlace = await ingest([file]);
    const copied = await ingest([file], { materialize: true });
    expect(inPlace.summary).toMatchObject({ rows: 4, validRows: 2, badRows: 2, decisions: { allow: 1, block: 1 } });
    expect(inPlace.summary.badSamples.map((b) => [b.line, b.lineKind, b.field])).toEqual([
      [2, 'row', 'decision'],
      [3, 'row', 'id'],
    ]);
    expect(copied.summary).toEqual(inPlace.summary);
    const query = 'SELECT id, inputHash, decision FROM decisions ORDER BY id';
    const good = await inPlace.store.rows<{ id: string; inputHash: string }>(query);
    expect(good).toEqual(await copied.store.rows(query));
    expect(good.map((r) => r.id)).toEqual([rows[0]?.id, rows[3]?.id]);
    expect(good[0]?.inputHash).toBe(createHash('sha256').update('hello').digest('hex'));
    // Through a mapping: other column names, epoch-ms times, translated decisions.
    const mapped = await writeParquet(join(d, 'mapped.parquet'), [
      { trace: 'c1', when: 1736150400000, verdict: 'spam', p: 0.91 },
      { trace: 'c2', when: 1736150460000, verdict: 'ham', p: 0.1 },
      { trace: 'c3', when: 1736150520000, verdict: 'maybe', p: 0.2 },
    ]);
    const mapping = resolveMapping({ fields: OTHER_LOG_FIELDS });
    const viaMapping = await ingest([mapped], { mapping });
    expect(viaMapping.summary).toMatchObject({ rows: 3, validRows: 2, decisions: { allow: 1, block: 1 } });
    expect(viaMapping.summary.badSamples[0]).toMatchObject({ line: 3, lineKind: 'row', field: 'decision' });
    expect(viaMapping.summary.timeRange?.from).toBe('2025-01-06T08:00:00.000Z');
    expect(await viaMapping.store.rows('SELECT id, decision, score FROM decisions ORDER BY id')).toEqual([
      { id: 'c1', decision: 'block', score: 0.91 },
      { id: 'c2', decision: 'allow', score: 0.1 },
    ]);
    // Looking rows up by number reads the same rows as the view.
    const lookup = inPlace.store.rowsOf('decisions', 'SELECT _row FROM decisions');
    expect(await inPlace.store.rows(`SELECT id FROM (${lookup}) ORDER BY id`)).toEqual(good.map((r) => ({ id: r.id })));
  });

  it('reads JSONL with \\n, \\r\\n and mixed line endings (gzip too), numbering lines as an editor does', async () => {
    const d = dir();
    const [a, b, c] = [row(), row(), row()].map((r) => JSON.stringify(r));
    writeFileSync(join(d, 'crlf.jsonl'), `${a}\r\n${b}\r\n{oops\r\n${c}\r\n`);
    writeFileSync(join(d, 'lf.jsonl'), `${a}\n${b}\n{oops\n${c}`);
    writeFileSync(join(d, 'mixed.jsonl'), `${a}\r\n${b}\n{oops\r\n${c}`);
    writeFileSync(join(d, 'crlf.jsonl.gz'), gzipSync(`${a}\r\n${b}\r\n{oops\r\n${c}\r\n`));
    for (const name of ['crlf.jsonl', 'lf.jsonl', 'mixed.jsonl', 'crlf.jsonl.gz']) {
      const { summary } = await ingest([join(d, name)]);
      expect(summary).toMatchObject({ rows: 4, validRows: 3, badRows: 1 });
      expect(summary.badSamples.map((s) => s.line)).toEqual([3]);
    }
  });

  it('reads a JSONL file again with one thread when the parallel reader refuses it', async () => {
    const d = dir();
    const file = writeJsonl(join(d, 'a.jsonl'), [row(), row()]);
    const scan: FileScan = { file: { path: file, format: 'jsonl' }, index: 0 };
    let calls = 0;
    const result = await serialOnRefusal(scan, async () => {
      calls++;
      if (!scan.serial)
        throw new Error(
          'Not implemented Error: The Parallel CSV Reader currently does not support a full read on this file.',
        );
      return 'read';
    });
    expect([result, calls, scan.serial]).toEqual(['read', 2, true]);
    // The single-threaded read is valid SQL that reads every line.
    const { store } = await ingest([file]);
    const sql = selectFileSql(scan, identityMapping(DECISION_LOG_SCHEMA), DECISION_LOG_SCHEMA);
    expect(sql).toContain('parallel=false');
    expect(await store.rows(`SELECT count(*)::INTEGER AS n FROM (${sql}) WHERE _problem IS NULL`)).toEqual([{ n: 2 }]);
    // Other errors are not retried.
    await expect(
      serialOnRefusal({ ...scan, serial: false }, () => Promise.reject(new Error('IO Error: gone'))),
    ).rejects.toThrow('gone');
  });

  it('reads every log file below a directory and a glob, skipping other files', async () => {
    const d = dir();
    writeJsonl(join(d, '2025-01-06.jsonl'), [row(), row()]);
    writeJsonl(join(d, '2025-01-07.jsonl'), [row()]);
    writeFileSync(join(d, 'README.txt'), 'not a log');
    const all = await ingest([d]);
    expect(all.summary).toMatchObject({ rows: 3, files: [{ rows: 2 }, { rows: 1 }] });
    expect(all.summary.skippedFiles).toEqual([join(d, 'README.txt')]);
    const glob = await ingest([join(d, '*-07.jsonl')]);
    expect(glob.summary.rows).toBe(1);
  });

  it('turns an unreadable or unknown input into a clear user error', async () => {
    const d = dir();
    writeFileSync(join(d, 'broken.parquet'), 'not parquet at all');
    await expect(ingestTraces([join(d, 'broken.parquet')], { store: { threads: 1 } })).rejects.toBeInstanceOf(
      UserError,
    );
    await expect(ingestTraces([join(d, 'missing.jsonl')])).rejects.toThrow(/no such file or directory/);
    writeFileSync(join(d, 'x.txt'), 'hi');
    await expect(ingestTraces([join(d, 'x.txt')])).rejects.toThrow(/cannot tell the format/);
  });

  it('names a required column a CSV lacks, with a did-you-mean', async () => {
    const d = dir();
    writeFileSync(join(d, 'a.csv'), 'idd,ts,decision\n1,2025-01-01T00:00:00Z,allow\n');
    await expect(ingestTraces([join(d, 'a.csv')], { store: { threads: 1 } })).rejects.toThrow(
      /no column 'id' for the required field 'id'[\s\S]*did you mean 'idd'/,
    );
  });

  it('warns about a mapped field that is empty in every row', async () => {
    const d = dir();
    const file = writeJsonl(join(d, 'a.jsonl'), [row(), row()]);
    const mapping = {
      ...resolveMapping({ fields: { campaign: 'campaing_tag' } }),
      positionOf: (f: string) => (f === 'campaign' ? { file: 'm.yaml', line: 3, col: 3 } : undefined),
    };
    const { summary } = await ingest([file], { mapping });
    expect(summary.emptyMappedFields).toEqual(['campaign']);
  });
});
