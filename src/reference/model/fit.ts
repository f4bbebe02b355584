/**
 * Fit a spam model on tokenized documents: build the feature space, the sparse matrix, then train NB or LR.
 * Used by initial training and by retraining (which adds user-labelled reports to the documents).
 */
import type { Label } from '../corpus.js';
import { buildFeatureSpace, type FeatureSpaceOptions } from './feature-space.js';
import { type LinearModel, type ModelKind, makeLinearModel } from './linear-model.js';
import { type LogisticRegressionOptions, trainLogisticRegression } from './logistic-regression.js';
import { type NaiveBayesOptions, trainNaiveBayes } from './naive-bayes.js';
import { sparseMatrixOf } from './sparse-matrix.js';

export interface FitOptions {
  seed: number;
  features: FeatureSpaceOptions;
  lr: Omit<LogisticRegressionOptions, 'seed'>;
  nb: NaiveBayesOptions;
}

/** Chosen on the default split (see docs/reference-system.md); kept fixed so results stay comparable. */
export const DEFAULT_FIT: Omit<FitOptions, 'seed'> = {
  features: { minDocumentFrequency: 3, maxFeatures: 50_000 },
  lr: { epochs: 20, learningRate: 2, l2: 1e-5, featureValue: 'unit-norm' },
  nb: { alpha: 1 },
};

export function fitLinearModel(
  kind: ModelKind,
  docs: readonly (readonly string[])[],
  labels: readonly Label[],
  options: FitOptions,
): LinearModel {
  if (docs.length !== labels.length) throw new Error('fitLinearModel: docs and labels differ in length');
  const space = buildFeatureSpace(docs, options.features);
  const x = sparseMatrixOf(space, docs);
  const isSpam = Uint8Array.from(labels, (l) => (l === 'spam' ? 1 : 0));
  if (kind === 'nb') {
    const { weights, bias } = trainNaiveBayes(x, isSpam, options.nb);
    return makeLinearModel('nb', space, weights, bias, 'binary');
  }
  const { weights, bias } = trainLogisticRegression(x, isSpam, { ...options.lr, seed: options.seed });
  return makeLinearModel('lr', space, weights, bias, options.lr.featureValue);
}
