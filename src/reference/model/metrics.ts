/** Classification quality of a spam filter: spam recall, ham false-positive rate, ROC AUC and friends. */

export interface QualityMetrics {
  /** Test messages scored. */
  n: number;
  spam: number;
  ham: number;
  /** Threshold the confusion counts use (score ≥ threshold ⇒ flagged as spam). */
  threshold: number;
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
  /** Share of spam flagged (TP / spam). */
  spamRecall: number;
  /** Share of ham flagged (FP / ham). */
  hamFalsePositiveRate: number;
  precision: number;
  accuracy: number;
  /** Area under the ROC curve (ties count half). */
  rocAuc: number;
}

/**
 * `scores` may be any monotone function of the spam probability (logits avoid the ties that saturated
 * probabilities create); `threshold` must be on the same scale.
 */
export function qualityMetrics(
  scores: ArrayLike<number>,
  isSpam: ArrayLike<boolean>,
  threshold: number,
): QualityMetrics {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const flagged = (scores[i] as number) >= threshold;
    if (isSpam[i]) flagged ? tp++ : fn++;
    else flagged ? fp++ : tn++;
  }
  const spam = tp + fn;
  const ham = fp + tn;
  return {
    n: scores.length,
    spam,
    ham,
    threshold,
    truePositives: tp,
    falsePositives: fp,
    trueNegatives: tn,
    falseNegatives: fn,
    spamRecall: spam ? tp / spam : 0,
    hamFalsePositiveRate: ham ? fp / ham : 0,
    precision: tp + fp ? tp / (tp + fp) : 0,
    accuracy: scores.length ? (tp + tn) / scores.length : 0,
    rocAuc: rocAuc(scores, isSpam),
  };
}

/** Mann–Whitney form of ROC AUC: the probability a random spam outscores a random ham (ties count ½). */
export function rocAuc(scores: ArrayLike<number>, isSpam: ArrayLike<boolean>): number {
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort(
    (a, b) => (scores[a] as number) - (scores[b] as number),
  );
  let rankSumSpam = 0;
  let spam = 0;
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1] as number] === scores[idx[i] as number]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (isSpam[idx[k] as number]) {
        rankSumSpam += averageRank;
        spam++;
      }
    }
    i = j + 1;
  }
  const ham = scores.length - spam;
  if (spam === 0 || ham === 0) return Number.NaN;
  return (rankSumSpam - (spam * (spam + 1)) / 2) / (spam * ham);
}
