/**
 * End-to-end: damaged logs through the built CLI. `traces ingest` reads what it can and reports each bad line;
 * a truncated gzip or an unclosed quote is exit 2 naming the file; `monitor` names the file and line it cannot read.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

function records(n: number): string[] {
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      id: `r${i}`,
      ts: new Date(Date.UTC(2025, 0, 6) + i * 1000).toISOString(),
      decision: 'allow',
      score: 0.1,
    }),
  );
}

describe('damaged logs', () => {
  it('traces ingest: a truncated .jsonl.gz is exit 2 naming the file', async () => {
    const dir = tempDir();
    const gz = gzipSync(`${records(300).join('\n')}\n`);
    const file = join(dir, 'cut.jsonl.gz');
    writeFileSync(file, gz.subarray(0, Math.floor(gz.length * 0.7)));
    const r = await runCli(['traces', 'ingest', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cut.jsonl.gz');
    expect(r.stderr).toMatch(/truncated/);
  });

  it('traces ingest: a line that is not UTF-8 and a ragged CSV row are bad rows with file:line; the rest is read', async () => {
    const dir = tempDir();
    const bytes = Buffer.from(`${records(200).join('\n')}\n`);
    bytes[Buffer.byteLength(`${records(200).slice(0, 50).join('\n')}\n`) + 8] = 0xff;
    writeFileSync(join(dir, 'a.jsonl'), bytes);
    const csv = ['id,ts,decision,score', ...records(100).map((l) => Object.values(JSON.parse(l)).join(','))];
    csv[40] = `${csv[40]},surplus`;
    writeFileSync(join(dir, 'b.csv'), `${csv.join('\n')}\n`);
    const r = await runCli(['traces', 'ingest', 'a.jsonl', 'b.csv', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ rows: 300, validRows: 298, badRows: 2 });
    const text = await runCli(['traces', 'ingest', 'a.jsonl', 'b.csv'], { cwd: dir });
    expect(text.stdout).toMatch(/a\.jsonl:51: not UTF-8 text/);
    expect(text.stdout).toMatch(/b\.csv:41: malformed CSV row: too many columns/);
  });

  it('monitor: a CSV file, a truncated gzip and a malformed line are exit 2 with the file (and line)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'logs.csv'), 'id,ts,decision\n');
    const gz = gzipSync(`${records(300).join('\n')}\n`);
    writeFileSync(join(dir, 'cut.jsonl.gz'), gz.subarray(0, Math.floor(gz.length * 0.7)));
    writeFileSync(join(dir, 'bad.jsonl'), `${records(5).join('\n')}\n{oops\n${records(3).join('\n')}\n`);
    const csv = await runCli(['monitor', 'baseline', 'logs.csv', '-o', 'b.json'], { cwd: dir });
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/logs\.csv' is CSV: the monitor reads decision logs as JSONL or Parquet/);
    const cut = await runCli(['monitor', 'baseline', 'cut.jsonl.gz', '-o', 'b.json'], { cwd: dir });
    expect(cut.code).toBe(2);
    expect(cut.stderr).toMatch(/cut\.jsonl\.gz' is a truncated gzip file/);
    // Through a glob too: every matched .gz file is checked before DuckDB reads the pattern.
    const globbed = await runCli(['monitor', 'baseline', '*.jsonl.gz', '-o', 'b.json'], { cwd: dir });
    expect(globbed.code).toBe(2);
    expect(globbed.stderr).toMatch(/cut\.jsonl\.gz' is a truncated gzip file/);
    const bad = await runCli(['monitor', 'baseline', 'bad.jsonl', '-o', 'b.json'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.jsonl:6: not a JSON record/);
  });
});
