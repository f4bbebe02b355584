/**
 * Every tactic: the mail pack in family order (the order of TACTIC_FAMILIES), then as listed in each family file;
 * then the web-phishing, fraud and content-moderation packs, one file each.
 */
import type { Tactic } from '../types.js';
import { ACCESS_TACTICS } from './access.js';
import { ACTIVITY_TACTICS } from './activity.js';
import { AUTOMATION_TACTICS } from './automation.js';
import { CONTENT_MODERATION_TACTICS } from './content-moderation.js';
import { FEEDBACK_TACTICS } from './feedback.js';
import { FRAUD_TACTICS } from './fraud.js';
import { INPUT_TACTICS } from './input.js';
import { LAYOUT_TACTICS } from './layout.js';
import { MODEL_TACTICS } from './model.js';
import { URL_TACTICS } from './url.js';
import { WEB_PHISHING_TACTICS } from './web-phishing.js';

export const ALL_TACTICS: Tactic[] = [
  ...INPUT_TACTICS,
  ...LAYOUT_TACTICS,
  ...URL_TACTICS,
  ...ACCESS_TACTICS,
  ...AUTOMATION_TACTICS,
  ...ACTIVITY_TACTICS,
  ...FEEDBACK_TACTICS,
  ...MODEL_TACTICS,
  ...WEB_PHISHING_TACTICS,
  ...FRAUD_TACTICS,
  ...CONTENT_MODERATION_TACTICS,
];
