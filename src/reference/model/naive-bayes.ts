/**
 * Multinomial naive Bayes over binary token presence (each token counted once per message), with Laplace
 * smoothing. Its log-odds are linear in the present tokens:
 *
 *     w_j = log θ_spam,j − log θ_ham,j,   θ_c,j = (n_c,j + α) / (N_c + α·V),   bias = log(P(spam) / P(ham))
 *
 * Closed form, so training is one counting pass. NB scores are far more extreme than LR's (most are ≈0 or ≈1),
 * which is why the review band rarely sees NB traffic.
 */
import type { LinearWeights } from './logistic-regression.js';
import { rowOf, type SparseBinaryMatrix } from './sparse-matrix.js';

export interface NaiveBayesOptions {
  /** Laplace smoothing α. */
  alpha: number;
}

export function trainNaiveBayes(x: SparseBinaryMatrix, isSpam: Uint8Array, options: NaiveBayesOptions): LinearWeights {
  const spamCounts = new Float64Array(x.columns);
  const hamCounts = new Float64Array(x.columns);
  let spamDocs = 0;
  let spamTotal = 0;
  let hamTotal = 0;
  for (let i = 0; i < x.rows; i++) {
    const cols = rowOf(x, i);
    const counts = isSpam[i] ? spamCounts : hamCounts;
    for (let k = 0; k < cols.length; k++) counts[cols[k] as number] = (counts[cols[k] as number] as number) + 1;
    if (isSpam[i]) {
      spamDocs++;
      spamTotal += cols.length;
    } else hamTotal += cols.length;
  }
  const hamDocs = x.rows - spamDocs;
  if (spamDocs === 0 || hamDocs === 0) throw new Error('naive Bayes needs both spam and ham examples');
  const a = options.alpha;
  const spamDenominator = Math.log(spamTotal + a * x.columns);
  const hamDenominator = Math.log(hamTotal + a * x.columns);
  const weights = new Float64Array(x.columns);
  for (let j = 0; j < x.columns; j++) {
    weights[j] =
      Math.log((spamCounts[j] as number) + a) -
      spamDenominator -
      (Math.log((hamCounts[j] as number) + a) - hamDenominator);
  }
  return { weights, bias: Math.log(spamDocs / hamDocs) };
}
