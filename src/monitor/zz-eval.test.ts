import { it } from 'vitest';
import { evaluateTraffic } from './evaluate.js';
import { readEvents } from './events.js';
import { resolveLogInputs } from './source.js';
import { writeSyntheticTraffic } from './testing/synthetic-traffic.js';
it('seeds', async () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    const dir = `/tmp/mon/seed${seed}`;
    await writeSyntheticTraffic(dir, { seed, withInput: true });
    const r = await evaluateTraffic(resolveLogInputs([dir]), { events: readEvents(`${dir}/events.json`) });
    console.log(seed, r.detected, r.events.map((e) => `${e.kind}:${e.timeToDetectMs && e.timeToDetectMs / 3.6e6}`).join(' '), `fa=${r.falseAlarmWindows}/${r.cleanWindows}`, r.falseAlarms.map((a) => `${a.window.start.slice(5, 10)} ${a.ruleId} ${a.message}`).join(' | '));
  }
}, 300000);
