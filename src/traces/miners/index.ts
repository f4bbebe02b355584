/** Every miner, in the order they run and appear in help and docs. */
import { campaignEvasion } from './campaign-evasion.js';
import { confidenceLoss } from './confidence-loss.js';
import { escalated } from './escalated.js';
import type { Miner } from './miner.js';
import { newTemplate } from './new-template.js';
import { overturned } from './overturned.js';
import { uncertain } from './uncertain.js';

export const MINERS: readonly Miner[] = [
  uncertain,
  escalated,
  overturned,
  newTemplate,
  confidenceLoss,
  campaignEvasion,
];

export const MINER_NAMES = MINERS.map((m) => m.name);

export type { Miner, MinerContext, MinerParams } from './miner.js';
export { DEFAULT_MINER_PARAMS } from './miner.js';
