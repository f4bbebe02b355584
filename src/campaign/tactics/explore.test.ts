import { test } from 'vitest';
import { EXECUTABLE_TACTICS } from './index.js';
import { createRng } from './rng.js';
import { PHISHING_SEEDS } from '../samples/phishing.js';
import { judgeValidity, validityOptionsFor } from '../oracles/index.js';

test('explore', async () => {
  for (const t of EXECUTABLE_TACTICS) {
    if (t.kind !== 'content') continue;
    for (const s of PHISHING_SEEDS) {
      const r = t.apply(s.content, createRng(1), t.defaults);
      if (!r) { console.log(t.id, s.id, 'n/a'); continue; }
      const v = await judgeValidity(s.content, r.content, validityOptionsFor([{ id: t.id, params: t.defaults }]));
      console.log(t.id, s.id, v.valid, r.content === s.content ? 'UNCHANGED' : '', v.reasons.join(' | '), r.note);
    }
  }
}, 60000);
