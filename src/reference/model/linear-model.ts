/**
 * Both reference models (logistic regression and naive Bayes) are linear in the binary token features:
 *
 *     logit = bias + scale(n) · Σ_{known tokens j present} w_j,     score = sigmoid(logit)
 *
 * where n is the number of known tokens present and scale(n) is 1 for `binary` features and 1/√n for
 * `unit-norm` ones (each document vector has length 1). One representation means one scorer, one serializer and
 * one set of weights for feature-space attacks (campaign baselines read `vocabulary` and `weights`).
 */
import { createHash } from 'node:crypto';
import { type FeatureSpace, featureSpaceOf, featurize } from './feature-space.js';

export type ModelKind = 'lr' | 'nb';
export const MODEL_KINDS: readonly ModelKind[] = ['lr', 'nb'];

export type FeatureValue = 'binary' | 'unit-norm';

export interface LinearModel {
  kind: ModelKind;
  space: FeatureSpace;
  weights: Float64Array;
  bias: number;
  featureValue: FeatureValue;
  /** `<kind>-<12 hex of a hash over vocabulary and weights>`: changes whenever the model does. */
  version: string;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function featureScale(featureValue: FeatureValue, present: number): number {
  return featureValue === 'unit-norm' && present > 0 ? 1 / Math.sqrt(present) : 1;
}

/** The logit for given column numbers (ascending, unique). */
export function logitOfColumns(model: LinearModel, cols: Int32Array): number {
  let sum = 0;
  for (let k = 0; k < cols.length; k++) sum += model.weights[cols[k] as number] as number;
  return model.bias + featureScale(model.featureValue, cols.length) * sum;
}

export function logitOf(model: LinearModel, tokens: readonly string[]): number {
  return logitOfColumns(model, featurize(model.space, tokens));
}

/** Spam probability-like score in [0, 1] (higher = more spam). */
export function scoreOf(model: LinearModel, tokens: readonly string[]): number {
  return sigmoid(logitOf(model, tokens));
}

export function modelVersion(kind: ModelKind, space: FeatureSpace, weights: Float64Array, bias: number): string {
  const h = createHash('sha256');
  h.update(space.vocabulary.join('\n'));
  h.update(new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength));
  h.update(String(bias));
  return `${kind}-${h.digest('hex').slice(0, 12)}`;
}

export function makeLinearModel(
  kind: ModelKind,
  space: FeatureSpace,
  weights: Float64Array,
  bias: number,
  featureValue: FeatureValue,
): LinearModel {
  return { kind, space, weights, bias, featureValue, version: modelVersion(kind, space, weights, bias) };
}

/** The JSON shape of a saved model (weights as base64 of little-endian float64, so they round-trip exactly). */
export interface SerializedLinearModel {
  kind: ModelKind;
  vocabulary: string[];
  weightsBase64: string;
  bias: number;
  featureValue: FeatureValue;
  version: string;
}

export function serializeModel(model: LinearModel): SerializedLinearModel {
  return {
    kind: model.kind,
    vocabulary: [...model.space.vocabulary],
    weightsBase64: Buffer.from(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength).toString(
      'base64',
    ),
    bias: model.bias,
    featureValue: model.featureValue,
    version: model.version,
  };
}

export function deserializeModel(s: SerializedLinearModel): LinearModel {
  const bytes = Buffer.from(s.weightsBase64, 'base64');
  const weights = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(weights.buffer).set(bytes);
  if (weights.length !== s.vocabulary.length) throw new Error('saved model: weights and vocabulary differ in length');
  const model = makeLinearModel(s.kind, featureSpaceOf(s.vocabulary), weights, s.bias, s.featureValue);
  if (model.version !== s.version) throw new Error('saved model: content does not match its version hash');
  return model;
}
