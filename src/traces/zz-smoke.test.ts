import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { it } from 'vitest';
import { ingestTraces, formatBadRow } from '/work/main/src/traces/ingest.js';
it('smoke', async () => {
  const d = mkdtempSync(join(tmpdir(), 'x'));
  const rec = (o: object) => JSON.stringify({ id: 'a', ts: '2025-01-01T00:00:00Z', account: 'acc', accountAgeDays: 3, inputHash: 'h', score: 0.4, threshold: 0.5, decision: 'allow', decidedBy: 'spam-model', layer: 'application', modelVersion: 'v1', input: 'hello', ...o });
  writeFileSync(join(d, 'a.jsonl'), [rec({}), rec({ id: 'b', score: 'x' }), '', '{bad', rec({ id: null }), rec({ ts: 'yesterday' }), rec({ decision: 'spam' }), '[1]', rec({ escalated: 'maybe' }), rec({ id: 'c', inputHash: null })].join('\n'));
  const { store, summary } = await ingestTraces([d]);
  console.log(JSON.stringify(summary, null, 1));
  for (const b of summary.badSamples) console.log(formatBadRow(b));
  console.log(await store.rows('select * exclude (_problem) from decisions'));
  await store.close();
});
