/**
 * The application layer alone — message → score — with no accounts, rates or templates involved. Campaigns use
 * it to attack the content classifier directly, and the feature-space view (which tokens the model knows, their
 * weights) is what a gradient or good-word attack on the model works from.
 */
import { featurize } from './model/feature-space.js';
import { type LinearModel, logitOfColumns, sigmoid } from './model/linear-model.js';
import { type ExtractedMessage, type ExtractionOptions, extractMessage } from './pipeline/extract.js';

export interface ContentScore {
  /** Spam score in [0, 1]. */
  score: number;
  logit: number;
  /** All feature tokens of the message. */
  tokens: string[];
  /** The tokens the model has a weight for (its vocabulary ∩ tokens), with their weights. */
  knownTokens: Array<{ token: string; weight: number }>;
  templateHash: string;
  modelVersion: string;
}

export function scoreExtracted(model: LinearModel, extracted: ExtractedMessage): ContentScore {
  const cols = featurize(model.space, extracted.tokens);
  const logit = logitOfColumns(model, cols);
  return {
    score: sigmoid(logit),
    logit,
    tokens: extracted.tokens,
    knownTokens: Array.from(cols, (j) => ({
      token: model.space.vocabulary[j] as string,
      weight: model.weights[j] as number,
    })),
    templateHash: extracted.templateHash,
    modelVersion: model.version,
  };
}

export async function scoreContent(
  model: LinearModel,
  extraction: ExtractionOptions,
  raw: string,
): Promise<ContentScore> {
  return scoreExtracted(model, await extractMessage(raw, extraction));
}
