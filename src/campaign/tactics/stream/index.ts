/**
 * Stream tactics: how the samples are sent (accounts, addresses, pacing, variation, feedback), not what they say.
 */

import type { StreamTactic } from '../types.js';
import { accountRotationTactic } from './account-rotation.js';
import { accountWarmupTactic } from './account-warmup.js';
import { agedAccountPurchaseTactic } from './aged-account-purchase.js';
import { freshAccountsTactic } from './fresh-accounts.js';
import { lowAndSlowTactic } from './low-and-slow.js';
import { massNotSpamTactic } from './mass-not-spam.js';
import { residentialProxiesTactic } from './residential-proxies.js';
import { templateVariationTactic } from './template-variation.js';

export const STREAM_TACTICS: readonly StreamTactic[] = [
  freshAccountsTactic,
  accountRotationTactic,
  agedAccountPurchaseTactic,
  accountWarmupTactic,
  residentialProxiesTactic,
  lowAndSlowTactic,
  templateVariationTactic,
  massNotSpamTactic,
];

export {
  accountRotationTactic,
  accountWarmupTactic,
  agedAccountPurchaseTactic,
  freshAccountsTactic,
  lowAndSlowTactic,
  massNotSpamTactic,
  residentialProxiesTactic,
  templateVariationTactic,
};
