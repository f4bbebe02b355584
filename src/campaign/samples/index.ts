/** Seed samples for campaigns: hand-written phishing lures and deterministic picks from the SpamAssassin corpus. */
export {
  HAM_GROUPS,
  type HamGroup,
  hasLink,
  type PickOptions,
  pickBenignSet,
  pickMaliciousSeeds,
  SPAM_GROUPS,
  type SpamGroup,
} from './corpus.js';
export { PHISHING_SEEDS, phishingSeed } from './phishing.js';
