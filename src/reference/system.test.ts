/**
 * The reference system end to end in-process, on a model trained on a 300-message corpus sample (real mail, real
 * training, a private cache directory) so the whole file runs in seconds.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetError } from '../contracts/target.js';
import { type CorpusMessage, loadCorpus, sampleCorpus, splitCorpus } from './corpus.js';
import { createReferenceSystem } from './system.js';
import { referenceTarget } from './target.js';
import { evaluateReferenceModel, type TrainedReferenceModel, trainReferenceModel } from './training.js';

const SAMPLE = 300;
let cacheDir: string;
let trained: TrainedReferenceModel;
let spam: CorpusMessage;
let ham: CorpusMessage;
const T0 = Date.UTC(2025, 0, 6, 9);

beforeAll(async () => {
  cacheDir = mkdtempSync(join(tmpdir(), 'nograd-ref-'));
  process.env.NOGRAD_CACHE_DIR = cacheDir;
  trained = await trainReferenceModel({ model: 'lr', sample: SAMPLE });
  // A clearly spammy and a clearly hammy test message (long enough for the bulk detector to fingerprint).
  const system = await createReferenceSystem({ trained });
  const byId = new Map(loadCorpus().map((m) => [m.id, m]));
  const scored: Array<{ m: CorpusMessage; score: number }> = [];
  for (const id of trained.testIds) {
    const m = byId.get(id) as CorpusMessage;
    if (m.raw.length > 20_000) continue;
    scored.push({ m, score: (await system.scoreContent(m.raw)).score });
  }
  spam = scored.filter((s) => s.m.label === 'spam' && s.score > 0.9).sort((a, b) => a.m.id.localeCompare(b.m.id))[0]
    ?.m as CorpusMessage;
  ham = scored.filter((s) => s.m.label === 'ham' && s.score < 0.05).sort((a, b) => a.m.id.localeCompare(b.m.id))[0]
    ?.m as CorpusMessage;
  expect(spam).toBeDefined();
  expect(ham).toBeDefined();
}, 120_000);

afterAll(() => {
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('training-corpus', () => {
  it('holds the 6,046 SpamAssassin messages, labelled by group', () => {
    const corpus = loadCorpus();
    expect(corpus).toHaveLength(6046);
    expect(corpus.filter((m) => m.label === 'spam')).toHaveLength(1896);
  });

  it('splits deterministically, disjointly and stratified by label', () => {
    const corpus = loadCorpus();
    const a = splitCorpus(corpus, { seed: 1 });
    const b = splitCorpus(corpus, { seed: 1 });
    const c = splitCorpus(corpus, { seed: 2 });
    expect(a.test.map((m) => m.id)).toEqual(b.test.map((m) => m.id));
    expect(a.test.map((m) => m.id)).not.toEqual(c.test.map((m) => m.id));
    const testIds = new Set(a.test.map((m) => m.id));
    expect(a.train.some((m) => testIds.has(m.id))).toBe(false);
    expect(a.train.length + a.test.length).toBe(6046);
    const spamShare = (ms: CorpusMessage[]) => ms.filter((m) => m.label === 'spam').length / ms.length;
    expect(Math.abs(spamShare(a.test) - spamShare(corpus))).toBeLessThan(0.005);
  });

  it('the temporal split trains on the early groups and tests on the later ones', () => {
    const { train, test } = splitCorpus(loadCorpus(), { kind: 'temporal' });
    expect(new Set(train.map((m) => m.group))).toEqual(new Set(['easy-ham-1', 'spam-1']));
    expect(new Set(test.map((m) => m.group))).toEqual(new Set(['easy-ham-2', 'hard-ham-1', 'spam-2']));
  });

  it('samples a seeded, stratified subset', () => {
    const s = sampleCorpus(loadCorpus(), 300, 42);
    expect(s.length).toBeGreaterThanOrEqual(299);
    expect(s.length).toBeLessThanOrEqual(301);
    expect(sampleCorpus(loadCorpus(), 300, 42).map((m) => m.id)).toEqual(s.map((m) => m.id));
    expect(s.filter((m) => m.label === 'spam').length).toBe(Math.round((300 * 1896) / 6046));
    expect(() => sampleCorpus(loadCorpus(), 5, 42)).toThrow(/sample size/);
  });
});

describe('training', () => {
  it('caches the model on disk and reloads identical weights', async () => {
    expect(readdirSync(join(cacheDir, 'reference')).some((f) => f.startsWith('model-'))).toBe(true);
    const again = await trainReferenceModel({ model: 'lr', sample: SAMPLE });
    expect(again.fromCache).toBe(true);
    expect(again.model.version).toBe(trained.model.version);
    expect(again.testIds).toEqual(trained.testIds);
  });

  it('is reproducible without the cache, and the seed matters', async () => {
    const fresh = await trainReferenceModel({ model: 'lr', sample: SAMPLE, cache: false });
    expect(fresh.fromCache).toBe(false);
    expect(fresh.model.version).toBe(trained.model.version);
    const other = await trainReferenceModel({ model: 'lr', sample: SAMPLE, seed: 7, cache: false });
    expect(other.model.version).not.toBe(trained.model.version);
  });

  it('evaluates on the held-out split: a real model even on 240 training messages', async () => {
    const e = await evaluateReferenceModel(trained);
    expect(e.metrics.n).toBe(trained.testIds.length);
    expect(e.trainSize + e.metrics.n).toBe(trained.trainIds.length + trained.testIds.length);
    expect(e.metrics.rocAuc).toBeGreaterThan(0.9);
    expect(e.metrics.threshold).toBe(0.5);
    await expect(evaluateReferenceModel(trained, { threshold: 0.2, reviewLow: 0.4 })).rejects.toThrow(/reviewLow/);
  });
});

describe('the funnel', () => {
  const ctx = (accountId: string, extra: Record<string, unknown> = {}) => ({
    accountId,
    accountAgeDays: 400,
    timestamp: T0,
    ...extra,
  });

  it('the model decides ordinary traffic: spam blocked, ham allowed', async () => {
    const system = await createReferenceSystem({ trained });
    const s = await system.classify(spam.raw, ctx('s'));
    const h = await system.process({ raw: ham.raw, context: ctx('h') });
    expect([s.decision, s.decidedBy, s.layer]).toEqual(['block', 'threshold-policy', 'application']);
    expect([h.decision, h.decidedBy]).toEqual(['allow', 'threshold-policy']);
    expect(s.score).toBeGreaterThan(0.5);
    expect(s.templateHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('young accounts meet a lower threshold', async () => {
    const system = await createReferenceSystem({ trained });
    const young = await system.process({ raw: ham.raw, context: ctx('kid', { accountAgeDays: 1 }) });
    expect(young.account.young).toBe(true);
    expect(young.threshold).toBeCloseTo(0.4);
  });

  it('each earlier layer stops mail before the model sees it', async () => {
    const system = await createReferenceSystem({
      trained,
      policy: {
        signup: { maxSignupsPerSourcePerDay: 1 },
        rateLimit: { maxPerHour: 2 },
        bulk: { maxNearDuplicates: 1 },
      },
    });
    // automation: the second signup from one source that day is refused.
    await system.process({ raw: ham.raw, context: ctx('first', { sourceIp: '203.0.113.9' }) });
    const refused = await system.process({ raw: ham.raw, context: ctx('second', { sourceIp: '203.0.113.9' }) });
    expect([refused.decidedBy, refused.layer, refused.score]).toEqual(['signup-challenge', 'automation', null]);
    // activity: the same long message twice from one sender is bulk…
    await system.process({ raw: ham.raw, context: ctx('repeat') });
    const bulk = await system.process({ raw: ham.raw, context: ctx('repeat', { timestamp: T0 + 1 }) });
    expect([bulk.decidedBy, bulk.layer]).toEqual(['bulk-detector', 'activity']);
    // …and a third message in the hour is over the rate limit.
    const rate = await system.process({ raw: spam.raw, context: ctx('repeat', { timestamp: T0 + 2 }) });
    expect(rate.decidedBy).toBe('rate-limiter');
    // access: an account whose reputation fell below the floor.
    await system.process({ raw: ham.raw, context: ctx('bad') });
    for (let i = 0; i < 3; i++) system.recordOutcome('bad', 'review-confirmed-spam');
    expect(system.accountState('bad')?.belowFloor).toBe(true);
    const floor = await system.process({ raw: ham.raw, context: ctx('bad', { timestamp: T0 + HOUR }) });
    expect([floor.decidedBy, floor.layer]).toEqual(['sender-accounts', 'access']);
    const snap = system.snapshot();
    expect(snap.decidedBy).toMatchObject({
      'signup-challenge': 1,
      'bulk-detector': 1,
      'rate-limiter': 1,
      'sender-accounts': 1,
    });
    expect(snap.signup.accountsRefused).toBe(1);
  });

  it('with the outer layers switched off only the content model decides', async () => {
    const system = await createReferenceSystem({
      trained,
      policy: { rateLimit: { maxPerHour: 1 } },
      disabledComponents: ['signup-challenge', 'sender-accounts', 'rate-limiter', 'bulk-detector'],
    });
    for (let i = 0; i < 3; i++) {
      const out = await system.process({ raw: ham.raw, context: ctx('one', { timestamp: T0 + i }) });
      expect(out.decidedBy).toBe('threshold-policy');
    }
  });

  it('refuses a trained model whose preprocessing differs from the hardening asked for', async () => {
    await expect(createReferenceSystem({ trained, hardening: { stripHiddenText: true } })).rejects.toThrow(
      /stripHiddenText/,
    );
  });

  it('"not spam" reports poison the next retraining (and the feedback rate limit blunts it)', async () => {
    const open = await createReferenceSystem({ trained });
    const before = (await open.scoreContent(spam.raw)).score;
    for (let i = 0; i < 40; i++) {
      expect(
        (await open.feedback({ raw: spam.raw, claimed: 'ham', reporter: `r${i % 2}`, reporterAgeDays: 1, at: T0 }))
          .accepted,
      ).toBe(true);
    }
    const model = await open.retrainNow(T0);
    expect(model.version).not.toBe(trained.model.version);
    expect((await open.scoreContent(spam.raw)).score).toBeLessThan(before);

    const hardened = await createReferenceSystem({ trained, hardening: { feedbackRateLimit: true } });
    const verdicts = [];
    for (let i = 0; i < 10; i++)
      verdicts.push(
        await hardened.feedback({ raw: spam.raw, claimed: 'ham', reporter: 'r', reporterAgeDays: 30, at: T0 }),
      );
    expect(verdicts.filter((v) => v.accepted)).toHaveLength(3);
    expect(
      await hardened.feedback({ raw: spam.raw, claimed: 'ham', reporter: 'kid', reporterAgeDays: 1, at: T0 }),
    ).toEqual({
      accepted: false,
      reason: 'young-reporter',
    });
  }, 60_000);
});

describe('hardening against a hidden-text attack', () => {
  const visible =
    'Click here to get FREE money now! This limited time offer ends today. Order now, 100% free, no risk.';
  const html = (hidden: string) =>
    [
      'From: "Best Deals" <deals@cheap-offers.example>',
      'Subject: FREE money - limited time offer',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=utf-8',
      '',
      `<html><body><p>${visible}</p>${hidden}</body></html>`,
      '',
    ].join('\n');

  it('good words in a display:none block fool the default pipeline, not the stripHiddenText one', async () => {
    // The attacker's good words: the model's most ham-like plain words (a public ham corpus gives the same).
    const goodWords = trained.model.space.vocabulary
      .map((token, j) => ({ token, w: trained.model.weights[j] as number }))
      .filter((t) => /^[a-z]{3,}$/.test(t.token))
      .sort((a, b) => a.w - b.w)
      .slice(0, 60)
      .map((t) => t.token);
    const plain = html('');
    const attack = html(`<div style="display:none">${goodWords.join(' ')}</div>`);
    const open = await createReferenceSystem({ trained });
    const openPlain = (await open.scoreContent(plain)).score;
    const openAttack = (await open.scoreContent(attack)).score;
    expect(openPlain).toBeGreaterThan(0.5);
    expect(openAttack).toBeLessThan(0.3);

    const hardenedModel = await trainReferenceModel({
      model: 'lr',
      sample: SAMPLE,
      hardening: { stripHiddenText: true },
    });
    const hardened = await createReferenceSystem({ trained: hardenedModel, hardening: { stripHiddenText: true } });
    const hardPlain = (await hardened.scoreContent(plain)).score;
    expect(hardPlain).toBeGreaterThan(0.5);
    expect((await hardened.scoreContent(attack)).score).toBe(hardPlain);
  }, 60_000);
});

describe('referenceTarget', () => {
  it('answers the Target contract and is closed afterwards', async () => {
    const target = referenceTarget({ model: 'lr', sample: SAMPLE });
    expect(target.info.kind).toBe('reference');
    expect(target.info.exposes).toEqual(['decision', 'score', 'decidedBy']);
    const v = await target.decide({
      id: 'x',
      content: spam.raw,
      context: { accountId: 'a', accountAgeDays: 100, timestamp: T0 },
    });
    expect(v.decision).toBe('block');
    expect(v.decidedBy).toBe('threshold-policy');
    expect(v.score).toBeGreaterThan(0.5);
    expect(v.detail?.modelVersion).toBe(trained.model.version);
    await target.close();
    await expect(target.decide({ id: 'y', content: ham.raw })).rejects.toBeInstanceOf(TargetError);
  });

  it('fingerprints differ when the system differs', () => {
    const a = referenceTarget({ sample: SAMPLE }).info.fingerprint;
    expect(referenceTarget({ sample: SAMPLE }).info.fingerprint).toBe(a);
    expect(referenceTarget({ sample: SAMPLE, hardening: { normalizeConfusables: true } }).info.fingerprint).not.toBe(a);
    expect(referenceTarget({ sample: SAMPLE, model: 'nb' }).info.fingerprint).not.toBe(a);
  });
});

const HOUR = 3_600_000;
