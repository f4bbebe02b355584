/**
 * Damaged and untrusted logs: a truncated gzip, a line that is not UTF-8, ragged CSV rows and unclosed quotes,
 * values of the wrong type, duplicate ids. Each is reported with its file and line; nothing vanishes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../util/errors.js';
import { ingestTraces } from './ingest.js';
import { row, tempDir } from './testing/fixture.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function dir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

async function ingest(paths: string[]) {
  const r = await ingestTraces(paths, { store: { threads: 1 } });
  cleanups.push(() => r.store.close());
  return r;
}

async function ingestError(paths: string[]): Promise<UserError> {
  const e = await ingest(paths).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(UserError);
  return e as UserError;
}

const jsonl = (n: number) =>
  `${Array.from({ length: n }, (_, i) => JSON.stringify(row({ id: `r${i}` }))).join('\n')}\n`;

function csv(n: number, edit: (lines: string[]) => void = () => undefined): string {
  const lines = ['id,ts,decision,score'];
  for (let i = 0; i < n; i++) lines.push(`r${i},2025-01-06T00:00:${String(i % 60).padStart(2, '0')}Z,allow,0.1`);
  edit(lines);
  return `${lines.join('\n')}\n`;
}

describe('truncated gzip', () => {
  it('is an error naming the file at every cut point, not a silent loss of the last rows', async () => {
    const d = dir();
    const gz = gzipSync(jsonl(300));
    for (const fraction of [0.2, 0.5, 0.9, 0.999]) {
      const file = join(d, `cut-${fraction}.jsonl.gz`);
      writeFileSync(file, gz.subarray(0, Math.floor(gz.length * fraction)));
      const e = await ingestError([file]);
      expect(e.exitCode).toBe(2);
      expect(e.message).toContain(file);
      expect(e.message).toMatch(/truncated gzip/);
    }
    const whole = join(d, 'whole.jsonl.gz');
    writeFileSync(whole, gz);
    expect((await ingest([whole])).summary).toMatchObject({ rows: 300, badRows: 0 });
  });
});

describe('a line that is not UTF-8', () => {
  it('is one bad row with its line; the other rows are read, on their own lines', async () => {
    const d = dir();
    const text = jsonl(200);
    const lines = text.split('\n');
    const bytes = Buffer.from(text);
    bytes[Buffer.byteLength(`${lines.slice(0, 50).join('\n')}\n`) + 10] = 0xff; // inside line 51
    const file = join(d, 'a.jsonl');
    writeFileSync(file, bytes);
    const { store, summary } = await ingest([file]);
    expect(summary).toMatchObject({ rows: 200, validRows: 199, badRows: 1 });
    expect(summary.badSamples[0]).toMatchObject({ file, line: 51, field: 'line', kind: 'not UTF-8' });
    // Lines after the bad one keep their own numbers.
    const after = await store.rows<{ id: string; line: number }>(
      "SELECT id, _line::INTEGER AS line FROM decisions WHERE id IN ('r49', 'r51') ORDER BY _line",
    );
    expect(after).toEqual([
      { id: 'r49', line: 50 },
      { id: 'r51', line: 52 },
    ]);
  });
});

describe('CSV', () => {
  it('a ragged row is one bad row with file:line; the rest is read', async () => {
    const d = dir();
    const file = join(d, 'a.csv');
    writeFileSync(
      file,
      csv(200, (l) => {
        l[51] = 'r50,2025-01-06T00:00:50Z,allow,0.1,extra,more';
        l[101] = 'r100,2025-01-06T00:00:40Z';
      }),
    );
    const { summary } = await ingest([file]);
    expect(summary).toMatchObject({ rows: 200, validRows: 198, badRows: 2 });
    expect(summary.badSamples.map((b) => [b.line, b.field, b.kind])).toEqual([
      [52, 'csv', 'too many columns'],
      [102, 'csv', 'missing columns'],
    ]);
  });

  it('an unclosed quote stops the ingest with file:line instead of losing the rows after it', async () => {
    const d = dir();
    const file = join(d, 'a.csv');
    writeFileSync(
      file,
      csv(200, (l) => {
        l[51] = 'r50,"2025-01-06T00:00:50Z,allow,0.1';
      }),
    );
    const e = await ingestError([file]);
    expect(e.message).toContain(`${file}:52:`);
    expect(e.message).toMatch(/quoted value is never closed/);
  });

  it('a line that is not UTF-8 is one bad row', async () => {
    const d = dir();
    const file = join(d, 'a.csv');
    const bytes = Buffer.from(csv(100));
    bytes[Buffer.byteLength(csv(100).split('\n').slice(0, 30).join('\n')) + 3] = 0xfe;
    writeFileSync(file, bytes);
    const { summary } = await ingest([file]);
    expect(summary).toMatchObject({ rows: 100, badRows: 1 });
    expect(summary.badSamples[0]).toMatchObject({ line: 31, kind: 'not UTF-8' });
  });
});

describe('values of the wrong type and duplicate ids', () => {
  it('JSONL: a number or boolean written as a string, a negative score: bad rows with their line', async () => {
    const d = dir();
    const file = join(d, 'a.jsonl');
    const lines = [
      row({ id: 'a' }),
      { ...row({ id: 'b' }), score: '0.9' },
      { ...row({ id: 'c' }), score: -0.2 },
      { ...row({ id: 'd' }), escalated: 'yes' },
      { ...row({ id: 'e' }), escalated: true, score: 0.4 },
    ];
    writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const { summary } = await ingest([file]);
    expect(summary).toMatchObject({ rows: 5, validRows: 2, badRows: 3 });
    expect(summary.badSamples.map((b) => [b.line, b.field, b.kind])).toEqual([
      [2, 'score', 'is a JSON string, not a number'],
      [3, 'score', 'is negative'],
      [4, 'escalated', 'is a JSON string, not true or false'],
    ]);
  });

  it('CSV: text is converted, but "yes" is not a boolean and a negative score is bad', async () => {
    const d = dir();
    const file = join(d, 'a.csv');
    writeFileSync(
      file,
      'id,ts,decision,score,escalated\nx,2025-01-06T00:00:00Z,allow,0.5,yes\ny,2025-01-06T00:00:00Z,allow,-1,true\nz,2025-01-06T00:00:00Z,allow,0.5,1\n',
    );
    const { summary } = await ingest([file]);
    expect(summary).toMatchObject({ rows: 3, validRows: 1, badRows: 2 });
    expect(summary.badSamples.map((b) => [b.line, b.field])).toEqual([
      [2, 'escalated'],
      [3, 'score'],
    ]);
  });

  it('reports ids carried by more than one row, with where they are', async () => {
    const d = dir();
    const a = join(d, 'a.jsonl');
    const b = join(d, 'b.jsonl');
    writeFileSync(
      a,
      `${[row({ id: 'x' }), row({ id: 'y' }), row({ id: 'x' })].map((r) => JSON.stringify(r)).join('\n')}\n`,
    );
    writeFileSync(b, `${JSON.stringify(row({ id: 'x' }))}\n`);
    const { summary } = await ingest([a, b]);
    expect(summary.validRows).toBe(4);
    expect(summary.duplicateIds.ids).toBe(1);
    expect(summary.duplicateIds.extraRows).toBe(2);
    expect(summary.duplicateIds.samples).toEqual([
      {
        id: 'x',
        rows: [
          { file: a, line: 1, lineKind: 'line' },
          { file: a, line: 3, lineKind: 'line' },
          { file: b, line: 1, lineKind: 'line' },
        ],
      },
    ]);
  });
});
