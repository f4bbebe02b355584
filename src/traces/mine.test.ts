import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Candidate } from './candidate.js';
import { ingestTraces } from './ingest.js';
import { mineTraces } from './mine.js';
import { mineRows, row, tempDir, writeJsonl, writeParquet } from './testing/fixture.js';

const DAY = 86_400_000;
const at = (day: number, minute: number) => new Date(Date.UTC(2025, 0, 6) + day * DAY + minute * 60_000).toISOString();

/** A bit of everything: near-threshold scores, escalations, overturns, a new template, a model-version change. */
function mixedLogs() {
  const rows = [];
  for (let i = 0; i < 40; i++) {
    rows.push(row({ ts: at(0, i), score: 0.4 + i * 0.005, decision: i * 0.005 + 0.4 >= 0.5 ? 'block' : 'review' }));
  }
  rows.push(row({ ts: at(1, 1), escalated: true, reviewerOutcome: 'ham', decision: 'block', score: 0.8 }));
  rows.push(row({ ts: at(1, 2), decision: 'allow', score: 0.2, userReport: 'spam' }));
  for (let i = 0; i < 4; i++) rows.push(row({ ts: at(3, i), templateHash: 'abcdef0000000000', account: `a${i}` }));
  rows.push(row({ ts: at(1, 5), inputHash: 'same-input', score: 0.1, modelVersion: 'm1' }));
  rows.push(row({ ts: at(2, 5), inputHash: 'same-input', score: 0.3, modelVersion: 'm2' }));
  // An evasion trick in delivered mail, and a young sender with one message blocked and one delivered.
  rows.push(row({ ts: at(2, 7), input: 'Subject: x\n\nf\u200bree money' }));
  rows.push(row({ ts: at(2, 8), account: 'ev-1', accountAgeDays: 2, decision: 'block', score: 0.9 }));
  rows.push(row({ ts: at(2, 9), account: 'ev-1', accountAgeDays: 2, score: 0.15 }));
  return rows;
}

/** Every miner that reads decision logs. */
const ALL_DECISION_MINERS = [
  'uncertain',
  'escalated',
  'overturned',
  'evasion-signals',
  'sender-siblings',
  'new-template',
  'confidence-loss',
];

const comparable = (candidates: Candidate[]) =>
  candidates.map((c) => ({ ...c, informativeness: Number(c.informativeness.toFixed(9)) }));

describe('mineTraces', () => {
  it('finds the same cases in a JSONL log (copied) and the same log as Parquet (read in place)', async () => {
    const rows = mixedLogs();
    const params = { baselineUntil: at(2, 0) };
    const fromJsonl = await mineRows(rows, { params, miners: ALL_DECISION_MINERS });
    const fromParquet = await mineRows(rows, { params, miners: ALL_DECISION_MINERS, format: 'parquet' });
    expect(fromJsonl.mining.miners.filter((m) => !m.skipped).every((m) => m.matched > 0)).toBe(true);
    expect(fromParquet.mining.miners).toEqual(fromJsonl.mining.miners);
    expect(comparable(fromParquet.mining.candidates)).toEqual(comparable(fromJsonl.mining.candidates));
    expect(fromParquet.summary).toMatchObject({ rows: rows.length, badRows: 0 });
  });

  it('mines several files, Parquet read in place and JSONL copied, as one log', async () => {
    const rows = mixedLogs();
    const params = { baselineUntil: at(2, 0) };
    const { dir, cleanup } = tempDir();
    try {
      const third = Math.floor(rows.length / 3);
      const a = await writeParquet(join(dir, 'a.parquet'), rows.slice(0, third));
      const b = writeJsonl(join(dir, 'b.jsonl'), rows.slice(third, 2 * third));
      const c = await writeParquet(join(dir, 'c.parquet'), rows.slice(2 * third));
      const whole = await mineRows(rows, { params, miners: ALL_DECISION_MINERS });
      // Two Parquet files read in place around a copied JSONL file: one log.
      const { store, summary } = await ingestTraces([a, b, c], { store: { threads: 1 } });
      try {
        expect(summary.files.map((f) => f.rows)).toEqual([third, third, rows.length - 2 * third]);
        const split = await mineTraces(store, { params, miners: ALL_DECISION_MINERS });
        expect(split.miners).toEqual(whole.mining.miners);
        expect(comparable(split.candidates)).toEqual(comparable(whole.mining.candidates));
      } finally {
        await store.close();
      }
    } finally {
      cleanup();
    }
  });

  it('keeps exactly the cases a full ranking would, however small the first ranking window', async () => {
    // The top of the ranking is one input seen many times, so a small window yields one case and must grow.
    const rows = [];
    for (let i = 0; i < 30; i++) rows.push(row({ inputHash: 'repeated', score: 0.5, decision: 'block' }));
    for (let i = 0; i < 60; i++) rows.push(row({ score: 0.5 - (i + 1) * 0.0007, decision: 'review' }));
    const opts = { miners: ['uncertain'], maxPerMiner: 12, maxPerCluster: 1 };
    const full = await mineRows(rows, opts);
    const windowed = await mineRows(rows, { ...opts, rankingWindow: 4, format: 'parquet' });
    expect(full.mining.miners[0]).toMatchObject({ matched: 90, kept: 12 });
    expect(windowed.mining.miners).toEqual(full.mining.miners);
    expect(windowed.mining.candidates.map((c) => [c.key, c.occurrences, c.reason])).toEqual(
      full.mining.candidates.map((c) => [c.key, c.occurrences, c.reason]),
    );
    expect(full.mining.candidates[0]).toMatchObject({ key: 'repeated', occurrences: 30 });
  });
});
