/**
 * probing: one account or source sends a burst of inputs whose scores sit right at a decision boundary (the block
 * threshold or the review band's lower edge) — the footprint of an attacker searching the boundary with variants. Fires per entity when its near-threshold count
 * (|score − threshold| ≤ the baseline's band) reaches max(minNear, factor × the busiest entity of any baseline window)
 * and makes up at least `minShare` of its scored decisions (a large legitimate sender has many scores, few near).
 */
import { z } from 'zod';
import { defineSignal, type Finding, pct } from './types.js';

const Params = z.strictObject({
  minNear: z.number().int().positive().default(20),
  /** A binary search over padding lands only part of its steps near the boundary (~40% in the reference system). */
  minShare: z.number().positive().max(1).default(0.25),
  /** Multiple of the baseline's largest per-entity near-threshold count in one window. */
  baselineFactor: z.number().nonnegative().default(3),
});

export const probing = defineSignal({
  id: 'probing',
  title: 'Boundary probing',
  description:
    'An account or source IP sends many decisions within the near-threshold band (≥ max(minNear, baselineFactor × baseline max per window)) that make up ≥ minShare of its scored decisions.',
  params: Params,
  detect({ window, baseline }, p) {
    const need = Math.max(p.minNear, Math.ceil(p.baselineFactor * baseline.daily.maxEntityNear.max));
    const out: Finding[] = [];
    for (const e of window.entities) {
      if (e.near < need || e.scored === 0) continue;
      const share = e.near / e.scored;
      if (share < p.minShare) continue;
      out.push({
        subject: `${e.kind}:${e.id}`,
        value: e.near,
        threshold: need,
        message: `${e.kind} ${e.id} sent ${e.near} decisions within ±${baseline.aggregation.nearBand} of a decision boundary (${pct(share)} of its ${e.scored} scored, ~${e.inputs} distinct inputs)`,
        evidence: {
          kind: e.kind,
          id: e.id,
          near: e.near,
          scored: e.scored,
          rows: e.rows,
          share,
          inputs: e.inputs,
          minAccountAgeDays: e.minAccountAgeDays,
        },
      });
    }
    return out;
  },
});
