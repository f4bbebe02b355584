/**
 * Sparse logistic regression trained with SGD on binary features, L2-regularised, hand-written over typed arrays.
 * The L2 shrinkage is applied lazily through a global scale factor (w = scale · v), so each step costs only the
 * features present in one message. Reproducible: the visiting order comes from a seeded shuffle and every
 * operation is plain IEEE-754 arithmetic.
 */
import { SeededRandom } from '../../util/random.js';
import type { FeatureValue } from './linear-model.js';
import { featureScale, sigmoid } from './linear-model.js';
import { rowOf, type SparseBinaryMatrix } from './sparse-matrix.js';

export interface LogisticRegressionOptions {
  epochs: number;
  /** Initial step size; decays as η₀ / (1 + η₀·λ·t). */
  learningRate: number;
  /** L2 strength per example (λ). */
  l2: number;
  seed: number;
  featureValue: FeatureValue;
}

export interface LinearWeights {
  weights: Float64Array;
  bias: number;
}

export function trainLogisticRegression(
  x: SparseBinaryMatrix,
  isSpam: Uint8Array,
  options: LogisticRegressionOptions,
): LinearWeights {
  const v = new Float64Array(x.columns);
  let scale = 1;
  let bias = 0;
  let t = 0;
  const rng = new SeededRandom(options.seed).fork('sgd-order');
  const order = Array.from({ length: x.rows }, (_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    rng.shuffle(order);
    for (const i of order) {
      const cols = rowOf(x, i);
      const value = featureScale(options.featureValue, cols.length);
      let dot = 0;
      for (let k = 0; k < cols.length; k++) dot += v[cols[k] as number] as number;
      const p = sigmoid(bias + scale * value * dot);
      const gradient = p - (isSpam[i] as number);
      const eta = options.learningRate / (1 + options.learningRate * options.l2 * t);
      scale *= 1 - eta * options.l2;
      const step = (eta * gradient * value) / scale;
      for (let k = 0; k < cols.length; k++) v[cols[k] as number] = (v[cols[k] as number] as number) - step;
      bias -= eta * gradient;
      t++;
      if (scale < 1e-9) {
        for (let j = 0; j < v.length; j++) v[j] = (v[j] as number) * scale;
        scale = 1;
      }
    }
  }
  const weights = new Float64Array(x.columns);
  for (let j = 0; j < v.length; j++) weights[j] = (v[j] as number) * scale;
  return { weights, bias };
}
