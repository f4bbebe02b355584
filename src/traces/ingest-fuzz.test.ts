/**
 * Bounded fuzzing of log ingestion (fixed seed and run count): random truncations (plain and gzip), bytes that are
 * not UTF-8, ragged CSV rows and values of the wrong type. Whatever the damage, ingestion either stops with a
 * UserError (exit 2) or accounts for every row: rows read + rows reported bad = rows in the file. Never a crash.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../util/errors.js';
import { ingestTraces } from './ingest.js';
import { tempDir } from './testing/fixture.js';

const tmp = tempDir('nograd-fuzz-');
afterAll(() => tmp.cleanup());

interface Row {
  id: string;
  ts: string;
  decision: string;
  score: unknown;
  escalated: unknown;
}

const rowArb: fc.Arbitrary<Row> = fc.record({
  id: fc.stringMatching(/^[a-z0-9]{1,6}$/),
  ts: fc.integer({ min: 0, max: 10_000_000 }).map((s) => new Date(Date.UTC(2025, 0, 6) + s * 1000).toISOString()),
  decision: fc.constantFrom('allow', 'review', 'block', 'spam'),
  score: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant('0.5'), fc.constant(-0.3), fc.constant(null)),
  escalated: fc.oneof(fc.boolean(), fc.constant('yes'), fc.constant(1)),
});

type Damage =
  | { kind: 'truncate'; at: number }
  | { kind: 'bytes'; at: number; byte: number }
  | { kind: 'ragged'; line: number; extra: boolean };

const damageArb: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('bytes' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    byte: fc.constantFrom(0xff, 0xfe, 0xc3, 0x80),
  }),
  fc.record({ kind: fc.constant('ragged' as const), line: fc.nat(), extra: fc.boolean() }),
);

function render(rows: Row[], format: 'jsonl' | 'csv', damage: Damage[]): { bytes: Buffer; header: number } {
  let lines: string[];
  if (format === 'jsonl') lines = rows.map((r) => JSON.stringify(r));
  else
    lines = [
      'id,ts,decision,score,escalated',
      ...rows.map((r) => [r.id, r.ts, r.decision, r.score ?? '', r.escalated].join(',')),
    ];
  const header = format === 'csv' ? 1 : 0;
  for (const d of damage)
    if (d.kind === 'ragged' && format === 'csv' && lines.length > 1) {
      const i = header + (d.line % (lines.length - header));
      lines[i] = d.extra ? `${lines[i]},surplus` : (lines[i] as string).split(',').slice(0, 2).join(',');
    }
  let bytes = Buffer.from(`${lines.join('\n')}\n`);
  const start = format === 'csv' ? Buffer.byteLength(`${lines[0]}\n`) : 0; // keep the header line whole
  for (const d of damage) {
    if (d.kind === 'ragged') continue;
    const span = bytes.length - start;
    if (span <= 0) break;
    const at = start + Math.min(span - 1, Math.floor(d.at * span));
    if (d.kind === 'bytes' && bytes[at] !== 0x0a) bytes[at] = d.byte;
    if (d.kind === 'truncate') bytes = bytes.subarray(0, Math.max(start, at));
  }
  return { bytes, header };
}

/** Records the file holds: its non-blank lines (no value here spans lines), less the header. */
function recordsIn(bytes: Buffer, header: number): number {
  return (
    bytes
      .toString('latin1')
      .split('\n')
      .filter((l) => l.trim() !== '').length - header
  );
}

let counter = 0;

describe('ingest fuzzing', () => {
  it('never crashes and never loses a row silently', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArb, { minLength: 1, maxLength: 40 }),
        fc.constantFrom('jsonl' as const, 'csv' as const),
        fc.boolean(),
        fc.array(damageArb, { maxLength: 3 }),
        async (rows, format, gzip, damage) => {
          const { bytes, header } = render(rows, format, damage);
          const plain = render(rows, format, []).bytes;
          const file = join(tmp.dir, `f${counter++}.${format}${gzip ? '.gz' : ''}`);
          // A gzip file is damaged by cutting the compressed stream; the text inside stays whole.
          const cut = damage.find((d): d is Extract<Damage, { kind: 'truncate' }> => d.kind === 'truncate');
          if (gzip) {
            const gz = gzipSync(damage.some((d) => d.kind !== 'truncate') ? bytes : plain);
            writeFileSync(file, cut ? gz.subarray(0, Math.floor(gz.length * Math.min(cut.at, 0.99))) : gz);
          } else writeFileSync(file, bytes);
          let outcome: Awaited<ReturnType<typeof ingestTraces>> | undefined;
          try {
            outcome = await ingestTraces([file], { store: { threads: 1 } });
          } catch (e) {
            if (!(e instanceof UserError)) throw e; // a crash (exit 70) fails the property
            if (gzip && cut) expect(e.message).toMatch(/truncated|gzip/);
            return;
          }
          try {
            const { summary } = outcome;
            // A truncated gzip must not be read as if whole.
            expect(gzip && cut).toBeFalsy();
            const expected = recordsIn(gzip && !damage.some((d) => d.kind !== 'truncate') ? plain : bytes, header);
            expect(summary.validRows + summary.badRows).toBe(summary.rows);
            expect(summary.rows).toBe(expected);
          } finally {
            await outcome.store.close();
          }
        },
      ),
      { seed: 20261207, numRuns: 60 },
    );
  }, 120_000);
});
