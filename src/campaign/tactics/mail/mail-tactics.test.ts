/**
 * Mail and text tactics, each against the hand-written phishing seeds: it changes the message the way it claims, the
 * same seed gives the same output, the validity oracle says the lure and the links survive, and the simple
 * heuristic the catalog names defuses it — checked with the heuristic itself and, where the reference system has a
 * hardening switch for it, with the reference's own feature extraction (the real pipeline, not a stand-in).
 */
import { describe, expect, it } from 'vitest';
import type { HardeningSwitch } from '../../../reference/hardening.js';
import { extractMessage } from '../../../reference/pipeline/extract.js';
import { heuristicsFor } from '../../oracles/heuristics/index.js';
import { words } from '../../oracles/normalize.js';
import { readerView } from '../../oracles/reader-view.js';
import { DEFAULT_REDIRECT_REGISTRY } from '../../oracles/redirect-registry.js';
import { judgeValidity, validityOptionsFor } from '../../oracles/validity.js';
import { PHISHING_SEEDS, phishingSeed } from '../../samples/phishing.js';
import { getExecutableTactic } from '../index.js';
import { createRng } from '../rng.js';
import type { ContentTactic, TacticParams } from '../types.js';

const OFF = { readHtml: true, normalizeConfusables: false, stripHiddenText: false, decodeNestedEncodings: false };
const ctx = { registry: DEFAULT_REDIRECT_REGISTRY };

function tactic(id: string): ContentTactic {
  const t = getExecutableTactic(id);
  if (t?.kind !== 'content') throw new Error(`no content tactic ${id}`);
  return t;
}

function run(id: string, seedId: string, seed = 7, params: TacticParams = {}): string {
  const out = tactic(id).apply(phishingSeed(seedId).content, createRng(seed), params);
  if (!out) throw new Error(`${id} did not apply to ${seedId}`);
  return out.content;
}

async function tokens(raw: string, on?: HardeningSwitch): Promise<string[]> {
  return (await extractMessage(raw, on ? { ...OFF, [on]: true } : OFF)).tokens;
}

/** Feature tokens of the original the filter no longer sees in the transformed message. */
async function lostTokens(original: string, transformed: string, on?: HardeningSwitch): Promise<string[]> {
  const after = new Set(await tokens(transformed, on));
  return (await tokens(original, on)).filter((t) => !after.has(t));
}

async function addedTokens(original: string, transformed: string, on?: HardeningSwitch): Promise<string[]> {
  const before = new Set(await tokens(original, on));
  return (await tokens(transformed, on)).filter((t) => !before.has(t));
}

const MAIL_TACTICS = [
  'input.confusable-characters',
  'input.zero-width-characters',
  'layout.hidden-good-words',
  'layout.html-comment-word-split',
  'layout.text-as-image',
  'layout.mime-reencoding',
  'layout.multipart-alternative-mismatch',
  'layout.brand-name-removal',
  'layout.link-in-attachment',
];

describe.each(MAIL_TACTICS)('%s', (id) => {
  it('is deterministic for a seed and keeps the payload on every seed it applies to', async () => {
    const t = tactic(id);
    let applied = 0;
    for (const s of PHISHING_SEEDS) {
      const a = t.apply(s.content, createRng(11), {});
      const b = t.apply(s.content, createRng(11), {});
      expect(b?.content).toBe(a?.content);
      if (!a) continue;
      applied++;
      expect(a.content).not.toBe(s.content);
      const v = await judgeValidity(s.content, a.content, validityOptionsFor([{ id, params: {} }]));
      expect(v.reasons, `${s.id}`).toEqual([]);
      expect(v.valid).toBe(true);
    }
    expect(applied).toBeGreaterThanOrEqual(4);
  });

  it('is caught by its simple heuristic on every seed it applies to', async () => {
    const hs = heuristicsFor(id).filter((h) => h.kind === 'content');
    expect(hs.length).toBeGreaterThan(0);
    for (const s of PHISHING_SEEDS) {
      const out = tactic(id).apply(s.content, createRng(3), {});
      if (!out) continue;
      const view = await readerView(out.content);
      const fired = hs.filter((h) => h.kind === 'content' && h.inspect(out.content, view, ctx).fired);
      expect(
        fired.map((h) => h.id),
        s.id,
      ).not.toEqual([]);
    }
  });
});

describe('input.confusable-characters', () => {
  it('swaps letters of trigger words for other scripts; the reference loses the words until confusables are normalized', async () => {
    const s = phishingSeed('phish/paypal-limited').content;
    const out = run('input.confusable-characters', 'phish/paypal-limited');
    expect((await readerView(out)).visibleText).toMatch(/[\u0370-\u03ff\u0400-\u04ff]/u);
    const lost = await lostTokens(s, out);
    expect(lost).toEqual(expect.arrayContaining(['account', 'verify']));
    expect(await lostTokens(s, out, 'normalizeConfusables')).toEqual([]);
  });

  it('does not apply when no trigger word occurs', () => {
    expect(
      tactic('input.confusable-characters').apply(phishingSeed('phish/dhl-parcel-fee').content, createRng(1), {}),
    ).toBeNull();
  });
});

describe('input.zero-width-characters', () => {
  it('breaks trigger words with invisible code points; normalization restores them', async () => {
    const s = phishingSeed('phish/contoso-bank-form').content;
    const out = run('input.zero-width-characters', 'phish/contoso-bank-form');
    expect((await readerView(out)).visibleText).toMatch(/\p{Default_Ignorable_Code_Point}/u);
    expect((await lostTokens(s, out)).length).toBeGreaterThan(0);
    expect(await lostTokens(s, out, 'normalizeConfusables')).toEqual([]);
  });
});

describe('layout.html-comment-word-split', () => {
  it('splits words with markup the renderer joins; visible-text extraction rejoins them', async () => {
    const s = phishingSeed('phish/paypal-limited').content;
    const out = run('layout.html-comment-word-split', 'phish/paypal-limited');
    const view = await readerView(out);
    expect(view.html).toMatch(/<!--|<\/?(span|b|i|font)/i);
    expect(words(view.visibleText.toLowerCase())).toEqual(expect.arrayContaining(['verify', 'account']));
    expect((await lostTokens(s, out)).length).toBeGreaterThan(0);
    expect(await lostTokens(s, out, 'stripHiddenText')).toEqual([]);
  });
});

describe('layout.hidden-good-words', () => {
  it('adds invisible ham words the unhardened reference scores and the visible-text extraction drops', async () => {
    const s = phishingSeed('phish/paypal-limited').content;
    for (const method of ['display-none', 'font-size-0', 'white-on-white']) {
      const out = run('layout.hidden-good-words', 'phish/paypal-limited', 5, { method, count: 30 });
      const view = await readerView(out);
      expect(words(view.hiddenText).length, method).toBeGreaterThanOrEqual(30);
      expect((await addedTokens(s, out)).length, method).toBeGreaterThan(10);
      expect(await addedTokens(s, out, 'stripHiddenText'), method).toEqual([]);
    }
  });

  it('turns a plain-text message into HTML to have somewhere to hide words, unless told not to', () => {
    const plain = phishingSeed('phish/microsoft-365-password').content;
    expect(tactic('layout.hidden-good-words').apply(plain, createRng(1), { convertPlainText: false })).toBeNull();
    expect(run('layout.hidden-good-words', 'phish/microsoft-365-password')).toMatch(/text\/html/);
  });
});

describe('layout.text-as-image', () => {
  it('moves the body text into an image: the reference no longer reads it, the reader (and OCR) still does', async () => {
    const s = phishingSeed('phish/paypal-limited').content;
    const out = run('layout.text-as-image', 'phish/paypal-limited');
    const view = await readerView(out);
    expect(view.images).toBeGreaterThan(0);
    expect(words(view.bodyVisibleText).length).toBeLessThan(20);
    expect(view.visibleText.toLowerCase()).toContain('verify your account');
    expect(await lostTokens(s, out)).toEqual(expect.arrayContaining(['verify', 'suspended']));
  });
});

describe('layout.mime-reencoding', () => {
  it.each(['rfc822-wrapper', 'base64-in-qp', 'double-base64', 'entity-encoding'])(
    'mode %s hides the text from a one-level decoder',
    async (mode) => {
      const out = run('layout.mime-reencoding', 'phish/paypal-limited', 1, { mode });
      // The wrapper keeps the text readable in the raw source but moves it into a part a shallow parser skips.
      if (mode !== 'rfc822-wrapper') expect(out).not.toContain('verify your account information');
      const view = await readerView(out);
      expect(view.visibleText.toLowerCase()).toContain('verify your account information');
      if (mode !== 'entity-encoding') expect(out).toMatch(/message\/rfc822/i);
    },
  );
});

describe('layout.multipart-alternative-mismatch', () => {
  it('puts harmless text in text/plain and keeps the lure in text/html', async () => {
    const out = run('layout.multipart-alternative-mismatch', 'phish/microsoft-365-password');
    const view = await readerView(out);
    expect(view.source).toBe('html');
    expect(view.plainText.toLowerCase()).not.toContain('password');
    expect(view.visibleText.toLowerCase()).toContain('password');
    // A filter that reads only text/plain (the reference with its HTML reader off) sees no lure words.
    const plainOnly = await extractMessage(out, { ...OFF, readHtml: false });
    expect(plainOnly.tokens).not.toContain('password');
  });
});

describe('layout.brand-name-removal', () => {
  it('removes brand names from what the reader sees, and the oracle accepts that only because the tactic declares it', async () => {
    const s = phishingSeed('phish/paypal-limited').content;
    const out = run('layout.brand-name-removal', 'phish/paypal-limited');
    const view = await readerView(out);
    expect(`${view.subject} ${view.visibleText}`.toLowerCase()).not.toContain('paypal');
    expect((await judgeValidity(s, out)).valid).toBe(false);
    expect((await judgeValidity(s, out, validityOptionsFor([{ id: 'layout.brand-name-removal' }]))).valid).toBe(true);
    expect(await lostTokens(s, out)).toContain('paypal');
  });
});

describe('layout.link-in-attachment', () => {
  it('leaves no link in the body; the link sits in an attached HTML file', async () => {
    const out = run('layout.link-in-attachment', 'phish/paypal-limited');
    const view = await readerView(out);
    expect(view.bodyLinks.filter((l) => /^https?:/.test(l))).toEqual([]);
    expect(view.attachmentLinks).toContain('https://www.paypal.example/signin/verify?case=PP-2291');
    expect(view.visibleText.toLowerCase()).toMatch(/attach/);
  });
});

describe('compositions', () => {
  it('brand-name removal still finds a brand that confusables or zero-width characters respelled', async () => {
    for (const first of ['input.confusable-characters', 'input.zero-width-characters']) {
      for (const s of PHISHING_SEEDS) {
        const a = tactic(first).apply(s.content, createRng(4), {});
        const b = tactic('layout.brand-name-removal').apply(a?.content ?? s.content, createRng(4), {});
        if (!b) continue;
        const steps = [{ id: first }, { id: 'layout.brand-name-removal' }];
        expect(
          (await judgeValidity(s.content, b.content, validityOptionsFor(steps))).reasons,
          `${first} ${s.id}`,
        ).toEqual([]);
      }
    }
  });

  it('does not see a brand inside a word that an invisible character split ("pur\u200bchase" is no Chase)', () => {
    const raw =
      'From: a@example.org\nSubject: your pur\u200bchase\nContent-Type: text/plain; charset=utf-8\n\nThank you for your pur\u200bchase.\n';
    expect(tactic('layout.brand-name-removal').apply(raw, createRng(1), {})).toBeNull();
  });

  it('content tactics stack: hidden words, redirects and confusables together keep the payload', async () => {
    const s = phishingSeed('phish/paypal-limited').content;
    const steps = ['input.confusable-characters', 'layout.hidden-good-words', 'url.redirect-chain'];
    let c = s;
    for (const id of steps) c = tactic(id).apply(c, createRng(8), {})?.content ?? c;
    const v = await judgeValidity(s, c, validityOptionsFor(steps.map((id) => ({ id }))));
    expect(v.reasons).toEqual([]);
    expect(v.details.chains.some((x) => x.hops === 2)).toBe(true);
  });
});
