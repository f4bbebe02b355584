import { it } from 'vitest';
import { createBaseline } from './baseline.js';
import { resolveLogInputs } from './source.js';
import { writeSyntheticTraffic } from './testing/synthetic-traffic.js';
it('x', async () => {
  const r = await writeSyntheticTraffic('/tmp/mon/syn', {});
  console.log(r.records, JSON.stringify(r.events.map(e=>[e.kind,e.start])));
  const b = await createBaseline(resolveLogInputs(['/tmp/mon/syn']), { range: { since: null, until: Date.UTC(2024,0,8) } });
  const { totals, ...rest } = b;
  console.log(JSON.stringify({ ...rest, templates: { ...b.templates, top: b.templates.top.slice(0, 5) } }, null, 1).slice(0, 9000));
}, 60000);
