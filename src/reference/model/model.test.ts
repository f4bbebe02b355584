import { describe, expect, it } from 'vitest';
import { DEFAULT_FIT, fitLinearModel } from './fit.js';
import { deserializeModel, scoreOf, serializeModel } from './linear-model.js';
import { qualityMetrics, rocAuc } from './metrics.js';

// A tiny separable "corpus": spam talks money, ham talks code; each document also has shared filler words.
const spamDocs = Array.from({ length: 12 }, (_, i) => ['free', 'money', 'offer', `filler${i % 3}`, 'the']);
const hamDocs = Array.from({ length: 12 }, (_, i) => ['patch', 'build', 'review', `filler${i % 3}`, 'the']);
const docs = [...spamDocs, ...hamDocs];
const labels = [...spamDocs.map(() => 'spam' as const), ...hamDocs.map(() => 'ham' as const)];
const fit = { ...DEFAULT_FIT, features: { minDocumentFrequency: 2, maxFeatures: 1000 }, seed: 7 };

describe('rocAuc', () => {
  it('is 1 for perfect ranking, 0 for inverted, 0.5 for all ties', () => {
    expect(rocAuc([0.9, 0.8, 0.1, 0.2], [true, true, false, false])).toBe(1);
    expect(rocAuc([0.1, 0.2, 0.9, 0.8], [true, true, false, false])).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [true, false, true, false])).toBe(0.5);
  });

  it('counts one mis-ordered pair out of four', () => {
    // spam {0.9, 0.4}, ham {0.5, 0.1}: pairs (0.9>0.5)(0.9>0.1)(0.4<0.5)(0.4>0.1) → 3/4
    expect(rocAuc([0.9, 0.4, 0.5, 0.1], [true, true, false, false])).toBe(0.75);
  });

  it('is NaN without both classes', () => {
    expect(rocAuc([0.1, 0.2], [true, true])).toBeNaN();
  });
});

describe('qualityMetrics', () => {
  it('counts the confusion matrix at the threshold (score ≥ threshold flags)', () => {
    const m = qualityMetrics([0.9, 0.5, 0.2, 0.6, 0.1], [true, true, true, false, false], 0.5);
    expect([m.truePositives, m.falseNegatives, m.falsePositives, m.trueNegatives]).toEqual([2, 1, 1, 1]);
    expect(m.spamRecall).toBeCloseTo(2 / 3);
    expect(m.hamFalsePositiveRate).toBe(0.5);
    expect(m.precision).toBeCloseTo(2 / 3);
  });
});

describe.each(['lr', 'nb'] as const)('%s model', (kind) => {
  it('separates spam from ham and scores unseen documents sensibly', () => {
    const model = fitLinearModel(kind, docs, labels, fit);
    expect(scoreOf(model, ['free', 'money', 'the'])).toBeGreaterThan(0.5);
    expect(scoreOf(model, ['patch', 'review', 'the'])).toBeLessThan(0.5);
    // Tokens below the document-frequency floor are not in the vocabulary.
    expect(model.space.index.has('nowhere')).toBe(false);
  });

  it('is reproducible: same data and seed ⇒ the same weights and version', () => {
    const a = fitLinearModel(kind, docs, labels, fit);
    const b = fitLinearModel(kind, docs, labels, fit);
    expect(a.version).toBe(b.version);
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
  });

  it('round-trips through serialization bit for bit, and detects tampering', () => {
    const model = fitLinearModel(kind, docs, labels, fit);
    const back = deserializeModel(JSON.parse(JSON.stringify(serializeModel(model))));
    expect(back.version).toBe(model.version);
    expect(Array.from(back.weights)).toEqual(Array.from(model.weights));
    const tampered = { ...serializeModel(model), bias: model.bias + 1 };
    expect(() => deserializeModel(tampered)).toThrow(/version/);
  });
});

it('a different SGD seed gives a different logistic regression', () => {
  const a = fitLinearModel('lr', docs, labels, fit);
  const b = fitLinearModel('lr', docs, labels, { ...fit, seed: 8 });
  expect(a.version).not.toBe(b.version);
});
