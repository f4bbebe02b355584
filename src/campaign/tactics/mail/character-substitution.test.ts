/**
 * input.character-substitution against the phishing seeds and the reference system's real feature extraction: it
 * respells trigger words, the same seed gives the same bytes, the payload survives only because the tactic declares
 * its respellings to the validity oracle, the reference loses the words even with confusables normalized, and the
 * digit-substitution heuristic catches it while staying quiet on benign mail.
 */
import { describe, expect, it } from 'vitest';
import { extractMessage } from '../../../reference/pipeline/extract.js';
import { heuristicsFor, inspectMessage } from '../../oracles/heuristics/index.js';
import { readerView } from '../../oracles/reader-view.js';
import { DEFAULT_REDIRECT_REGISTRY } from '../../oracles/redirect-registry.js';
import { judgeValidity, validityOptionsFor } from '../../oracles/validity.js';
import { pickBenignSet } from '../../samples/corpus.js';
import { PHISHING_SEEDS, phishingSeed } from '../../samples/phishing.js';
import { getExecutableTactic } from '../index.js';
import { createRng } from '../rng.js';
import type { ContentTactic } from '../types.js';
import { respellings, respellWord } from './character-substitution.js';

const ID = 'input.character-substitution';
const ctx = { registry: DEFAULT_REDIRECT_REGISTRY };
const OFF = { readHtml: true, normalizeConfusables: false, stripHiddenText: false, decodeNestedEncodings: false };

function tactic(): ContentTactic {
  const t = getExecutableTactic(ID);
  if (t?.kind !== 'content') throw new Error(`no content tactic ${ID}`);
  return t;
}

async function tokens(raw: string, normalizeConfusables = false): Promise<Set<string>> {
  return new Set((await extractMessage(raw, { ...OFF, normalizeConfusables })).tokens);
}

describe(ID, () => {
  it('respells words with digits that read as letters, and lists every respelling it can make', () => {
    expect(respellWord('Verify', createRng(1), 1)).toMatch(/^V3rify$|^Ver1fy$/);
    expect(respellWord('xyz', createRng(1), 1)).toBeNull();
    expect(respellings('loan', 1).sort()).toEqual(['l0an', 'lo4n', 'loan'].sort());
    expect(respellings('loan', 2)).toContain('l04n');
  });

  it('is deterministic and keeps the payload on every seed it applies to, by the equivalences it declares', async () => {
    let applied = 0;
    let invalidWithout = 0;
    for (const s of PHISHING_SEEDS) {
      const a = tactic().apply(s.content, createRng(11), {});
      expect(tactic().apply(s.content, createRng(11), {})?.content).toBe(a?.content);
      if (!a) continue;
      applied++;
      expect(a.content).not.toBe(s.content);
      const v = await judgeValidity(s.content, a.content, validityOptionsFor([{ id: ID, params: {} }]));
      expect(v.reasons, s.id).toEqual([]);
      // Without the tactic's declared respellings the oracle sees other words: the declaration is what makes it valid.
      if (!(await judgeValidity(s.content, a.content)).valid) invalidWithout++;
    }
    expect(applied).toBeGreaterThanOrEqual(4);
    expect(invalidWithout).toBeGreaterThan(0);
  });

  it('removes trigger words from the reference features, and confusable normalization does not bring them back', async () => {
    const s = phishingSeed('phish/paypal-limited').content;
    const out = tactic().apply(s, createRng(7), { lettersPerWord: 2 });
    if (!out) throw new Error('did not apply');
    expect((await readerView(out.content)).visibleText).toMatch(/\p{L}\d+\p{L}/u);
    for (const normalize of [false, true]) {
      const after = await tokens(out.content, normalize);
      const lost = [...(await tokens(s, normalize))].filter((t) => !after.has(t));
      expect(lost, `normalizeConfusables=${normalize}`).toEqual(expect.arrayContaining(['account', 'verify']));
    }
  });

  it('is caught by the digit-substitution heuristic on every seed it applies to, not on the originals', async () => {
    const [h] = heuristicsFor(ID);
    if (h?.kind !== 'content') throw new Error('no content heuristic');
    for (const s of PHISHING_SEEDS) {
      expect(h.inspect(s.content, await readerView(s.content), ctx).fired, s.id).toBe(false);
      const out = tactic().apply(s.content, createRng(3), {});
      if (!out) continue;
      const f = h.inspect(out.content, await readerView(out.content), ctx);
      expect(f.fired, s.id).toBe(true);
      expect(f.evidence[0]).toMatch(/^'\S+' reads as '\p{L}+'$/u);
    }
  });

  it('leaves benign mail alone: the heuristic flags none of 60 ham messages', async () => {
    for (const m of pickBenignSet({ seed: 21, count: 60 })) {
      const fired = (await inspectMessage(m.content, ctx)).filter((x) => x.finding.fired).map((x) => x.id);
      expect(fired, m.id).not.toContain('heuristic.digit-substitution');
    }
  });
});
